"""One message never stalls a stage: outputs too large for the broker become dead letters."""

from __future__ import annotations

import hashlib
import threading
import uuid
from collections.abc import Sequence

import pytest
from kafka import KafkaProducer

from core import topics
from core.contracts import DeadLetter, decode
from core.kafka import highwaters, read_topic
from core.settings import KafkaSettings
from core.stage import DEAD_LETTER_HEAD_BYTES, BatchResult, Output, Record, StageRunner

pytestmark = pytest.mark.broker


class Inflate:
    """Outputs each value; a value starting with b"big" becomes a 3 MB output."""

    def __init__(self, sink: str, rekey: bool = False) -> None:
        self.sink = sink
        self.rekey = rekey  # every output under one key of its own (as the classifier keys by story)

    def process(self, records: Sequence[Record]) -> BatchResult:
        result = BatchResult()
        for r in records:
            value = r.value * (3_000_000 // len(r.value) + 1) if r.value.startswith(b"big") else r.value
            if self.rekey:
                result.outputs.append(Output(self.sink, b"story", value, origin=r))
            else:
                result.outputs.append(Output(self.sink, r.key or b"", value))
        return result


def _produce_large(settings: KafkaSettings, topic: str, values: list[bytes]) -> None:
    producer = KafkaProducer(bootstrap_servers=settings.servers, max_request_size=8_000_000, acks="all")
    for i, value in enumerate(values):
        producer.send(topic, key=f"k{i}".encode(), value=value)
    producer.flush()
    producer.close()


def _letters(settings: KafkaSettings, source: str) -> list[DeadLetter]:
    return [letter for letter in (decode(v, DeadLetter) for v in read_topic(settings, topics.DEAD_LETTER.name))
            if letter.topic == source]


@pytest.mark.parametrize("rekey", [False, True], ids=["input-key", "own-key"])
def test_an_output_too_large_for_the_broker_is_a_dead_letter_and_later_items_flow(
        kafka_settings: KafkaSettings, rekey: bool) -> None:
    """The dead letter names the input the output came from, also when the output has a key of its own."""
    source, sink = f"in-{uuid.uuid4().hex[:8]}", f"out-{uuid.uuid4().hex[:8]}"
    values = [b"a1", b"big-one", b"a2", b"a3"]
    _produce_large(kafka_settings, source, values)
    runner = StageRunner("inflate", kafka_settings, source, Inflate(sink, rekey), group_id=f"g-{source}")
    thread = threading.Thread(target=runner.run, kwargs={"max_idle_s": 5}, daemon=True)
    thread.start()
    thread.join(timeout=90)
    assert not thread.is_alive()
    assert sorted(read_topic(kafka_settings, sink)) == [b"a1", b"a2", b"a3"]
    [letter] = _letters(kafka_settings, source)
    assert letter.key == b"k1" and letter.value == b"big-one" and "bytes" in letter.error
    assert sum(p.lag for p in highwaters(kafka_settings, source, f"g-{source}")) == 0
    assert runner.stats.dead_letters == 1 and runner.stats.retries == 0


class Reject:
    def process(self, records: Sequence[Record]) -> BatchResult:
        from core.stage import Rejected

        return BatchResult(rejected=[Rejected(r, "not a message of this topic") for r in records])


def test_a_rejected_input_too_large_to_forward_keeps_its_head_and_a_reference(
        kafka_settings: KafkaSettings) -> None:
    source = f"in-{uuid.uuid4().hex[:8]}"
    huge = b"x" * 5_000_000
    _produce_large(kafka_settings, source, [huge, b"small"])
    runner = StageRunner("reject", kafka_settings, source, Reject(), group_id=f"g-{source}")
    thread = threading.Thread(target=runner.run, kwargs={"max_idle_s": 5}, daemon=True)
    thread.start()
    thread.join(timeout=90)
    letters = sorted(_letters(kafka_settings, source), key=lambda d: d.offset)
    assert [d.offset for d in letters] == [0, 1]
    big, small = letters
    assert len(big.value) == DEAD_LETTER_HEAD_BYTES and big.original_size == len(huge)
    assert big.original_sha256 == hashlib.sha256(huge).hexdigest()
    assert small.value == b"small" and small.original_size is None
    assert sum(p.lag for p in highwaters(kafka_settings, source, f"g-{source}")) == 0
