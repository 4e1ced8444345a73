"""Router benchmark: routed cases per second and the delivery latency items.scored → channel.

    python bench/bench_router.py [--items 2000] [--latency-items 200] [--rate 20] [--store URL]

1. Processor alone: scored items routed into the store (case, clocks, audit, outbox rows) in
   batches of 500, one transaction per batch, as the stage does — cases/s.
2. The whole router (``router.service.run``: stage + delivery worker + clock ticker) on the
   embedded broker: N items produced at once, time until all N cases exist — cases/s.
3. Latency: items produced at a steady rate; for each, the time from its produce on
   items.scored to the arrival of its alert at a local HTTP webhook receiver — p50/p95/max.

SQLite by default (a temp file); ``--store postgresql+psycopg://...`` for PostgreSQL.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import threading
import time
import uuid
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select, update  # noqa: E402

from core import topics  # noqa: E402
from core.broker import EmbeddedBroker  # noqa: E402
from core.contracts import Engagement, Grade, RawItem, ScoredItem, Source, encode  # noqa: E402
from core.kafka import make_producer  # noqa: E402
from core.settings import KafkaSettings, StoreSettings  # noqa: E402
from core.stage import Record  # noqa: E402
from router import policy, service  # noqa: E402
from router.settings import RouterSettings  # noqa: E402
from store.case_tables import NotificationRow  # noqa: E402
from store.db import make_engine, migrate, sessions  # noqa: E402
from store.tables import CaseRow  # noqa: E402

TOPICS = ("住房", "教育", "就业", "社会稳定", "其他", "公共资源交易")
PROFILE = """\
profile: bench-city
title: 基准测试市
region: "4507"
grades: [特别重大, 重大, 一般]
departments:
  - {{id: desk, name: 值班台, channels: [{{kind: webhook, url: "{url}/desk"}}]}}
  - {{id: leader, name: 分管领导, channels: [{{kind: webhook, url: "{url}/leader"}}]}}
  - {{id: housing, name: 市住建局, channels: [{{kind: webhook, url: "{url}/housing"}}]}}
  - {{id: education, name: 市教育局, channels: [{{kind: webhook, url: "{url}/education"}}]}}
  - {{id: police, name: 市公安局, channels: [{{kind: webhook, url: "{url}/police"}}]}}
  - {{id: press, name: 市新闻办, channels: [{{kind: webhook, url: "{url}/press"}}]}}
topics: {{住房: [住房], 教育: [教育], 就业: [就业], 社会稳定: [社会稳定], 其他: [其他]}}
default_receiver: desk
always_copy: [press]
route:
  receiver: desk
  routes:
    - {{name: 住房, match: {{topic: 住房}}, receiver: housing}}
    - {{name: 教育, match: {{topic: 教育}}, receiver: education}}
    - {{name: 社会稳定, match: {{topic: 社会稳定}}, receiver: police}}
clocks:
  - {{id: facts, name: 发布事实, grades: [特别重大, 重大], due: 1h, remind_before: [20m], stop_on: 已回应}}
  - {{id: respond, name: 予以回应, grades: [一般], due: 48h, remind_before: [8h], stop_on: 已回应}}
  - {{id: settle, name: 办结, grades: [特别重大, 重大, 一般], due: 5wd, stop_on: 办结}}
escalation: {{desk: desk, leader: leader}}
"""


class Arrivals:
    def __init__(self) -> None:
        self.at: dict[str, float] = {}
        self.total = 0
        self.lock = threading.Lock()


def serve(arrivals: Arrivals) -> tuple[ThreadingHTTPServer, str]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            now = time.time()
            doc = json.loads(body)
            with arrivals.lock:
                arrivals.total += 1
                if doc.get("purpose") == "alert":
                    arrivals.at.setdefault(doc["item_id"], now)
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *_: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def scored(item_id: str, n: int) -> ScoredItem:
    now = datetime.now(UTC)
    item = RawItem(id=item_id, source=Source(id="bench", name="基准新闻网", kind="news", tier="prefecture",
                                             region="450702" if n % 3 == 0 else None),
                   url=f"https://bench.example.org/{item_id}", title=f"第{n}条 小区房屋漏水 业主投诉无果",
                   text="业主反映房屋漏水，多次投诉无果。" * 5, fetched_at=now, engagement=Engagement(views=n))
    grade = ("特别重大", 0) if n % 50 == 0 else (("重大", 1) if n % 7 == 0 else ("一般", 2))
    return ScoredItem(item=item, negativity=0.8, relevance=0.9, topic=TOPICS[n % len(TOPICS)],
                      grade=Grade(grade[0], grade[1], ("基准",)), model_version="bench", profile="bench-city",
                      scored_at=now)


def count_cases(store: StoreSettings, prefix: str) -> int:
    with sessions(make_engine(store))() as session:
        return session.scalar(select(func.count()).select_from(CaseRow).where(CaseRow.item_id.like(f"{prefix}%"))) or 0


def bench_processor(store: StoreSettings, profile: policy.Profile, settings: RouterSettings, items: int) -> float:
    processor = service.RouterProcessor(settings, profile)
    prefix = f"p{uuid.uuid4().hex[:6]}-"
    records = [Record(topics.SCORED.name, 0, n, None, encode(scored(f"{prefix}{n}", n))) for n in range(items)]
    start = time.perf_counter()
    for i in range(0, items, 500):
        processor.process(records[i:i + 500])
    elapsed = time.perf_counter() - start
    assert count_cases(store, prefix) == items
    # These cases were routed without the delivery worker: their outbox rows are set aside so the
    # later phases measure only their own deliveries.
    with sessions(make_engine(store))() as session, session.begin():
        session.execute(update(NotificationRow).where(NotificationRow.status == "pending").values(status="bench-skip"))
    return items / elapsed


def run_router(settings: RouterSettings, group: str) -> tuple[threading.Thread, threading.Event]:
    stop = threading.Event()
    thread = threading.Thread(target=service.run, args=(settings, stop), kwargs={"group_id": group}, daemon=True)
    thread.start()
    return thread, stop


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, default=2000)
    parser.add_argument("--latency-items", type=int, default=200)
    parser.add_argument("--rate", type=float, default=20.0, help="items per second in the latency run")
    parser.add_argument("--store", help="store URL (default: a temporary SQLite file)")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="bench-router-"))
    store = StoreSettings(url=args.store or f"sqlite:///{workdir / 'router.db'}")
    migrate(store)
    arrivals = Arrivals()
    server, url = serve(arrivals)
    (workdir / "profile").mkdir()
    (workdir / "profile" / "profile.yaml").write_text(PROFILE.format(url=url), encoding="utf-8")
    profile = policy.load(workdir / "profile")

    with EmbeddedBroker(log_file=workdir / "broker.log") as broker:
        kafka = KafkaSettings(bootstrap_servers=broker.bootstrap_servers)
        settings = RouterSettings(kafka=kafka, store=store, profile=str(workdir / "profile"), delivery_poll_s=0.05,
                                  tick_s=5.0, rate_per_minute={}, delivery_batch=200, receipt_secret="bench-secret")

        rate = bench_processor(store, profile, settings, args.items)
        print(f"processor alone: {args.items} items → {rate:,.0f} cases/s (one transaction per 500)")

        group = f"bench-{uuid.uuid4().hex[:6]}"
        thread, stop = run_router(settings, group)
        producer = make_producer(kafka, "bench")
        # Warm-up: the group joins and the first batch is routed before the clock starts.
        warm = f"w{uuid.uuid4().hex[:6]}-"
        producer.send(topics.SCORED.name, key=warm.encode(), value=encode(scored(warm + "0", 1)))
        producer.flush()
        while count_cases(store, warm) < 1:
            time.sleep(0.05)

        prefix = f"r{uuid.uuid4().hex[:6]}-"
        payloads = [(f"{prefix}{n}", encode(scored(f"{prefix}{n}", n))) for n in range(args.items)]
        start = time.perf_counter()
        for key, value in payloads:
            producer.send(topics.SCORED.name, key=key.encode(), value=value)
        producer.flush()
        while count_cases(store, prefix) < args.items:
            time.sleep(0.05)
        elapsed = time.perf_counter() - start
        print(f"router on the broker: {args.items} items → {args.items / elapsed:,.0f} cases/s "
              f"(produce → all cases stored, {elapsed:.1f} s)")
        # Let the delivery worker drain the outbox of the throughput run before measuring latency.
        expected = 2 * (args.items + 1)  # an alert to the lead and a copy to 市新闻办 per item
        while arrivals.total < expected:
            time.sleep(0.05)
        drained = time.perf_counter() - start
        print(f"delivery: {expected} notifications sent in {drained:.1f} s from the first produce "
              f"({expected / drained:,.0f}/s, {settings.delivery_workers} workers, one HTTP request each)")

        prefix = f"l{uuid.uuid4().hex[:6]}-"
        produced: dict[str, float] = {}
        interval = 1.0 / args.rate
        for n in range(args.latency_items):
            item_id = f"{prefix}{n}"
            produced[item_id] = time.time()
            producer.send(topics.SCORED.name, key=item_id.encode(), value=encode(scored(item_id, n)))
            producer.flush()
            time.sleep(interval)
        deadline = time.monotonic() + 120
        while not all(i in arrivals.at for i in produced) and time.monotonic() < deadline:
            time.sleep(0.05)
        latencies = sorted((arrivals.at[i] - t) * 1000 for i, t in produced.items() if i in arrivals.at)
        producer.close()
        stop.set()
        thread.join(timeout=60)
    server.shutdown()
    if len(latencies) < len(produced):
        print(f"latency: only {len(latencies)} of {len(produced)} alerts arrived")
    p95 = latencies[int(0.95 * (len(latencies) - 1))]
    print(f"delivery latency items.scored → webhook ({len(latencies)} items at {args.rate:g}/s): "
          f"p50 {statistics.median(latencies):.0f} ms, p95 {p95:.0f} ms, max {latencies[-1]:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
