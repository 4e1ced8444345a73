"""End to end on the real broker: three stages as separate processes, a local feed, cases in the store."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from core import topics
from core.contracts import RawItem, Source, encode, item_id_for
from core.kafka import make_producer, read_topic, wait_for_broker
from core.settings import KafkaSettings, StoreSettings
from store.db import make_engine, migrate, sessions
from store.tables import CaseRow, ItemRow, ScoredItemRow
from yuqing.demo import CONTENT, count_feed_items, serve_directory, write_settings, write_sources

pytestmark = pytest.mark.broker


class Stages:
    """Stage processes of one test, each started as ``python -m yuqing.cli <stage>``."""

    def __init__(self, config: Path, kafka: KafkaSettings, store: StoreSettings, log_dir: Path) -> None:
        self.config = config
        self.env = dict(os.environ, PYTHONUNBUFFERED="1",
                        YUQING__KAFKA__BOOTSTRAP_SERVERS=f'"{kafka.bootstrap_servers}"',
                        YUQING__STORE__URL=f'"{store.url}"')
        self.log_dir = log_dir
        self.running: dict[str, subprocess.Popen[bytes]] = {}

    def start(self, stage: str, *extra: str) -> None:
        log = (self.log_dir / f"{stage}.log").open("ab")
        self.running[stage] = subprocess.Popen(
            [sys.executable, "-m", "yuqing.cli", "--config", str(self.config), stage, *extra],
            stdout=log, stderr=subprocess.STDOUT, env=self.env)

    def kill(self, stage: str) -> None:
        process = self.running.pop(stage)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)

    def stop_all(self) -> None:
        for process in self.running.values():
            process.send_signal(signal.SIGTERM)
        for process in self.running.values():
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        self.running.clear()

    def logs(self) -> str:
        return "\n".join(f"--- {p.name}\n{p.read_text('utf-8', 'replace')[-3000:]}" for p in self.log_dir.glob("*.log"))


@pytest.fixture
def pipeline_env(tmp_path: Path, kafka_settings: KafkaSettings) -> Iterator[tuple[Stages, StoreSettings]]:
    admin = wait_for_broker(kafka_settings)
    # Fresh stage topics per test, so counts and lags speak of this test only.
    from yuqing.stack import recycle_topics

    admin.close()
    recycle_topics(kafka_settings)
    store = StoreSettings(url=f"sqlite:///{tmp_path / 'yuqing.db'}")
    migrate(store)
    config = tmp_path / "yuqing.toml"
    sources = tmp_path / "sources.yaml"
    write_settings(config, store.url, sources)
    stages = Stages(config, kafka_settings, store, tmp_path)
    yield stages, store
    stages.stop_all()


def _count(store: StoreSettings, table: type) -> int:
    with sessions(make_engine(store))() as session:
        return session.scalar(select(func.count()).select_from(table)) or 0


def _wait_for(condition: Callable[[], bool], timeout_s: float, stages: Stages, what: str) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.5)
    pytest.fail(f"timed out waiting for {what}\n{stages.logs()}")


def test_local_feed_becomes_routed_cases(pipeline_env: tuple[Stages, StoreSettings], tmp_path: Path) -> None:
    stages, store = pipeline_env
    expected = count_feed_items()
    with serve_directory(CONTENT) as base_url:
        write_sources(tmp_path / "sources.yaml", base_url)
        for stage in ("collectors", "classifier", "router"):
            stages.start(stage)
        _wait_for(lambda: _count(store, ScoredItemRow) >= expected, 180, stages, f"{expected} scored items")
    time.sleep(1)  # the router writes an item's score and its case in one transaction

    with sessions(make_engine(store))() as session:
        rows = session.execute(select(ItemRow, CaseRow).outerjoin(CaseRow, CaseRow.item_id == ItemRow.id)).all()
    assert len(rows) == expected == _count(store, ScoredItemRow)
    by_title = {item.title: case for item, case in rows}
    explosion = by_title["示例市化工园区一企业发生爆炸 已致2人死亡5人受伤"]
    assert explosion is not None and explosion.topic == "应急管理"
    assert explosion.grade_rank == 0, "deaths in an explosion are the gravest grade of city-gov"
    assert explosion.department_id == "emergency"
    wages = by_title["某建筑公司拖欠农民工工资半年 工人讨薪被打"]
    assert wages is not None and wages.topic == "就业"
    # Good news is kept and scored but opens no case (the profile's intake).
    for calm in ("示例市举办第五届农民丰收节 展销特色农产品", "周末带娃去湿地公园, 风景真不错"):
        assert by_title[calm] is None
    for item, case in rows:
        assert case is None or (case.department_id and case.status)
        assert item.source_id in {"demo-news", "demo-bbs", "demo-central"}
        assert "utm_source" not in item.url, "canonical URLs drop tracking parameters"


def _raw(i: int) -> RawItem:
    url = f"http://bbs.example.cn/thread-{i}.html"
    # A local forum of the demo's city (city-gov's jurisdiction, 4507): its posts concern the office.
    source = Source(id="load", name="压力测试论坛", kind="forum", tier="self_media", region="450700")
    return RawItem(id=item_id_for(url), source=source, url=url, title=f"第{i}号帖子: 小区供暖不热 物业不管",
                   text="业主多次反映暖气不热, 物业和供热公司互相推诿。", fetched_at=datetime.now(UTC))


def test_killed_stages_lose_nothing_and_store_nothing_twice(
    pipeline_env: tuple[Stages, StoreSettings], kafka_settings: KafkaSettings
) -> None:
    stages, store = pipeline_env
    total = 1500
    producer = make_producer(kafka_settings, "test-load")
    for i in range(total):
        item = _raw(i)
        producer.send(topics.RAW.name, key=item.id.encode(), value=encode(item))
    producer.flush()
    producer.close()

    stages.start("classifier")
    stages.start("router")
    _wait_for(lambda: _count(store, CaseRow) > 0, 120, stages, "the first cases")
    stages.kill("classifier")  # SIGKILL: whatever batch it had in hand is not committed
    stages.kill("router")
    partial = _count(store, CaseRow)
    stages.start("classifier")
    stages.start("router")
    _wait_for(lambda: _count(store, CaseRow) >= total, 240, stages, f"{total} cases")
    time.sleep(3)  # anything redelivered after a kill must not add rows

    assert partial < total, "the kill happened mid-stream"
    assert _count(store, CaseRow) == _count(store, ScoredItemRow) == _count(store, ItemRow) == total
    with sessions(make_engine(store))() as session:
        ids = set(session.scalars(select(CaseRow.item_id)))
    assert ids == {_raw(i).id for i in range(total)}
    # At least once on the wire (a redelivered batch may be scored twice), exactly once in the store.
    assert len(read_topic(kafka_settings, topics.SCORED.name)) >= total
