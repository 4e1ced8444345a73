"""End-to-end benchmark: N items through classifier and router, each its own process, on the embedded broker.

Prints items/s from the first item on ``items.raw`` to the last stored score, and the p50/p99
latency from an item's publication on ``items.raw`` to its case in the store (SQLite by default).

    python bench/bench_pipeline.py --items 5000              # throughput
    python bench/bench_pipeline.py --items 3000 --rate 100   # latency at a steady 100 items/s
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, select

from core import topics
from core.broker import EmbeddedBroker
from core.contracts import RawItem, Source, encode, item_id_for
from core.kafka import make_producer, wait_for_broker
from core.settings import KafkaSettings, StoreSettings
from store.db import make_engine, migrate, sessions
from store.tables import CaseRow, ItemRow, ScoredItemRow

TEXTS = (
    "业主多次反映小区暖气不热, 物业和供热公司互相推诿, 老人孩子冻得受不了, 希望住建部门尽快督促解决。",
    "示例市某工地拖欠农民工工资半年, 工人讨薪无门, 年关将近, 请劳动监察部门为我们做主。",
    "市区一家药店高价销售退烧药, 一盒涨到五十元, 这是不是哄抬物价, 市场监管部门管不管?",
    "示例市新建地铁二号线年底开通, 沿线群众出行将更加便捷, 市民纷纷点赞。",
)


def _item(i: int) -> RawItem:
    url = f"http://bench.example.cn/post/{i}"
    text = TEXTS[i % len(TEXTS)] * 3  # ~300 characters, like a forum post
    return RawItem(id=item_id_for(url), url=url, title=f"帖子{i}: {TEXTS[i % len(TEXTS)][:16]}", text=text,
                   source=Source(id="bench", name="基准论坛", kind="forum", tier="self_media", region="450700"),
                   fetched_at=datetime.now(UTC))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, default=5000)
    parser.add_argument("--rate", type=float, default=0.0,
                        help="items/s to publish at (0: all at once, which measures throughput; "
                             "a rate below it measures latency without a queue)")
    parser.add_argument("--routers", type=int, default=1, help="router processes (replicas of one group)")
    parser.add_argument("--store", help="store URL (default: a SQLite file in a temporary folder)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp, EmbeddedBroker(log_file=Path(tmp) / "broker.log") as broker:
        kafka = KafkaSettings(bootstrap_servers=broker.bootstrap_servers)
        store = StoreSettings(url=args.store or f"sqlite:///{tmp}/bench.db")
        migrate(store)
        admin = wait_for_broker(kafka)
        topics.ensure_topics(admin)
        admin.close()
        names = ["classifier", *(f"router-{n}" if args.routers > 1 else "router" for n in range(1, args.routers + 1))]
        logs = {name: Path(tmp) / f"{name}.log" for name in names}
        env = dict(os.environ, YUQING__KAFKA__BOOTSTRAP_SERVERS=f'"{kafka.bootstrap_servers}"',
                   YUQING__STORE__URL=f'"{store.url}"', YUQING__LOG__LEVEL='"WARNING"')
        # Replicas of the router share items.scored's partitions as one consumer group.
        stages = {name: subprocess.Popen([sys.executable, "-m", "yuqing.cli", name.split("-")[0]], env=env,
                                         stdout=log.open("wb"), stderr=subprocess.STDOUT)
                  for name, log in logs.items()}
        try:
            make = sessions(make_engine(store))
            _wait(8.0, stages, logs)  # both consumer groups joined before the clock starts
            producer = make_producer(kafka, "bench")
            started = time.monotonic()
            for i in range(args.items):
                if args.rate > 0:
                    pause = started + i / args.rate - time.monotonic()
                    if pause > 0:
                        time.sleep(pause)
                item = _item(i)
                producer.send(topics.RAW.name, key=item.id.encode(), value=encode(item))
            producer.flush()
            produced = time.monotonic() - started
            done = 0
            deadline = started + max(120.0, args.items / 20)
            while done < args.items and time.monotonic() < deadline:
                _wait(0.25, stages, logs)
                with make() as session:
                    # Every item is stored with its score; calm ones open no case (the profile's intake).
                    done = session.scalar(select(func.count()).select_from(ScoredItemRow)) or 0
            elapsed = time.monotonic() - started
            with make() as session:
                rows = session.execute(select(CaseRow.created_at, ItemRow.fetched_at)
                                       .join(ItemRow, ItemRow.id == CaseRow.item_id)).all()
        finally:
            for process in stages.values():
                if process.poll() is None:
                    process.terminate()
            for process in stages.values():
                process.wait(timeout=30)
    latencies = sorted((_utc(c) - _utc(f)).total_seconds() * 1000 for c, f in rows)
    load = ", ".join(f"{v:.2f}" for v in os.getloadavg())
    print(f"items: {args.items}, scored and stored: {done}, cases opened: {len(rows)}, "
          f"store: {store.url.split(':')[0]}, load average after the run: {load}")
    print(f"produce: {args.items / produced:,.0f} items/s; end to end: {done / elapsed:,.0f} items/s "
          f"({elapsed:.1f}s)")
    if latencies:
        p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
        print(f"latency items.raw → stored case: p50 {statistics.median(latencies):,.0f} ms, p99 {p99:,.0f} ms")


class StageDied(SystemExit):
    """A stage process ended while the benchmark waits for it (its log tail says why)."""


def _wait(seconds: float, stages: dict[str, subprocess.Popen[bytes]], logs: dict[str, Path]) -> None:
    """Sleep, then stop with the stage's log tail if a stage process has died: otherwise the
    benchmark would wait for items that never come and print 0 items/s."""
    time.sleep(seconds)
    for stage, process in stages.items():
        if process.poll() is not None:
            tail = logs[stage].read_text("utf-8", "replace").splitlines()[-30:]
            raise StageDied(f"the {stage} stage exited with code {process.returncode}; its log ends:\n"
                            + "\n".join(tail))


def _utc(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


if __name__ == "__main__":
    main()
