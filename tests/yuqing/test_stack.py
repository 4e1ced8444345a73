"""The supervisor bounds the embedded broker's memory by recycling topics once every stage caught up."""

from __future__ import annotations

import io
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from kafka import TopicPartition
from kafka.errors import RebalanceInProgressError
from kafka.structs import OffsetAndMetadata

from core import topics
from core.broker import EmbeddedBroker
from core.kafka import highwaters, make_consumer, make_producer
from core.settings import KafkaSettings, StoreSettings
from yuqing.stack import Stack, recycle_topics


@pytest.fixture
def kafka_settings(tmp_path: Path) -> Iterator[KafkaSettings]:
    """A broker of its own: on the shared one the stage groups (yuqing-classifier …) may be rebalancing
    around members other tests left behind, and recycling topics there pulls them from under others."""
    with EmbeddedBroker(log_file=tmp_path / "tansu.log") as broker:
        yield KafkaSettings(bootstrap_servers=broker.bootstrap_servers, connect_timeout_s=20)


def _fill(kafka: KafkaSettings, count: int) -> None:
    producer = make_producer(kafka, "fill")
    for i in range(count):
        producer.send(topics.RAW.name, key=str(i).encode(), value=b"{}")
    producer.flush()
    producer.close()


def _commit_to_end(kafka: KafkaSettings, group: str, topic: str) -> None:
    consumer = make_consumer(kafka, group, [topic])
    deadline = time.monotonic() + 30
    while not consumer.assignment() and time.monotonic() < deadline:
        consumer.poll(timeout_ms=200)
    offsets = {TopicPartition(topic, p.partition): OffsetAndMetadata(p.highwater, "", -1)
               for p in highwaters(kafka, topic)}
    while True:
        try:
            consumer.commit(offsets)
            break
        except RebalanceInProgressError:
            # The group is still settling (a loaded machine): finish the rebalance, then commit.
            if time.monotonic() > deadline:
                raise
            consumer.poll(timeout_ms=200)
    consumer.close(autocommit=False)


def test_topics_are_recycled_only_when_every_stage_caught_up(kafka_settings: KafkaSettings, tmp_path: Path) -> None:
    recycle_topics(kafka_settings)
    _fill(kafka_settings, 60)
    out = io.StringIO()
    stack = Stack(stages=[], store=StoreSettings(url=f"sqlite:///{tmp_path / 's.db'}"), kafka=kafka_settings,
                  log_dir=tmp_path, retained_cap=50, output=out)
    assert stack.retained() == (60, 60)
    stack._bound_broker_memory()
    assert stack.retained()[0] == 60, "a stage still has lag: nothing may be deleted"

    _commit_to_end(kafka_settings, "yuqing-classifier", topics.RAW.name)
    assert stack.retained() == (60, 0)
    stack._bound_broker_memory()
    assert stack.retained() == (0, 0)
    assert len(highwaters(kafka_settings, topics.RAW.name)) == topics.RAW.partitions
    assert "重建主题" in out.getvalue()
