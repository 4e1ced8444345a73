"""ops.alerts reach the desk through the router's channels, kept once, retried, masked."""

from __future__ import annotations

import threading
import uuid
from datetime import timedelta
from pathlib import Path

import httpx
import orjson
import pytest
from router_helpers import Receiver, router_settings, write_profile
from sqlalchemy import select, update

from collectors.publish import KafkaPublisher
from core.settings import KafkaSettings, StoreSettings
from core.stage import Record
from router import policy
from router.ops_alerts import OpsAlertProcessor, deliver_due
from router.service import run
from router.timeutil import now, utc
from store.db import make_engine, sessions
from store.ops_tables import OpsAlertRow


def _record(offset: int, value: bytes | None) -> Record:
    return Record("ops.alerts", 0, offset, b"k", value)  # type: ignore[arg-type]


def _alert(message: str, kind: str = "source_failing") -> bytes:
    return orjson.dumps({"schema_version": 1, "kind": kind, "source": "feed-1", "message": message,
                         "at": "2026-12-01T08:00:00+00:00"})


def test_alerts_are_kept_once_retried_and_masked(sqlite_settings: StoreSettings, receiver: Receiver,
                                                 tmp_path: Path) -> None:
    profile = policy.load(write_profile(tmp_path / "p", receiver.url))
    settings = router_settings(sqlite_settings, delivery_backoff_s=60.0, delivery_backoff_max_s=120.0)
    factory = sessions(make_engine(sqlite_settings))
    processor = OpsAlertProcessor(factory)
    alert = _alert("信源「示例论坛」连续 3 次采集失败; 联系人 13812345678")
    result = processor.process([_record(0, alert), _record(1, alert), _record(2, None), _record(3, b"[1]")])
    assert len(result.rejected) == 2, "a null and a foreign message are dead letters, not crashes"
    processor.process([_record(0, alert)])  # a replay after a crash adds nothing
    with factory() as session:
        assert len(list(session.scalars(select(OpsAlertRow)))) == 1

    receiver.script = [("status", 500, "/desk")]
    with httpx.Client() as client:
        assert deliver_due(factory, settings, profile, client) == 1
        with factory() as session:
            row = session.scalars(select(OpsAlertRow)).one()
            assert row.status == "pending" and row.attempts == 1 and "500" in (row.last_error or "")
            assert utc(row.next_attempt_at) > now()
        assert deliver_due(factory, settings, profile, client) == 0, "not due before its backoff"
        with factory() as session, session.begin():
            session.execute(update(OpsAlertRow).values(next_attempt_at=now() - timedelta(seconds=1)))
        assert deliver_due(factory, settings, profile, client) == 1
    with factory() as session:
        row = session.scalars(select(OpsAlertRow)).one()
    assert row.status == "sent" and row.sent_at is not None
    desk = [r for r in receiver.requests if r.path == "/desk"]
    assert desk
    body = desk[-1].body.decode("utf-8")
    assert "运维告警" in body and "信源采集失败" in body
    assert "138****5678" in body and "13812345678" not in body


def test_without_desk_channels_an_alert_is_undeliverable(sqlite_settings: StoreSettings, tmp_path: Path) -> None:
    text = (Path(__file__).parent / "router_helpers.py").read_text("utf-8")
    assert "id: desk" in text
    folder = write_profile(tmp_path / "p", "http://127.0.0.1:9")
    profile_text = (folder / "profile.yaml").read_text("utf-8").replace(
        '    channels: [{kind: webhook, url: "http://127.0.0.1:9/desk", secret: hook}]\n', "", 1)
    (folder / "profile.yaml").write_text(profile_text, "utf-8")
    profile = policy.load(folder)
    factory = sessions(make_engine(sqlite_settings))
    OpsAlertProcessor(factory).process([_record(0, _alert("x"))])
    with httpx.Client() as client:
        deliver_due(factory, router_settings(sqlite_settings), profile, client)
    with factory() as session:
        row = session.scalars(select(OpsAlertRow)).one()
    assert row.status == "undeliverable" and "未配置" in (row.last_error or "")


@pytest.mark.broker
def test_a_collector_alert_reaches_the_desk_through_the_running_router(
        sqlite_settings: StoreSettings, kafka_settings: KafkaSettings, receiver: Receiver, tmp_path: Path) -> None:
    folder = write_profile(tmp_path / "p", receiver.url)
    settings = router_settings(sqlite_settings, kafka=kafka_settings, profile=str(folder), delivery_poll_s=0.2,
                               ops_alerts=True)
    stop = threading.Event()
    thread = threading.Thread(target=run, args=(settings, stop), kwargs={"group_id": f"g-{uuid.uuid4().hex}"},
                              daemon=True)
    thread.start()
    try:
        marker = uuid.uuid4().hex[:8]
        publisher = KafkaPublisher(kafka_settings)
        assert publisher.alert({"schema_version": 1, "kind": "source_quiet", "source": "feed-9",
                                "message": f"信源「论坛{marker}」已 5.0 小时没有新内容"}) is None
        publisher.close()
        assert receiver.wait_for(lambda r: any(marker in q.body.decode("utf-8") for q in r.requests
                                               if q.path == "/desk"), timeout=90), "the desk got the alert"
    finally:
        stop.set()
        thread.join(timeout=60)
