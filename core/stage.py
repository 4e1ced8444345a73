"""The consume → process → produce loop every stage runs, at least once.

A batch is polled, processed, its outputs produced and acknowledged by the broker, and only
then are its offsets committed. A message the processor rejects goes to the dead-letter topic
with its original bytes; it is never dropped. A transient failure (the store is down) rewinds
to the last commit and retries the batch with backoff. SIGTERM/SIGINT finish the current batch
and stop cleanly.
"""

from __future__ import annotations

import hashlib
import logging
import random
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

from kafka import KafkaConsumer, KafkaProducer, TopicPartition
from kafka.errors import (
    CommitFailedError,
    CorruptRecordError,
    InvalidRecordError,
    KafkaError,
    MessageSizeTooLargeError,
    RebalanceInProgressError,
    RecordListTooLargeError,
)
from kafka.producer.future import FutureRecordMetadata
from kafka.structs import OffsetAndMetadata

from core import contracts, metrics, topics
from core.kafka import make_consumer, make_producer, wait_for_broker
from core.settings import KafkaSettings
from core.shutdown import stop_on_signals

log = logging.getLogger(__name__)

# The producer's max_request_size is 1 MiB; an output above this is a dead letter, not a retry.
MAX_MESSAGE_BYTES = 1_000_000
# How much of a too-large message a dead letter keeps (the rest stays at its topic and offset).
DEAD_LETTER_HEAD_BYTES = 256 * 1024
# How long closing the clients may take when the stage stops (the group's session timeout does the rest).
CLOSE_TIMEOUT_S = 5.0
# A batch run (max_idle_s) waits this long for its first assignment before its idle time counts.
JOIN_GRACE_S = 60.0
# Errors of one message that no retry heals: it goes to the dead-letter topic.
PERMANENT_PRODUCE_ERRORS = (MessageSizeTooLargeError, RecordListTooLargeError, InvalidRecordError,
                            CorruptRecordError)
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Record:
    topic: str
    partition: int
    offset: int
    key: bytes | None
    value: bytes

    @property
    def ids(self) -> dict[str, object]:
        return {"topic": self.topic, "partition": self.partition, "offset": self.offset,
                topics.KEY_OF.get(self.topic, "item"): self.key.decode("utf-8", "replace") if self.key else None}


@dataclass(frozen=True, slots=True)
class Output:
    topic: str
    key: bytes
    value: bytes
    # The input it came from, when its key is not the input's (a dead letter names that input).
    origin: Record | None = None


@dataclass(frozen=True, slots=True)
class Rejected:
    record: Record
    error: str


@dataclass(slots=True)
class BatchResult:
    outputs: list[Output] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)


def group_for(stage: str) -> str:
    """The consumer group of a stage: its committed offsets are the stage's progress."""
    return f"yuqing-{stage}"


class RetryLater(Exception):
    """A transient failure (store or downstream unavailable): the batch will be retried as a whole."""


class Processor(Protocol):
    """A stage's logic. It must be idempotent per key: a batch may be seen again after a crash."""

    def process(self, records: Sequence[Record]) -> BatchResult: ...


@dataclass
class StageStats:
    batches: int = 0
    records: int = 0
    outputs: int = 0
    dead_letters: int = 0
    retries: int = 0
    last_error: str | None = None


class StageRunner:
    """Runs one processor against one input topic until stopped."""

    def __init__(
        self,
        name: str,
        settings: KafkaSettings,
        input_topic: str,
        processor: Processor,
        group_id: str | None = None,
    ) -> None:
        self.name = name
        self.settings = settings
        self.input_topic = input_topic
        self.processor = processor
        self.group_id = group_id or group_for(name)
        self.stats = StageStats()
        self._stop = threading.Event()
        self._consumer: KafkaConsumer | None = None
        self._producer: KafkaProducer | None = None

    def stop(self, *_: object) -> None:
        self._stop.set()

    def install_signal_handlers(self) -> None:
        stop_on_signals(self._stop)

    def run(self, max_idle_s: float | None = None) -> StageStats:
        """Consume until :meth:`stop` (or ``max_idle_s`` without messages, for batch use)."""
        admin = wait_for_broker(self.settings, f"{self.name}-admin")
        try:
            topics.ensure_topics(admin, settings=self.settings)
        finally:
            admin.close()
        self._consumer = make_consumer(self.settings, self.group_id, [self.input_topic])
        self._producer = make_producer(self.settings, self.name)
        log.info("stage %s consuming %s as group %s", self.name, self.input_topic, self.group_id,
                 extra={"stage": self.name})
        started = idle_since = time.monotonic()
        backoff = 0.5
        try:
            while not self._stop.is_set():
                metrics.HEALTH.beat(f"stage:{self.name}")
                polled = self._consumer.poll(timeout_ms=self.settings.poll_timeout_ms)
                records = [
                    Record(m.topic, m.partition, m.offset, m.key, m.value)
                    for batch in polled.values() for m in batch
                ]
                self._observe_lag(polled)
                if not records:
                    if (not self._consumer.assignment()
                            and time.monotonic() - started < JOIN_GRACE_S):
                        # Not in the group yet (a slow join on a loaded broker): nothing could have come.
                        idle_since = time.monotonic()
                    if max_idle_s is not None and time.monotonic() - idle_since > max_idle_s:
                        break
                    continue
                idle_since = time.monotonic()
                try:
                    with metrics.BATCH_SECONDS.labels(self.name).time():
                        self._handle(records)
                    backoff = 0.5
                except RetryLater as exc:
                    metrics.STAGE_ERRORS.labels(self.name).inc()
                    self._rewind(records)
                    self.stats.retries += 1
                    self.stats.last_error = str(exc)
                    log.warning("stage %s: batch of %d will be retried in %.1fs: %s",
                                self.name, len(records), backoff, exc, extra={"stage": self.name})
                    self._stop.wait(backoff * (0.8 + 0.4 * random.random()))
                    backoff = min(backoff * 2, 30.0)
        finally:
            metrics.HEALTH.forget(f"stage:{self.name}")
            self._close()
        return self.stats

    def _observe_lag(self, polled: dict) -> None:
        """Consumer lag per partition, from the high-water marks the fetches brought back."""
        assert self._consumer is not None
        last = {tp: batch[-1].offset + 1 for tp, batch in polled.items() if batch}
        for tp in self._consumer.assignment():
            mark = self._consumer.highwater(tp)
            if mark is None:
                continue
            position = last.get(tp)
            if position is None:
                position = mark if not polled else None
            if position is not None:
                metrics.CONSUMER_LAG.labels(self.name, str(tp.partition)).set(max(0, mark - position))

    def _process(self, records: list[Record]) -> BatchResult:
        """Process the batch; if the processor fails on it, find the record that makes it fail.

        A processor should reject bad records itself; this is the net below it, so that one
        record that trips a bug goes to the dead-letter topic instead of stopping the stage.
        """
        try:
            return self.processor.process(records)
        except RetryLater:
            raise
        except Exception as exc:
            if len(records) == 1:
                log.exception("stage %s: processor failed on a record", self.name,
                              extra={"stage": self.name, **records[0].ids})
                return BatchResult(rejected=[Rejected(records[0], f"{type(exc).__name__}: {exc}")])
            log.warning("stage %s: processor failed on a batch of %d (%s); processing one by one",
                        self.name, len(records), exc, extra={"stage": self.name})
        result = BatchResult()
        for record in records:
            single = self._process([record])
            result.outputs.extend(single.outputs)
            result.rejected.extend(single.rejected)
        return result

    def _handle(self, records: list[Record]) -> None:
        """Produce a batch's outputs and dead letters, then commit its offsets.

        Every error that retrying cannot heal is a dead letter, and the stage goes on: an output
        too large for the broker, a record the broker refuses. Only a broker that does not answer
        (it is away, the producer timed out) rewinds the batch with :class:`RetryLater`.
        """
        result = self._process(records)
        assert self._producer is not None and self._consumer is not None
        outputs: list[Output] = []
        rejected = list(result.rejected)
        for output in result.outputs:
            size = len(output.value) + len(output.key)
            if size > MAX_MESSAGE_BYTES:
                rejected.append(Rejected(self._origin(output, records),
                                         f"output to {output.topic} is {size} bytes, more than the "
                                         f"{MAX_MESSAGE_BYTES} a message may have"))
            else:
                outputs.append(output)
        refused = self._produce([(o, o.topic, o.key, o.value) for o in outputs]
                                + [(r, *self._letter(r)) for r in rejected])
        # What the broker refused for good becomes a dead letter (of a head of its bytes) too.
        second: list[Rejected] = []
        for what, exc in refused:
            if isinstance(what, Output):
                outputs.remove(what)
                second.append(Rejected(self._origin(what, records), f"the broker refused the output to "
                                                                    f"{what.topic}: {type(exc).__name__}: {exc}"))
            else:
                log.error("stage %s: the broker refused even the dead letter (%s); the record stays at its "
                          "offset in %s", self.name, exc, what.record.topic,
                          extra={"stage": self.name, **what.record.ids})
        for what, exc in self._produce([(r, *self._letter(r, head_only=True)) for r in second]):
            log.error("stage %s: the broker refused the dead letter (%s); the record stays at its offset",
                      self.name, exc, extra={"stage": self.name, **what.record.ids})
        rejected.extend(second)
        for letter in rejected:
            log.error("stage %s: message sent to %s: %s", self.name, topics.DEAD_LETTER.name,
                      letter.error, extra={"stage": self.name, **letter.record.ids})
        offsets: dict[TopicPartition, OffsetAndMetadata] = {}
        for record in records:
            tp = TopicPartition(record.topic, record.partition)
            current = offsets.get(tp)
            if current is None or record.offset + 1 > current.offset:
                offsets[tp] = OffsetAndMetadata(record.offset + 1, "", -1)
        try:
            self._consumer.commit(offsets)
        except (CommitFailedError, RebalanceInProgressError) as exc:
            # The group rebalanced (or is rebalancing: kafka-python 3 refuses the commit until the next
            # poll) while the batch was processed: its partitions may belong to another
            # replica now, which starts from the last commit. The outputs are produced and the
            # processors are idempotent per key, so rewinding (what is still ours) repeats nothing harmful.
            self._rewind(records)
            self.stats.retries += 1
            self.stats.last_error = f"commit failed during a rebalance: {exc}"
            log.warning("stage %s: commit of a batch of %d failed during a rebalance; rewound to the last commit",
                        self.name, len(records), extra={"stage": self.name})
            return
        self.stats.batches += 1
        self.stats.records += len(records)
        self.stats.outputs += len(outputs)
        self.stats.dead_letters += len(rejected)
        metrics.RECORDS_IN.labels(self.name).inc(len(records))
        metrics.RECORDS_OUT.labels(self.name).inc(len(outputs))
        metrics.DEAD_LETTERS.labels(self.name).inc(len(rejected))
        metrics.LAST_BATCH.labels(self.name).set_to_current_time()
        log.debug("stage %s: batch of %d done", self.name, len(records), extra={"stage": self.name})

    def _produce(self, messages: list[tuple[T, str, bytes | None, bytes]]) -> list[tuple[T, KafkaError]]:
        """Send and wait for every acknowledgement; return the messages refused for good.

        Any other failure (no answer, a broker away) recreates the producer and raises RetryLater.
        """
        assert self._producer is not None
        pending: list[tuple[T, FutureRecordMetadata]] = []
        refused: list[tuple[T, KafkaError]] = []
        try:
            for what, topic, key, value in messages:
                try:
                    pending.append((what, self._producer.send(topic, key=key, value=value)))
                except PERMANENT_PRODUCE_ERRORS as exc:
                    refused.append((what, exc))
            self._producer.flush()
            for what, future in pending:
                try:
                    future.get(timeout=30)
                except PERMANENT_PRODUCE_ERRORS as exc:
                    refused.append((what, exc))
        except KafkaError as exc:
            # The broker did not acknowledge: recreate the producer and process the batch again.
            self._producer.close(timeout=5)
            self._producer = make_producer(self.settings, self.name)
            raise RetryLater(f"produce failed: {exc}") from exc
        return refused

    @staticmethod
    def _origin(output: Output, records: list[Record]) -> Record:
        """The input record an output came from: its ``origin``, else the one with its key."""
        return output.origin or next((r for r in records if r.key == output.key), records[-1])

    def _letter(self, rejected: Rejected, head_only: bool = False) -> tuple[str, bytes | None, bytes]:
        return topics.DEAD_LETTER.name, rejected.record.key, self._dead_letter(rejected, head_only)

    def _dead_letter(self, rejected: Rejected, head_only: bool = False) -> bytes:
        r = rejected.record
        value, size, digest = r.value, None, None
        if head_only or len(r.value) > DEAD_LETTER_HEAD_BYTES:
            # Base64 in JSON grows bytes by a third: only a head is kept, with what finds the whole.
            value = r.value[:DEAD_LETTER_HEAD_BYTES]
            size, digest = len(r.value), hashlib.sha256(r.value).hexdigest()
        return contracts.encode(contracts.DeadLetter(
            stage=self.name, topic=r.topic, partition=r.partition, offset=r.offset,
            key=r.key[:1024] if r.key else r.key, value=value, error=rejected.error[:4000],
            failed_at=contracts.utcnow(), original_size=size, original_sha256=digest))

    def _rewind(self, records: list[Record]) -> None:
        assert self._consumer is not None
        first: dict[TopicPartition, int] = {}
        for record in records:
            tp = TopicPartition(record.topic, record.partition)
            first[tp] = min(first.get(tp, record.offset), record.offset)
        # After a rebalance only the partitions still assigned here can be sought; the others
        # resume from their last commit at their new owner.
        owned = self._consumer.assignment()
        for tp, offset in first.items():
            if tp in owned:
                self._consumer.seek(tp, offset)

    def _close(self) -> None:
        # Bounded: a stage stopped because its broker died (a supervisor killed with its children)
        # must not wait out the client's request timeout (minutes) to leave a group nobody serves.
        if self._producer is not None:
            self._producer.close(timeout=CLOSE_TIMEOUT_S)
        if self._consumer is not None:
            self._consumer.close(autocommit=False, timeout_ms=int(CLOSE_TIMEOUT_S * 1000))
        log.info("stage %s stopped after %d records", self.name, self.stats.records,
                 extra={"stage": self.name})
