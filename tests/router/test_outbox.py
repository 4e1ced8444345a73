"""The outbox and the delivery worker against real HTTP receivers: retries, leases, restarts."""

from __future__ import annotations

import threading
import time
from collections import Counter
from datetime import datetime
from pathlib import Path

import msgspec
import pytest
from router_helpers import Receiver, hurried, router_settings, scored, write_profile
from sqlalchemy import select

from core.contracts import encode
from core.settings import StoreSettings
from core.stage import Record
from router import policy
from router.cases import CaseService, summary
from router.delivery import Delivery, RateLimiter
from router.service import RouterProcessor
from router.settings import RouterSettings
from router.timeutil import now
from store.case_tables import NotificationRow
from store.db import make_engine, sessions
from store.tables import CaseRow


def _route(settings: RouterSettings, profile: policy.Profile, count: int) -> None:
    processor = RouterProcessor(settings, profile)
    items = [scored(f"i{n}") for n in range(count)]
    processor.process([Record("items.scored", 0, n, s.item.id.encode(), encode(s)) for n, s in enumerate(items)])


def _rows(store: StoreSettings) -> list[NotificationRow]:
    with sessions(make_engine(store))() as session:
        return list(session.scalars(select(NotificationRow).order_by(NotificationRow.id)))


def _drain(delivery: Delivery, store: StoreSettings, timeout: float = 30.0) -> None:
    """Run the worker until nothing is pending (backoffs in the test settings are tens of ms)."""
    deadline = time.monotonic() + timeout
    while any(r.status == "pending" for r in _rows(store)):
        assert time.monotonic() < deadline, "notifications still pending"
        if not delivery.run_once():
            time.sleep(0.02)


@pytest.fixture
def setup(store_settings: StoreSettings, receiver: Receiver, tmp_path: Path
          ) -> tuple[RouterSettings, policy.Profile, sessions]:
    profile = policy.load(write_profile(tmp_path / "p", receiver.url))
    settings = router_settings(store_settings)
    return settings, profile, sessions(make_engine(store_settings))


def test_failures_then_recovery_deliver_each_once(setup: tuple, receiver: Receiver,
                                                  store_settings: StoreSettings) -> None:
    settings, profile, factory = setup
    _route(settings, profile, 2)  # 2 items × (alert to housing + copy to press)
    receiver.script = [("hang",), ("status", 500), ("status", 503), ("status", 429)]
    # The timeout first, alone: one row sent by a worker of its own with a short timeout, to a receiver
    # that hangs until the test is over, times out however slow the host (a 1.5 s sleep against a
    # 1 s timeout could be read as answered by a client scheduled late). The rest, failures and
    # successes, go with the helpers' 10 s, which no prompt answer misses: a late success would be
    # sent again.
    first = Delivery(factory, hurried(settings, delivery_batch=1), lambda: profile)
    try:
        assert first.run_once() == 1
    finally:
        first.close()
    (timed_out,) = [r for r in _rows(store_settings) if r.attempts]
    assert timed_out.status == "pending" and timed_out.uncertain == 1 and "超时" in (timed_out.last_error or "")
    delivery = Delivery(factory, settings, lambda: profile)
    try:
        _drain(delivery, store_settings)
    finally:
        delivery.close()
    rows = _rows(store_settings)
    assert [r.status for r in rows] == ["sent"] * 4
    assert sum(r.attempts for r in rows) == 8  # 4 scripted failures + 4 successes
    assert Counter(receiver.keys()) == Counter(f"yuqing-notification-{r.id}" for r in rows)
    assert {r.path for r in receiver.requests} == {"/housing", "/press"}
    # The delivered alert moved each case to 已预警.
    with factory() as session:
        assert set(session.scalars(select(CaseRow.status))) == {"已预警"}


def test_undeliverable_is_kept_and_shown(setup: tuple, receiver: Receiver, store_settings: StoreSettings) -> None:
    settings, profile, factory = setup
    _route(settings, profile, 1)
    service = CaseService(store_settings, profile, settings)
    case_id = service.list()[0].id
    service.transfer(case_id, "silent", "测试无渠道单位", "王科长")  # a department without channels
    receiver.script = [("status", 400, "/housing")]  # a refused request is not retried
    delivery = Delivery(factory, settings, lambda: profile)
    try:
        _drain(delivery, store_settings)
    finally:
        delivery.close()
    statuses = Counter((r.department_id, r.status) for r in _rows(store_settings))
    assert statuses[("silent", "undeliverable")] == 1
    assert sum(n for (_, status), n in statuses.items() if status == "undeliverable") == 2
    result = summary(store_settings)
    assert result["undeliverable"] == 2
    assert {u["department"] for u in result["undeliverable_recent"]} >= {"silent"}
    events = [e for e in service.show(case_id).events if e.action == "undeliverable"]
    assert len(events) == 1 and "HTTP 400" in events[0].detail["error"]
    # The desk is told of both, to pass them on by hand.
    notices = [r for r in _rows(store_settings) if r.purpose == "undeliverable"]
    assert [(r.department_id, r.status) for r in notices] == [("desk", "sent")] * 2
    texts = sorted(r.json()["note"] for r in receiver.requests if r.path == "/desk")
    assert "无渠道单位 未配置通知渠道" in texts[-1] or "无渠道单位 未配置通知渠道" in texts[0]
    assert any("HTTP 400" in t and "请人工转达" in t for t in texts)


def test_retries_stop_after_max_attempts(setup: tuple, receiver: Receiver, store_settings: StoreSettings) -> None:
    settings, profile, factory = setup
    settings = msgspec.structs.replace(settings, delivery_max_attempts=3)
    _route(settings, profile, 1)
    receiver.script = [("status", 500)] * 20
    delivery = Delivery(factory, settings, lambda: profile)
    try:
        _drain(delivery, store_settings)
    finally:
        delivery.close()
    rows = [r for r in _rows(store_settings) if r.purpose != "undeliverable"]
    assert [(r.status, r.attempts) for r in rows] == [("undeliverable", 3)] * 2
    assert "HTTP 500" in (rows[0].last_error or "")
    # The desk's notices of the two failures met the same failing receiver: kept, never looping.
    notices = [r for r in _rows(store_settings) if r.purpose == "undeliverable"]
    assert len(notices) == 2 and all(r.department_id == "desk" for r in notices)


def test_crashed_worker_lease_runs_out_and_row_goes_once(setup: tuple, receiver: Receiver,
                                                        store_settings: StoreSettings) -> None:
    settings, profile, factory = setup
    _route(settings, profile, 1)
    # The crashed worker's lease lasts 10 s, not 1.5 s: the survivor's first round below must find it
    # still held, and on a loaded host (with PostgreSQL) that round may start more than 1.5 s later.
    # It never sends: its 5 s timeout only lets a 10 s lease pass the settings' check (lease > send
    # deadline, 1.5 x the timeout). The survivor sends with the helpers' generous timeout and lease.
    crashed = Delivery(factory, msgspec.structs.replace(settings, delivery_lease_s=10.0, delivery_timeout_s=5.0),
                       lambda: profile, owner="crashed")
    first = _rows(store_settings)[0]
    assert crashed.claim(first.id, _now()) is not None  # claimed, then the process "dies"
    survivor = Delivery(factory, settings, lambda: profile, owner="survivor")
    try:
        survivor.run_once()
        assert receiver.keys() == [f"yuqing-notification-{_rows(store_settings)[1].id}"]  # not the leased row
        _drain(survivor, store_settings, timeout=60)  # the lease runs out after 10 s
    finally:
        survivor.close()
        crashed.close()
    assert Counter(receiver.keys()) == Counter(f"yuqing-notification-{r.id}" for r in _rows(store_settings))
    assert all(r.status == "sent" for r in _rows(store_settings))


def test_restart_mid_delivery_sends_each_exactly_once(setup: tuple, receiver: Receiver,
                                                      store_settings: StoreSettings) -> None:
    settings, profile, factory = setup
    _route(settings, profile, 10)
    receiver.delay_s = 0.03
    stop = threading.Event()
    # Stopped by the receiver at its 4th request: the test's thread could see that request only after
    # the worker had sent all 20 (0.6 s) on a loaded host, and there would be no restart mid-delivery.
    receiver.on_record = lambda r: stop.set() if len(r.requests) >= 4 else None
    first = Delivery(factory, settings, lambda: profile, owner="first")
    thread = threading.Thread(target=first.run, args=(stop,))
    thread.start()
    assert receiver.wait_for(lambda r: len(r.requests) >= 4, timeout=60)
    stop.set()
    thread.join(timeout=30)
    first.close()
    pending = [r for r in _rows(store_settings) if r.status == "pending"]
    assert pending, "the restart should happen mid-delivery"
    second = Delivery(factory, settings, lambda: profile, owner="second")
    try:
        _drain(second, store_settings)
    finally:
        second.close()
    rows = _rows(store_settings)
    assert len(rows) == 20
    assert Counter(receiver.keys()) == Counter(f"yuqing-notification-{r.id}" for r in rows)
    assert max(Counter(receiver.keys()).values()) == 1


def test_graver_cases_are_delivered_first(setup: tuple, receiver: Receiver, store_settings: StoreSettings) -> None:
    settings, profile, factory = setup
    processor = RouterProcessor(settings, profile)
    items = [scored("low-1"), scored("low-2"), scored("grave", grade="特别重大", rank=0), scored("low-3")]
    processor.process([Record("items.scored", 0, n, s.item.id.encode(), encode(s)) for n, s in enumerate(items)])
    delivery = Delivery(factory, settings, lambda: profile)
    try:
        _drain(delivery, store_settings)
    finally:
        delivery.close()
    order = [r.json()["item_id"] for r in receiver.requests]
    assert order[:2] == ["grave", "grave"]  # its alert and its copy before any 一般 message
    assert sorted(order[2:]) == sorted(["low-1", "low-2", "low-3"] * 2)


def test_rate_limiter_token_bucket() -> None:
    clock = [0.0]
    limiter = RateLimiter({"wecom": 60}, monotonic=lambda: clock[0])
    waits = [limiter.take("wecom", "u") for _ in range(11)]
    assert waits[:10] == [0.0] * 10  # a burst of rate/6
    assert waits[10] == pytest.approx(1.0)
    clock[0] += 1.0
    assert limiter.take("wecom", "u") == 0.0
    assert limiter.take("wecom", "other-robot") == 0.0  # per target
    assert limiter.take("webhook", "u") == 0.0  # no limit configured


def _now() -> datetime:
    return now()
