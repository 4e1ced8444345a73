"""The consume → process → produce loop against the real embedded broker."""

from __future__ import annotations

import contextlib
import threading
import uuid
from collections.abc import Sequence

from kafka import KafkaProducer

from core import topics
from core.contracts import DeadLetter, decode
from core.kafka import highwaters, make_producer, read_topic
from core.settings import KafkaSettings
from core.stage import BatchResult, Output, Record, Rejected, RetryLater, StageRunner


class Upper:
    """Echoes values upper-cased to an output topic; rejects values starting with 'poison'."""

    def __init__(self, output_topic: str, fail_times: int = 0) -> None:
        self.output_topic = output_topic
        self.fail_times = fail_times
        self.seen: list[bytes] = []

    def process(self, records: Sequence[Record]) -> BatchResult:
        if self.fail_times > 0:
            self.fail_times -= 1
            raise RetryLater("store unavailable")
        result = BatchResult()
        for record in records:
            self.seen.append(record.value)
            if record.value.startswith(b"poison"):
                result.rejected.append(Rejected(record, "cannot parse"))
            else:
                result.outputs.append(Output(self.output_topic, record.key or b"", record.value.upper()))
        return result


def _produce(settings: KafkaSettings, topic: str, values: list[bytes]) -> None:
    producer: KafkaProducer = make_producer(settings, "test")
    for i, value in enumerate(values):
        producer.send(topic, key=str(i).encode(), value=value)
    producer.flush()
    producer.close()


def _run(runner: StageRunner, idle_s: float = 5.0) -> threading.Thread:
    thread = threading.Thread(target=runner.run, kwargs={"max_idle_s": idle_s}, daemon=True)
    thread.start()
    return thread


def test_batch_is_produced_then_committed_and_poison_goes_to_dead_letter(kafka_settings: KafkaSettings) -> None:
    source, sink = f"in-{uuid.uuid4().hex[:8]}", f"out-{uuid.uuid4().hex[:8]}"
    values = [f"msg{i}".encode() for i in range(20)] + [b"poison\xff"]
    _produce(kafka_settings, source, values)
    processor = Upper(sink)
    runner = StageRunner("upper", kafka_settings, source, processor, group_id=f"g-{source}")
    _run(runner).join(timeout=60)

    out = read_topic(kafka_settings, sink)
    assert sorted(out) == sorted(v.upper() for v in values[:-1])
    letters = [decode(v, DeadLetter) for v in read_topic(kafka_settings, topics.DEAD_LETTER.name)]
    mine = [letter for letter in letters if letter.topic == source]
    assert len(mine) == 1 and mine[0].value == b"poison\xff" and mine[0].error == "cannot parse"
    assert mine[0].stage == "upper"
    lags = highwaters(kafka_settings, source, f"g-{source}")
    assert sum(p.highwater for p in lags) == 21 and sum(p.lag for p in lags) == 0
    assert runner.stats.records == 21 and runner.stats.dead_letters == 1


def test_transient_failure_retries_the_whole_batch(kafka_settings: KafkaSettings) -> None:
    source, sink = f"in-{uuid.uuid4().hex[:8]}", f"out-{uuid.uuid4().hex[:8]}"
    _produce(kafka_settings, source, [b"a", b"b", b"c"])
    processor = Upper(sink, fail_times=2)
    runner = StageRunner("upper", kafka_settings, source, processor, group_id=f"g-{source}")
    _run(runner).join(timeout=60)
    assert sorted(read_topic(kafka_settings, sink)) == [b"A", b"B", b"C"]
    assert runner.stats.retries == 2
    assert sum(p.lag for p in highwaters(kafka_settings, source, f"g-{source}")) == 0


def test_uncommitted_batch_is_seen_again_after_a_crash(kafka_settings: KafkaSettings) -> None:
    """At least once: a stage that dies before committing gets the batch again on restart."""
    source, sink = f"in-{uuid.uuid4().hex[:8]}", f"out-{uuid.uuid4().hex[:8]}"
    _produce(kafka_settings, source, [b"x", b"y"])

    class Crash(Upper):
        def process(self, records: Sequence[Record]) -> BatchResult:
            raise SystemExit("killed mid-batch")

    crashed = StageRunner("upper", kafka_settings, source, Crash(sink), group_id=f"g-{source}")
    with contextlib.suppress(SystemExit):
        crashed.run(max_idle_s=5)
    again = Upper(sink)
    _run(StageRunner("upper", kafka_settings, source, again, group_id=f"g-{source}")).join(timeout=60)
    assert sorted(again.seen) == [b"x", b"y"]


def test_a_record_that_crashes_the_processor_is_isolated_to_the_dead_letter_topic(
    kafka_settings: KafkaSettings,
) -> None:
    source, sink = f"in-{uuid.uuid4().hex[:8]}", f"out-{uuid.uuid4().hex[:8]}"
    _produce(kafka_settings, source, [b"ok1", b"boom", b"ok2"])

    class Buggy(Upper):
        def process(self, records: Sequence[Record]) -> BatchResult:
            if any(r.value == b"boom" for r in records):
                raise KeyError("a bug the processor did not catch")
            return super().process(records)

    runner = StageRunner("buggy", kafka_settings, source, Buggy(sink), group_id=f"g-{source}")
    _run(runner).join(timeout=60)
    assert sorted(read_topic(kafka_settings, sink)) == [b"OK1", b"OK2"]
    letters = [decode(v, DeadLetter) for v in read_topic(kafka_settings, topics.DEAD_LETTER.name)]
    mine = [letter for letter in letters if letter.topic == source]
    assert [m.value for m in mine] == [b"boom"] and "KeyError" in mine[0].error
