"""The router service: items.scored → cases, clocks and the outbox; delivery; the clock ticker.

:class:`RouterProcessor` handles a batch in one store transaction: each scored item and its score
are upserted, routed by the profile, and its case created (or re-scored) with clocks and queued
notifications, all keyed by the item id so a replayed batch changes nothing. A message that does
not fit the contract goes to the dead-letter topic; a store failure retries the batch.
:func:`run` runs the stage, the delivery worker and the ticker in threads of one process.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Protocol

from sqlalchemy.exc import DataError, IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from core import contracts, metrics, topics
from core.contracts import ContractError, ScoredItem
from core.errors import BrokerUnavailable, ConfigError
from core.settings import OpsSettings, redacted
from core.stage import BatchResult, Record, Rejected, RetryLater, StageRunner
from policies import UnknownProfile, profile_dir
from router import cases, clocks, policy, receipts
from router.delivery import Bulkhead, Delivery, RateLimiter
from router.ops_alerts import OpsAlertProcessor
from router.ops_alerts import delivery_loop as ops_delivery_loop
from router.settings import RouterSettings
from router.timeutil import now as utcnow
from store.db import make_engine, migrate, sessions
from store.items import superseded, upsert_scored
from store.retention import prune_loop
from store.tables import CaseRow

log = logging.getLogger(__name__)
# The outcome of an item revision older than one the store already holds: nothing to do.
SUPERSEDED = "superseded"


class PolicyHolder:
    """The current profile; a reload that fails keeps the last valid one."""

    def __init__(self, name_or_path: str) -> None:
        self.source = name_or_path
        try:
            self.path: Path = profile_dir(name_or_path) / "profile.yaml"
        except UnknownProfile as exc:
            raise ConfigError(str(exc)) from exc
        self.current: policy.Profile = policy.load(self.path)
        self._mtime = self._stat()
        self.last_error: str | None = None

    def _stat(self) -> float:
        try:
            return self.path.stat().st_mtime
        except OSError:
            return 0.0

    def __call__(self) -> policy.Profile:
        return self.current

    def reload_if_changed(self) -> bool:
        mtime = self._stat()
        if mtime == self._mtime:
            return False
        self._mtime = mtime
        try:
            fresh = policy.load(self.path)
        except ConfigError as exc:
            self.last_error = str(exc)
            log.error("policy reload refused, keeping the last valid profile %s: %s", self.current.name, exc,
                      extra={"stage": "router"})
            return False
        self.current, self.last_error = fresh, None
        log.info("policy %s reloaded from %s", fresh.name, self.path, extra={"stage": "router"})
        return True


class RoutedHook(Protocol):
    """Runs for each routed item in the batch's transaction; a store error in it retries the batch.

    Optional methods: ``prepare(session, items)`` before the batch's items, ``finish(session)``
    after each part of the batch (its buffered writes), both in the same transaction.
    """

    def __call__(self, session: Session, scored: ScoredItem, case: CaseRow | None, outcome: str,
                 now: datetime) -> None: ...


class RouterProcessor:
    """A :class:`core.stage.Processor`: scored items → cases, clocks and queued notifications."""

    def __init__(self, settings: RouterSettings, profile: Callable[[], policy.Profile] | policy.Profile | None = None,
                 session_factory: sessionmaker[Session] | None = None,
                 on_routed: Sequence[RoutedHook] = (), responses: cases.ResponseFinder | None = None) -> None:
        self.settings = settings
        # Called per item inside the batch transaction (e.g. incidents.assign / link_case).
        self.on_routed = tuple(on_routed)
        # Finds the incident case an official response answers (incidents), so it joins that case.
        self.responses = responses
        if profile is None:
            profile = PolicyHolder(settings.profile)
        self._profile = profile if callable(profile) else (lambda: profile)
        self._sessions = session_factory or sessions(make_engine(settings.store))
        self.counts: dict[str, int] = {}

    def process(self, records: Sequence[Record]) -> BatchResult:
        result = BatchResult()
        decoded: list[tuple[Record, ScoredItem]] = []
        for record in records:
            try:
                decoded.append((record, contracts.decode(record.value, ScoredItem)))
            except ContractError as exc:
                result.rejected.append(Rejected(record, str(exc)))
        if not decoded:
            return result
        try:
            outcomes = self._route(decoded)
        except _PERMANENT_STORE_ERRORS as exc:
            if len(decoded) > 1:
                log.warning("router: the store refused a batch of %d (%s); routing one by one", len(decoded),
                            type(exc).__name__, extra={"stage": "router"})
            outcomes = []
            for one in decoded:
                routed = self._route_alone(one)
                if isinstance(routed, Rejected):
                    result.rejected.append(routed)
                else:
                    outcomes.extend(routed)
        # items.scored is keyed by story (classifier.service): the item's id comes from the message.
        item_ids = {record: scored.item.id for record, scored in decoded}
        for record, case_id, outcome in outcomes:
            self.counts[outcome] = self.counts.get(outcome, 0) + 1
            log.debug("routed: %s", outcome, extra={**record.ids, "item": item_ids.get(record), "case": case_id})
        return result

    def _route_alone(self, one: tuple[Record, ScoredItem]) -> list[tuple[Record, int | None, str]] | Rejected:
        """Route one item; what the store refuses for good is a dead letter, not a retry for ever.

        An IntegrityError may be a race with another replica that has just committed the same
        row, so it is tried once more; a DataError (out of range, too long, a NUL) never heals.
        """
        for attempt in (1, 2):
            try:
                return self._route([one])
            except _PERMANENT_STORE_ERRORS as exc:
                if isinstance(exc, IntegrityError) and attempt == 1:
                    continue
                return Rejected(one[0], f"store refused: {type(exc).__name__}: {str(exc.orig or exc)[:300]}")
        raise AssertionError("unreachable")

    def _parts(self, decoded: list[tuple[Record, ScoredItem]]) -> list[list[tuple[Record, ScoredItem]]]:
        """The batch in order, cut before each possible official response: the story it answers may
        be earlier in the same batch, and its incident exists only once that part's hooks ran."""
        if self.responses is None:
            return [decoded]
        parts: list[list[tuple[Record, ScoredItem]]] = [[]]
        for pair in decoded:
            if self.responses.candidate(pair[1]) and parts[-1]:
                parts.append([])
            parts[-1].append(pair)
        return parts

    def _route(self, decoded: list[tuple[Record, ScoredItem]]) -> list[tuple[Record, int | None, str]]:
        """Route items in one transaction; a store that is away raises RetryLater."""
        profile = self._profile()
        now = utcnow()
        outcomes: list[tuple[Record, int | None, str]] = []
        try:
            with self._sessions() as session, session.begin():
                # An older revision than one already routed (or later in this batch) changes nothing.
                old = superseded(session, [scored.item for _, scored in decoded])
                if old:
                    outcomes.extend((record, None, SUPERSEDED) for record, scored in decoded
                                    if (scored.item.id, scored.item.revision) in old)
                    decoded = [pair for pair in decoded if (pair[1].item.id, pair[1].item.revision) not in old]
                    if not decoded:
                        return outcomes
                upsert_scored(session, [scored for _, scored in decoded])
                for hook in self.on_routed:
                    # A hook may read what it needs for the whole batch at once (incidents: replays).
                    if (prepare := getattr(hook, "prepare", None)) is not None:
                        prepare(session, [scored for _, scored in decoded])
                for part in self._parts(decoded):
                    opened = cases.open_batch(session, profile, self.settings, [scored for _, scored in part], now,
                                              self.responses)
                    for (record, scored), (case, outcome) in zip(part, opened, strict=True):
                        for hook in self.on_routed:
                            hook(session, scored, case, outcome, now)
                        outcomes.append((record, case.id if case is not None else None, outcome))
                    for hook in self.on_routed:
                        # A hook may write what it buffered per item at once (incidents: items, keys).
                        if (finish := getattr(hook, "finish", None)) is not None:
                            finish(session)
        except _PERMANENT_STORE_ERRORS:
            raise
        except SQLAlchemyError as exc:
            raise RetryLater(f"store: {type(exc).__name__}: {str(exc)[:300]}") from exc
        return outcomes


# What the store says about the data itself (out of range, too long, a NUL, a broken reference):
# retrying the same item cannot help. Anything else (connection lost, locked, server away) can heal.
_PERMANENT_STORE_ERRORS = (DataError, IntegrityError)


def tick_loop(session_factory: sessionmaker[Session], settings: RouterSettings, holder: PolicyHolder,
              stop: threading.Event) -> None:
    """Every ``tick_s``: reminders and escalations from the store; every ``reload_interval_s``: the policy."""
    last_reload = last_sweep = 0.0
    with metrics.HEALTH.beating("router:clocks", stale_after_s=max(300.0, 4 * settings.tick_s)) as beat:
        while not stop.is_set():
            beat()
            if time.monotonic() - last_reload >= settings.reload_interval_s:
                holder.reload_if_changed()
                last_reload = time.monotonic()
            if settings.incidents and time.monotonic() - last_sweep >= settings.incidents_sweep_s:
                last_sweep = time.monotonic()
                _sweep_incidents(session_factory)
            try:
                with session_factory() as session, session.begin():
                    counts = clocks.tick(session, holder(), settings, utcnow())
                if counts["reminders"] or counts["breaches"]:
                    log.info("clock tick: %d reminders, %d breaches", counts["reminders"], counts["breaches"],
                             extra={"stage": "router"})
            except SQLAlchemyError as exc:
                log.warning("clock tick: store unavailable (%s); next tick retries", type(exc).__name__,
                            extra={"stage": "router"})
            stop.wait(settings.tick_s)


def _sweep_incidents(session_factory: sessionmaker[Session]) -> None:
    from incidents.routing import sweep_and_note

    try:
        with session_factory() as session, session.begin():
            swept = sweep_and_note(session, utcnow())
        if swept.proposals:
            log.info("incident sweep: %d proposed for closing (平息)", len(swept.proposals))
    except SQLAlchemyError as exc:
        log.warning("incident sweep: store unavailable (%s); the next sweep retries", type(exc).__name__)


def _run_ops(runner: StageRunner, stop: threading.Event) -> None:
    """The ops.alerts consumer beside the main stage; the broker being away is waited out."""
    while not stop.is_set():
        try:
            runner.run()
            return
        except BrokerUnavailable as exc:
            log.warning("ops alerts: %s; retrying", exc, extra={"stage": "router"})


def safe_settings(settings: RouterSettings) -> dict:
    """Settings for the log: secrets masked, including the named webhook secrets."""
    shown = redacted(settings)
    shown["webhook_secrets"] = dict.fromkeys(settings.webhook_secrets, "***")
    return shown


def run(settings: RouterSettings, stop_event: threading.Event | None = None, *, max_idle_s: float | None = None,
        install_signals: bool = False, group_id: str | None = None, on_routed: Sequence[RoutedHook] = (),
        retention: OpsSettings | None = None) -> None:
    """Run the router: the items.scored stage, the delivery worker and the clock ticker.

    A bad profile refuses the start (ConfigError); ``stop_event`` (or SIGTERM with
    ``install_signals``) stops all three after the work in hand. ``group_id`` (default
    ``yuqing-router``) lets tests and benchmarks consume with a group of their own; ``on_routed``
    hooks run per item in the batch transaction.
    """
    stop = stop_event or threading.Event()
    holder = PolicyHolder(settings.profile)
    log.info("router starting with profile %s, settings %s", holder.current.name, safe_settings(settings),
             extra={"stage": "router"})
    migrate(settings.store)
    receipts.receipt_key(settings)  # the install's own key is created before the first link is signed
    engine = make_engine(settings.store)
    factory = sessions(engine)
    with factory() as session, session.begin():
        # A holiday file brought up to date corrects the deadlines counted past its old end.
        moved = clocks.recount(session, holder.current, utcnow())
    if moved:
        log.info("%d working-day deadlines recounted by the updated calendar", moved, extra={"stage": "router"})
    hooks = tuple(on_routed)
    responses = None
    if settings.incidents:
        from incidents.routing import router_hook

        incidents_hook = router_hook(settings, holder, fold_joined=settings.incidents_fold_joined)
        hooks, responses = (*hooks, incidents_hook), incidents_hook
    processor = RouterProcessor(settings, holder, factory, on_routed=hooks, responses=responses)
    runner = StageRunner("router", settings.kafka, topics.SCORED.name, processor, group_id=group_id)
    if install_signals:
        runner.install_signal_handlers()
    limiter = RateLimiter(dict(settings.rate_per_minute))
    bulkhead = Bulkhead(settings.delivery_per_receiver)
    deliveries = [Delivery(factory, settings, holder, limiter=limiter, bulkhead=bulkhead)
                  for _ in range(settings.delivery_workers)]
    workers = [
        *(threading.Thread(target=d.run, args=(stop,), name=f"router-delivery-{n}", daemon=True)
          for n, d in enumerate(deliveries)),
        threading.Thread(target=tick_loop, args=(factory, settings, holder, stop), name="router-clocks", daemon=True),
    ]
    ops_runner = StageRunner("router-ops", settings.kafka, topics.OPS.name, OpsAlertProcessor(factory),
                             group_id=f"{group_id}-ops" if group_id else None)
    if retention is not None:
        # The data lifecycle ([ops] keep_*_days) is enforced here, on its own.
        workers.append(threading.Thread(target=prune_loop, args=(factory, retention, cases.OPEN, stop),
                                        name="router-retention", daemon=True))
    if settings.ops_alerts:
        workers += [threading.Thread(target=_run_ops, args=(ops_runner, stop), name="router-ops", daemon=True),
                    threading.Thread(target=ops_delivery_loop, args=(factory, settings, holder, stop),
                                     name="router-ops-delivery", daemon=True)]
    for worker in workers:
        worker.start()

    def relay() -> None:
        # The runner has its own stop flag; mirror ours into it and its end into ours.
        stop.wait()
        runner.stop()
        ops_runner.stop()

    threading.Thread(target=relay, name="router-stop", daemon=True).start()
    try:
        runner.run(max_idle_s=max_idle_s)
    finally:
        stop.set()
        for worker in workers:
            worker.join(timeout=max(30.0, settings.send_deadline_s * 2))
        for delivery in deliveries:
            delivery.close()
        engine.dispose()
        log.info("router stopped: delivered %d, failed attempts %d", sum(d.sent for d in deliveries),
                 sum(d.failed for d in deliveries), extra={"stage": "router"})
