"""The collector service: every source on its own interval (with jitter), all concurrently.

One poll of a source: re-send what was staged but never acknowledged (a crash between the two),
then let the kind yield candidates; each batch is decided against the seen-set, staged in the
store (published = false), sent to ``items.raw``, and marked published for exactly the revisions
the broker acknowledged. The cursor (ETag, Last-Modified, kind cursor) is saved only after a poll
that ended well. A restart therefore neither loses an item nor publishes one twice, short of a
crash in the instant between the broker's ack and the store's commit (then one duplicate with the
same id and revision, which every consumer treats as a no-op).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import threading
from collections.abc import Callable, Coroutine
from datetime import UTC
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy.exc import SQLAlchemyError

from collectors import health, items, sources
from collectors.fetch import Fetcher
from collectors.kinds import REGISTRY
from collectors.kinds.base import Candidate, PollContext
from collectors.publish import KafkaPublisher, Publisher
from collectors.settings import CollectorSettings
from collectors.shard import Shard
from collectors.sources import LoadedSource
from collectors.state import CollectorStore, SourceState
from collectors.urls import BadURL, host_of
from core import metrics
from core.contracts import ContractError, RawItem, decode, utcnow
from core.errors import Failure
from store.db import migrate

log = logging.getLogger(__name__)
T = TypeVar("T")


class Collector:
    """Polls sources into a publisher; owns nothing it did not create."""

    def __init__(self, settings: CollectorSettings, store: CollectorStore, publisher: Publisher,
                 fetcher: Fetcher, shard: Shard | None = None) -> None:
        self.settings = settings
        # This instance's share of the hosts when several instances run (None: every source).
        self.shard = shard
        self.store = store
        self.publisher = publisher
        self.fetcher = fetcher
        self.stopping = asyncio.Event()
        # Batches between staging and marking published: shielded from cancellation, awaited on exit.
        self._inflight: set[asyncio.Task] = set()

    async def poll(self, loaded: LoadedSource) -> health.PollOutcome:
        spec = loaded.spec
        ids = {"source": spec.id}
        outcome = health.PollOutcome()
        state = await asyncio.to_thread(self.store.load_state, spec.id)
        ctx = PollContext(spec=spec, options=loaded.options, settings=self.settings, fetcher=self.fetcher,
                          etag=state.etag, last_modified=state.last_modified, cursor=dict(state.cursor or {}))
        ctx.is_seen = lambda url: asyncio.to_thread(self.store.is_published, spec.id, items.item_id(url))
        ctx.published_elsewhere = lambda ids: asyncio.to_thread(self.store.published_elsewhere, spec.id, ids)
        try:
            async with asyncio.timeout(self.settings.poll_timeout_s):
                await self._until_stopped(self._work(loaded, ctx, outcome), outcome)
        except TimeoutError:
            outcome.failure = Failure(f"采集超时 (poll took longer than {self.settings.poll_timeout_s:.0f}s)",
                                      retry=True)
        except Exception as exc:  # a kind's bug must not take the other sources down
            log.exception("poll of %s crashed", spec.id, extra=ids)
            outcome.failure = Failure(f"采集程序错误 ({type(exc).__name__}: {exc})", retry=True)
        outcome.found = ctx.found
        outcome.problems = ctx.problems
        outcome.not_modified = ctx.not_modified
        if outcome.failure is None and ctx.failure is not None:
            outcome.failure = ctx.failure
        if outcome.failure is None and not outcome.interrupted:
            await asyncio.to_thread(self.store.save_state, spec.id,
                                    SourceState(ctx.etag, ctx.last_modified, ctx.cursor))
        if not outcome.interrupted:
            await self._record(loaded, outcome)
        return outcome

    async def _work(self, loaded: LoadedSource, ctx: PollContext, outcome: health.PollOutcome) -> None:
        resent = await self._resend_pending(loaded.spec.id, ctx)
        if isinstance(resent, Failure):
            outcome.failure = resent
            return
        outcome.published += resent
        await self._run_kind(loaded, ctx, outcome)

    async def _until_stopped(self, work: Coroutine[Any, Any, None], outcome: health.PollOutcome) -> None:
        """Run a poll, but give it up at shutdown: a fetch in flight is cancelled, a batch being
        published is not (it is shielded and finishes)."""
        task = asyncio.ensure_future(work)
        stop = asyncio.ensure_future(self.stopping.wait())
        try:
            done, _ = await asyncio.wait({task, stop}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            stop.cancel()
        if task in done:
            task.result()
            return
        outcome.interrupted = True
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task

    async def drain(self) -> None:
        if self._inflight:
            await asyncio.gather(*self._inflight, return_exceptions=True)

    async def _shielded(self, work: Coroutine[Any, Any, T]) -> T:
        task = asyncio.ensure_future(work)
        self._inflight.add(task)
        task.add_done_callback(self._inflight.discard)
        return await asyncio.shield(task)

    async def _run_kind(self, loaded: LoadedSource, ctx: PollContext, outcome: health.PollOutcome) -> None:
        kind = REGISTRY[loaded.spec.kind]
        batch: list[Candidate] = []
        guids: set[str] = set()
        async for candidate in kind.poll(ctx):
            if self.stopping.is_set():
                outcome.interrupted = True
                break
            try:
                key = items.item_id(candidate.url)
            except BadURL as exc:
                ctx.problem(f"条目已跳过: {exc}")
                continue
            if key in guids:
                ctx.problem(f"重复条目 {candidate.guid or candidate.url!r} (duplicate within one poll, kept the first)")
                continue
            guids.add(key)
            batch.append(candidate)
            if len(batch) >= self.settings.publish_batch:
                failure = await self._shielded(self._publish_batch(loaded, ctx, batch, outcome))
                batch = []
                if failure is not None:
                    outcome.failure = failure
                    return
        if batch and not outcome.interrupted:
            failure = await self._shielded(self._publish_batch(loaded, ctx, batch, outcome))
            if failure is not None:
                outcome.failure = failure

    async def _publish_batch(self, loaded: LoadedSource, ctx: PollContext, batch: list[Candidate],
                             outcome: health.PollOutcome) -> Failure | None:
        spec = loaded.spec
        now = utcnow()

        def decide_and_stage() -> list[RawItem]:
            ids = [items.item_id(c.url) for c in batch]
            seen = self.store.seen(spec.id, ids)
            chosen = []
            for candidate, item_id in zip(batch, ids, strict=True):
                # One entry that cannot become an item (a URL too long, a field out of range) is
                # skipped and recorded; the others of the batch go on.
                try:
                    built = items.decide(spec, candidate, seen.get(item_id), now)
                except (ValueError, ContractError) as exc:
                    ctx.problem(f"条目已跳过 ({candidate.url[:200]}): {exc}")
                    continue
                if built is None:
                    continue
                if built.item.text.endswith(items.TRUNCATED_MARK) and len(candidate.text) > len(built.item.text):
                    ctx.problem(f"正文过长，已截断 ({len(candidate.text)} characters: {built.item.url[:200]})")
                chosen.append(built)
            self.store.stage(spec.id, [b.staged for b in chosen])
            return [b.item for b in chosen]

        to_send = await asyncio.to_thread(decide_and_stage)
        if not to_send:
            return None
        published, failure = await self._send(spec.id, to_send, ctx.problem)
        outcome.published += published
        for item in to_send:
            log.debug("published %s rev %d", item.url, item.revision, extra={"source": spec.id, "item": item.id})
        return failure

    async def _send(self, source_id: str, to_send: list[RawItem],
                    problem: Callable[[str], None]) -> tuple[int, Failure | None]:
        """Publish; what the broker refuses for good is recorded and never sent again (only a
        changed revision of it is tried anew), so one item cannot hold its source back."""
        acked, refused, failure = await asyncio.to_thread(self.publisher.publish, to_send)
        for item_id, revision, reason in refused:
            problem(f"条目被拒，不再重发 (item {item_id} rev {revision} refused: {reason})")
            log.error("item refused by the broker, not retried: %s", reason,
                      extra={"source": source_id, "item": item_id})
        await asyncio.to_thread(self.store.mark_published, source_id,
                                [*acked, *((i, r) for i, r, _ in refused)])
        return len(acked), failure

    async def _resend_pending(self, source_id: str, ctx: PollContext) -> int | Failure:
        pending = await asyncio.to_thread(self.store.pending, source_id)
        if not pending:
            return 0
        to_send: list[RawItem] = []
        unreadable: list[tuple[str, int]] = []
        for p in pending:
            try:
                to_send.append(decode(p.payload.encode("utf-8", "surrogatepass"), RawItem))
            except ContractError as exc:
                ctx.problem(f"暂存条目无法重发，已放弃 (staged item {p.item_id} rev {p.revision}: {exc})")
                unreadable.append((p.item_id, p.revision))
        if unreadable:
            await asyncio.to_thread(self.store.mark_published, source_id, unreadable)
        if not to_send:
            return 0
        log.info("re-sending %d items staged but not acknowledged", len(to_send), extra={"source": source_id})

        async def send() -> int | Failure:
            published, failure = await self._send(source_id, to_send, ctx.problem)
            return failure if failure is not None else published

        return await self._shielded(send())

    async def _record(self, loaded: LoadedSource, outcome: health.PollOutcome) -> None:
        spec = loaded.spec
        now = utcnow()

        def save() -> list[dict]:
            row, alerts = health.apply(self.store.health(spec.id), spec, outcome, self.settings, now)
            self.store.save_health(row)
            metrics.SOURCE_HEALTHY.labels(spec.id).set(0 if row.alert else 1)
            errors = [(p.reason, None, p.retry, False) for p in outcome.problems]
            if outcome.failure is not None:
                errors.append((outcome.failure.reason, spec.url, outcome.failure.retry, True))
            self.store.record_errors(spec.id, errors, now)
            return alerts

        alerts = await asyncio.to_thread(save)
        metrics.POLLS.labels(spec.id, "failed" if outcome.failure is not None else "ok").inc()
        metrics.ITEMS_COLLECTED.labels(spec.id).inc(outcome.published)
        ids = {"source": spec.id}
        if outcome.failure is not None:
            log.warning("poll failed: %s", outcome.failure, extra=ids)
        else:
            log.info("poll ok: found %d, published %d, problems %d", outcome.found, outcome.published,
                     len(outcome.problems), extra=ids)
        for problem in outcome.problems[:5]:
            log.info("problem: %s", problem.reason, extra=ids)
        for alert in alerts:
            log.warning("ops alert %s: %s", alert["kind"], alert["message"], extra=ids)
            failure = await asyncio.to_thread(self.publisher.alert, alert)
            if failure is not None:
                log.warning("alert not delivered: %s", failure, extra=ids)

    async def run_source(self, loaded: LoadedSource, once: bool) -> None:
        spec = loaded.spec
        # Spread the first polls so that hundreds of sources do not start in the same instant.
        if not once:
            await self._sleep(random.uniform(0, min(spec.interval_s, 5.0) * self.settings.jitter * 10))
        host, held = host_of(spec.url), True
        while not self.stopping.is_set():
            if self.shard is not None:
                owned = self.shard.owns(host)
                if owned and not held:
                    # Taken over from another instance: poll when the source is due, not at once.
                    due = await asyncio.to_thread(self._due_in, spec.id, spec.interval_s)
                    if due > 0:
                        await self._sleep(min(due, self.shard.heartbeat_s))
                        continue
                held = owned
                if not owned:
                    await self._sleep(self.shard.heartbeat_s / 2)
                    continue
            try:
                outcome = await self.poll(loaded)
            except SQLAlchemyError as exc:
                # The store is read-only or gone: nothing was marked, the next poll does it all again.
                log.warning("store unavailable, poll given up: %s", str(exc)[:300], extra={"source": spec.id})
                outcome = health.PollOutcome(failure=Failure(f"存储不可用 ({type(exc).__name__})", retry=True))
            if once or self.stopping.is_set():
                return
            delay = spec.interval_s * (1 + random.uniform(-self.settings.jitter, self.settings.jitter))
            if outcome.failure is not None and outcome.failure.retry_after:
                delay = max(delay, outcome.failure.retry_after)
            await self._sleep(delay)

    def _due_in(self, source_id: str, interval_s: float) -> float:
        row = self.store.health(source_id)
        if row is None or row.last_poll is None:
            return 0.0
        last = row.last_poll if row.last_poll.tzinfo else row.last_poll.replace(tzinfo=UTC)
        return interval_s - (utcnow() - last).total_seconds()

    async def _sleep(self, seconds: float) -> None:
        try:
            await asyncio.wait_for(self.stopping.wait(), timeout=max(0.0, seconds))
        except TimeoutError:
            return

    async def run(self, loaded: list[LoadedSource], once: bool = False) -> None:
        active = [s for s in loaded if s.spec.enabled]
        log.info("collecting from %d sources (%d disabled)", len(active), len(loaded) - len(active))
        await asyncio.gather(*(self.run_source(s, once) for s in active))


async def _watch(stop: threading.Event, collector: Collector) -> None:
    with metrics.HEALTH.beating("collectors") as beat:
        while not stop.is_set() and not collector.stopping.is_set():
            beat()  # the event loop turns
            await asyncio.sleep(0.1)
    collector.stopping.set()


async def _heartbeat(shard: Shard, collector: Collector) -> None:
    while not collector.stopping.is_set():
        await collector._sleep(shard.heartbeat_s)
        if collector.stopping.is_set():
            return
        try:
            await asyncio.to_thread(shard.tick)
        except SQLAlchemyError as exc:
            # Leases run out locally before they do in the store: polling pauses until the store is back.
            log.warning("lease heartbeat failed (%s): %s", type(exc).__name__, str(exc)[:300])


async def _main(settings: CollectorSettings, stop: threading.Event | None, once: bool,
                publisher_factory: Callable[[], Publisher] | None) -> None:
    loaded = sources.load(Path(settings.sources))
    await asyncio.to_thread(migrate, settings.store)
    store = CollectorStore(settings.store)
    # A one-off poll (--once) polls every source it is given; a service shares them with the others.
    shard = None if once else Shard(settings.store, {host_of(s.spec.url) for s in loaded if s.spec.enabled},
                                    settings.lease_ttl_s)
    if shard is not None:
        await asyncio.to_thread(shard.register)
        log.info("collector instance %s holds %d of %d hosts", shard.id, len(shard.owned()), len(shard.hosts))
    publisher = publisher_factory() if publisher_factory else await asyncio.to_thread(
        KafkaPublisher, settings.kafka, settings.publish_timeout_s)
    fetcher = Fetcher(settings)
    collector = Collector(settings, store, publisher, fetcher, shard)
    watcher = asyncio.create_task(_watch(stop, collector)) if stop is not None else None
    heartbeat = asyncio.create_task(_heartbeat(shard, collector)) if shard is not None else None
    try:
        await collector.run(loaded, once=once)
    finally:
        collector.stopping.set()
        if watcher is not None:
            await watcher
        if heartbeat is not None:
            await heartbeat
        await collector.drain()
        if shard is not None:
            try:
                await asyncio.to_thread(shard.release)
            except SQLAlchemyError as exc:
                log.warning("leases not given back (%s); they expire in %.0fs", type(exc).__name__, shard.ttl_s)
            shard.close()
        await fetcher.close()
        publisher.close()
        store.close()


def run(settings: CollectorSettings, stop: threading.Event | None = None, once: bool = False,
        publisher_factory: Callable[[], Publisher] | None = None) -> None:
    """Run the collectors until ``stop`` is set (or one poll of each source when ``once``)."""
    asyncio.run(_main(settings, stop, once, publisher_factory))
