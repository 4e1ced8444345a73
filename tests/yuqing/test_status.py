"""``yuqing status --json`` and its exit codes: 0 all well, 1 a stage down, lagging or silent, 2 bad settings."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from core import topics
from core.contracts import RawItem, Source
from core.kafka import make_producer
from core.settings import KafkaSettings, StoreSettings
from store.db import make_engine, migrate, sessions
from store.heartbeats import Heartbeats
from store.items import upsert_items
from yuqing.cli import main


def _config(tmp_path: Path, kafka: KafkaSettings, store: StoreSettings, ops: str = "") -> Path:
    path = tmp_path / "yuqing.toml"
    path.write_text(f'[kafka]\nbootstrap_servers = "{kafka.bootstrap_servers}"\nconnect_timeout_s = 5.0\n'
                    f'[store]\nurl = "{store.url}"\n[ops]\nheartbeat_s = 5.0\n{ops}', "utf-8")
    return path


def _status(config: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict]:
    code = main(["--config", str(config), "status", "--json"])
    return code, json.loads(capsys.readouterr().out)


def _item(fetched_at: datetime) -> RawItem:
    return RawItem(id="status-item", source=Source(id="s", name="测试", kind="rss", tier="self_media"),
                   url="http://x.cn/1", title="标题", text="正文", fetched_at=fetched_at)


def _store_item(store: StoreSettings, fetched_at: datetime) -> None:
    engine = make_engine(store)
    with sessions(engine)() as session, session.begin():
        upsert_items(session, [_item(fetched_at)])
    engine.dispose()


@pytest.mark.broker
def test_exit_codes(tmp_path: Path, kafka_settings: KafkaSettings, capsys: pytest.CaptureFixture[str]) -> None:
    store = StoreSettings(url=f"sqlite:///{tmp_path / 's.db'}")
    migrate(store)
    # The shared test broker's groups carry other tests' lag: only this test's limits matter here.
    relaxed = _config(tmp_path, kafka_settings, store, "max_lag = 1000000000\n")

    code, report = _status(relaxed, capsys)
    assert code == 1 and not report["ok"]
    assert {p.split()[0] for p in report["problems"] if "未运行" in p} == {"collectors", "classifier", "router"}

    beats = [Heartbeats(store, name, None) for name in ("collectors", "classifier", "router")]
    for beat in beats:
        beat.beat({"n": 1})
    _store_item(store, datetime.now(UTC))
    code, report = _status(relaxed, capsys)
    assert code == 0, report["problems"]
    assert report["services"]["router"]["running"] == 1 and report["flow"]["items"] == 1

    # A stage that left cleanly is down, too.
    beats[1].leave()
    code, report = _status(relaxed, capsys)
    assert code == 1 and any(p.startswith("classifier") for p in report["problems"])
    beats[1].beat()

    # Nothing has flowed for longer than allowed.
    silent = _config(tmp_path, kafka_settings, store, "max_lag = 1000000000\nmax_silence_minutes = 30.0\n")
    engine = make_engine(store)
    with engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM items")
    engine.dispose()
    _store_item(store, datetime.now(UTC) - timedelta(hours=2))
    code, report = _status(silent, capsys)
    assert code == 1 and any("没有新信息入库" in p for p in report["problems"])

    # Lagging: messages nobody consumed, and a limit below them.
    producer = make_producer(kafka_settings, "status-test")
    for n in range(5):
        producer.send(topics.RAW.name, key=str(n).encode(), value=b"{}")
    # A null value (a tombstone) in items.dead must not crash the report.
    producer.send(topics.DEAD_LETTER.name, key=b"tombstone", value=None)
    producer.send(topics.DEAD_LETTER.name, key=b"foreign", value=b"not a dead letter")
    producer.flush()
    producer.close()
    strict = _config(tmp_path, kafka_settings, store, "max_lag = 4\n")
    _store_item(store, datetime.now(UTC))
    code, report = _status(strict, capsys)
    assert code == 1 and any("积压" in p for p in report["problems"])
    assert report["dead_letters"]["unreadable"] >= 2

    assert main(["--config", str(strict), "status"]) == 1
    assert "需要处理" in capsys.readouterr().out
    for beat in beats:
        beat.close()


def test_bad_settings_exit_2_and_an_unreachable_broker_is_a_problem(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[ops]\nmax_lag = -1\n", "utf-8")
    assert main(["--config", str(bad), "status", "--json"]) == 2
    assert "max_lag" in capsys.readouterr().err
    store = StoreSettings(url=f"sqlite:///{tmp_path / 's.db'}")
    migrate(store)
    config = _config(tmp_path, KafkaSettings(bootstrap_servers="127.0.0.1:1"), store)
    code, report = _status(config, capsys)
    assert code == 1 and not report["kafka"]["reachable"]
    assert any("Kafka 不可达" in p for p in report["problems"])
