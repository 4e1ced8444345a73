"""Dead letters are kept in the store, once each, whatever the topic's retention does."""

from __future__ import annotations

import threading
import uuid

from core import contracts, topics
from core.kafka import make_producer
from core.settings import KafkaSettings, StoreSettings
from store.db import make_engine, sessions
from store.dead_letter_tables import count, recent
from yuqing.deadletters import DeadLetterKeeper, DeadLetterSettings, run


def _letter(offset: int, stage: str = "router") -> bytes:
    return contracts.encode(contracts.DeadLetter(
        stage=stage, topic="items.scored", partition=2, offset=offset, key=b"k", value=b"\xff\x00 bytes as they came",
        error="ContractError: schema_version 99", failed_at=contracts.utcnow()))


def test_the_keeper_stores_each_letter_once_and_keeps_what_is_not_a_letter(store_settings: StoreSettings) -> None:
    from core.stage import Record

    keeper = DeadLetterKeeper(store_settings)
    records = [Record(topics.DEAD_LETTER.name, 0, i, b"k", _letter(100 + i)) for i in range(3)]
    records.append(Record(topics.DEAD_LETTER.name, 0, 3, None, b"not json at all"))
    for _ in range(2):  # a replay after a crash writes nothing twice
        assert not keeper.process(records).rejected
    with sessions(make_engine(store_settings))() as session:
        assert count(session) == 4
        rows = recent(session, limit=10)
    letters = [r for r in rows if r.stage == "router"]
    assert {r.offset for r in letters} == {100, 101, 102}
    assert letters[0].value == b"\xff\x00 bytes as they came" and "schema_version" in letters[0].error
    stray = [r for r in rows if r.stage == "?"]
    assert stray and stray[0].value == b"not json at all" and stray[0].topic == topics.DEAD_LETTER.name


def test_the_keeper_runs_as_a_stage_on_the_broker(kafka_settings: KafkaSettings,
                                                  sqlite_settings: StoreSettings) -> None:
    marker = f"stage-{uuid.uuid4().hex[:8]}"
    producer = make_producer(kafka_settings, "test")
    for i in range(5):
        producer.send(topics.DEAD_LETTER.name, key=b"k", value=_letter(i, stage=marker))
    producer.flush()
    producer.close()
    settings = DeadLetterSettings(kafka=kafka_settings, store=sqlite_settings)
    thread = threading.Thread(target=run, args=(settings,), kwargs={"max_idle_s": 5.0}, daemon=True)
    thread.start()
    thread.join(timeout=120)
    with sessions(make_engine(sqlite_settings))() as session:
        assert len(recent(session, limit=100, stage=marker)) == 5
