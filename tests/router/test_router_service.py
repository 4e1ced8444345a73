"""The router service against the real embedded broker: cases, dead letters, restarts, policy reloads."""

from __future__ import annotations

import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from router_helpers import TEST_PROFILE, Receiver, huaning_with, router_settings, scored, write_profile
from sqlalchemy import func, select

from core import topics
from core.contracts import DeadLetter, decode, encode
from core.errors import ConfigError
from core.kafka import make_producer, read_topic
from core.settings import KafkaSettings, StoreSettings
from router import service
from router.service import PolicyHolder
from router.settings import RouterSettings
from store.case_tables import NotificationRow
from store.db import make_engine, migrate, sessions
from store.tables import CaseRow

pytestmark = pytest.mark.broker


def _produce(kafka: KafkaSettings, messages: list[tuple[bytes, bytes]]) -> None:
    producer = make_producer(kafka, "router-test")
    for key, value in messages:
        producer.send(topics.SCORED.name, key=key, value=value)
    producer.flush()
    producer.close()


def _start(settings: RouterSettings, group: str,
           stop: threading.Event | None = None) -> tuple[threading.Thread, threading.Event]:
    stop = stop or threading.Event()
    thread = threading.Thread(target=service.run, args=(settings, stop), kwargs={"group_id": group}, daemon=True)
    thread.start()
    return thread, stop


def _wait(predicate: Callable[[], bool], timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "condition not reached"
        time.sleep(0.1)


def _cases(store: StoreSettings, prefix: str) -> int:
    with sessions(make_engine(store))() as session:
        return session.scalar(select(func.count()).select_from(CaseRow).where(CaseRow.item_id.like(f"{prefix}%"))) or 0


def _notifications(store: StoreSettings, prefix: str) -> list[NotificationRow]:
    with sessions(make_engine(store))() as session:
        return list(session.scalars(select(NotificationRow).join(CaseRow, CaseRow.id == NotificationRow.case_id)
                                    .where(CaseRow.item_id.like(f"{prefix}%"))))


@pytest.fixture
def store(tmp_path: Path) -> StoreSettings:
    settings = StoreSettings(url=f"sqlite:///{tmp_path / 'router.db'}")
    migrate(settings)
    return settings


def test_router_creates_cases_and_dead_letters_malformed(kafka_settings: KafkaSettings, store: StoreSettings,
                                                         receiver: Receiver, tmp_path: Path) -> None:
    prefix = f"svc-{uuid.uuid4().hex[:8]}-"
    folder = write_profile(tmp_path / "profile", receiver.url)
    settings = router_settings(store, kafka=kafka_settings, profile=str(folder))
    items = [scored(f"{prefix}{n}") for n in range(5)]
    bad_key = f"{prefix}bad".encode()
    _produce(kafka_settings, [(s.item.id.encode(), encode(s)) for s in items] + [(bad_key, b'{"schema_version": 1}')])
    thread, stop = _start(settings, f"g-{prefix}")
    try:
        _wait(lambda: _cases(store, prefix) == 5)
        # Delivered end to end: items.scored → case → outbox → HTTP receiver (alert + copy each).
        _wait(lambda: sum(1 for r in _notifications(store, prefix) if r.status == "sent") == 10)
    finally:
        stop.set()
        thread.join(timeout=60)
    assert not thread.is_alive()
    letters = [decode(v, DeadLetter) for v in read_topic(kafka_settings, topics.DEAD_LETTER.name)]
    mine = [letter for letter in letters if letter.key == bad_key]
    assert len(mine) == 1 and mine[0].stage == "router" and "ScoredItem" in mine[0].error
    # Other tests' items on items.scored may be routed here too: look at this test's only.
    mine_paths = {r.path for r in receiver.requests if r.json()["item_id"].startswith(prefix)}
    assert mine_paths == {"/housing", "/press"}


def test_router_restart_mid_delivery_sends_each_once(kafka_settings: KafkaSettings, store: StoreSettings,
                                                     receiver: Receiver, tmp_path: Path) -> None:
    prefix = f"rst-{uuid.uuid4().hex[:8]}-"
    folder = write_profile(tmp_path / "profile", receiver.url)
    settings = router_settings(store, kafka=kafka_settings, profile=str(folder))
    receiver.delay_s = 0.05
    # A failure and an unanswered send on the way (retried once, with the same key). The answer is
    # dropped, not late: a timeout here would need the running router's one timeout to be short for
    # every send, and a slow host would then time out prompt answers too and deliver them twice (a
    # 1.5 s sleep against a 1 s timeout risked that, or being read as answered). Timeouts proper are
    # tested where one send can have its own (test_channels, test_outbox).
    receiver.script = [("status", 503), ("drop",)]
    _produce(kafka_settings, [(s.item.id.encode(), encode(s)) for s in (scored(f"{prefix}{n}") for n in range(12))])
    group = f"g-{prefix}"

    def mine(r: Receiver) -> int:
        return sum(1 for q in list(r.requests) if q.json().get("item_id", "").startswith(prefix))

    # The receiver stops the router at the 5th request of this test's items: the test's thread could
    # see it only after the router had sent all 24 on a loaded host (no restart mid-delivery then).
    first_stop = threading.Event()
    receiver.on_record = lambda r: first_stop.set() if mine(r) >= 5 else None
    thread, stop = _start(settings, group, first_stop)
    try:
        _wait(lambda: mine(receiver) >= 5)
    finally:
        receiver.on_record = None
        stop.set()
        thread.join(timeout=60)
    assert any(r.status == "pending" for r in _notifications(store, prefix)), "restart should be mid-delivery"
    thread, stop = _start(settings, group)
    try:
        _wait(lambda: _cases(store, prefix) == 12
              and all(r.status == "sent" for r in _notifications(store, "")))
    finally:
        stop.set()
        thread.join(timeout=60)
    assert len(_notifications(store, prefix)) == 24
    # The group reads items.scored from the start, so earlier tests' items are routed here too: the
    # receiver must have got every notification of this store exactly once.
    rows = _notifications(store, "")
    assert all(r.status == "sent" for r in rows)
    counts = Counter(receiver.keys())
    assert counts == Counter(f"yuqing-notification-{r.id}" for r in rows)
    assert max(counts.values()) == 1


def test_bad_profile_refuses_start_and_reload_keeps_last_valid(tmp_path: Path, store: StoreSettings) -> None:
    folder = write_profile(tmp_path / "profile", "http://127.0.0.1:9")
    holder = PolicyHolder(str(folder))
    assert holder.current.name == "test-city"
    path = folder / "profile.yaml"
    broken = TEST_PROFILE.format(url="http://127.0.0.1:9").replace("default_receiver: desk", "default_receiver: nobody")
    path.write_text(broken, encoding="utf-8")
    import os

    os.utime(path, (time.time() + 5, time.time() + 5))
    assert holder.reload_if_changed() is False
    assert holder.current.name == "test-city" and holder.current.default_receiver == "desk"
    assert holder.last_error and "nobody" in holder.last_error
    with pytest.raises(ConfigError):
        service.run(router_settings(store, profile=str(folder)))


def test_router_start_recounts_the_deadlines_counted_past_the_old_calendar(
        kafka_settings: KafkaSettings, store: StoreSettings, tmp_path: Path) -> None:
    """The holiday file gains 2027 and the router restarts: the case's 5-working-day clock opened on
    2026-12-30 (counted by weekends alone) is counted again, once."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from core.stage import Record
    from policies import profile_dir
    from router import policy
    from router.service import RouterProcessor
    from store.case_tables import CaseClockRow, CaseEventRow

    cst = ZoneInfo("Asia/Shanghai")
    prefix = f"cal-{uuid.uuid4().hex[:8]}-"
    item = scored(f"{prefix}0", topic="公共基础设施建设", grade="三级", rank=2, profile="huaning-gonglu",
                  fetched_at=datetime(2026, 12, 30, 10, 0, tzinfo=cst))
    RouterProcessor(router_settings(store), policy.load(profile_dir("huaning-gonglu"))).process(
        [Record("items.scored", 0, 0, b"k", encode(item))])
    folder = tmp_path / "office"
    huaning_with(folder, holidays="  2027-01-01: 元旦\n")
    settings = router_settings(store, kafka=kafka_settings, profile=str(folder))

    def recounted() -> list[CaseEventRow]:
        with sessions(make_engine(store))() as session:
            return list(session.scalars(select(CaseEventRow).where(CaseEventRow.action == "clock_recounted")))

    for _ in range(2):  # a second start finds nothing more to recount
        thread, stop = _start(settings, f"g-{prefix}")
        try:
            _wait(lambda: bool(recounted()))
        finally:
            stop.set()
            thread.join(timeout=60)
    assert [e.detail["clock"] for e in recounted()] == ["result-to-party"]
    with sessions(make_engine(store))() as session:
        due = session.scalar(select(CaseClockRow.due_at).where(CaseClockRow.clock_id == "result-to-party"))
    assert policy.load(folder).calendar.local(due) == datetime(2027, 1, 7, 10, 0, tzinfo=cst)
