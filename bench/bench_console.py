"""Console benchmark: 预警台 (inbox) response time with 10,000 open cases and 200,000 items.

    python bench/bench_console.py [--cases 10000] [--items 200000] [--repeat 20] [--store URL]

Without ``--store`` it runs on a temporary SQLite file, then on PostgreSQL when
``YUQING_TEST_PG_URL`` names a server (a temporary database is created there and dropped).
The cases are opened through the router's own API (case, clocks, audit, outbox rows); the other
items are bulk-inserted. Each figure is a full HTTP request through the application (session
lookup, access scope, query, template), measured with FastAPI's TestClient: median and p95 ms.
The live feed's own queries (one fingerprint per interval per process, one scoped 未签收 count
per reader per change) are timed directly.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fastapi.testclient import TestClient  # noqa: E402
from sqlalchemy import func, insert, select  # noqa: E402
from stores import each_store  # noqa: E402  (bench/, this script's folder)

from console import accounts, live  # noqa: E402
from console.app import create_app  # noqa: E402
from console.db import Store  # noqa: E402
from console.roles import Principal  # noqa: E402
from console.settings import ConsoleSettings  # noqa: E402
from core.contracts import Engagement, Grade, RawItem, ScoredItem, Source  # noqa: E402
from core.settings import StoreSettings  # noqa: E402
from policies import profile_dir  # noqa: E402
from router import cases  # noqa: E402
from router.policy import load  # noqa: E402
from router.settings import RouterSettings  # noqa: E402
from store.console_tables import ConsoleUserRow  # noqa: E402
from store.db import make_engine, migrate, sessions  # noqa: E402
from store.items import upsert_scored  # noqa: E402
from store.tables import CaseRow, ItemRow  # noqa: E402

TOPICS = ("住房", "教育", "就业", "卫生计生", "价格", "社会稳定", "社情民意", "其他")
GRADES = (("特别重大", 0), ("重大", 1), ("一般", 2), ("一般", 2), ("一般", 2))
REGIONS = (None, None, None, "450721", "450702")
PASSWORD = "bench-password-1"
WORDS = ("小区", "业主", "投诉", "漏水", "学校", "食堂", "招聘", "物价", "医院", "排队",
         "道路", "塌陷", "停车", "拆迁", "补偿", "噪音", "污染", "上访", "网友", "质疑")


def _scored(n: int, rng: random.Random, now: datetime) -> ScoredItem:
    grade, rank = rng.choice(GRADES)
    title = "".join(rng.sample(WORDS, 4)) + f"事件{n}"
    item = RawItem(id=f"bench-case-{n}", source=Source(id=f"src-{n % 50}", name=f"来源{n % 50}", kind="news",
                                                        tier="prefecture", region=rng.choice(REGIONS)),
                   url=f"https://news.example.org/c/{n}", title=title, text=title + "，" + "网友反映情况。" * 10,
                   fetched_at=now - timedelta(minutes=rng.randint(0, 60 * 24 * 20)),
                   engagement=Engagement(views=rng.randint(0, 50_000), replies=rng.randint(0, 500)))
    # Negativity at or above the city-gov intake (0.4): every item opens a case.
    return ScoredItem(item=item, negativity=0.4 + 0.6 * rng.random(), relevance=0.8, topic=rng.choice(TOPICS),
                      grade=Grade(grade, rank, ("基准测试",)), model_version="bench", profile="city-gov",
                      scored_at=now)


def fill(store: StoreSettings, n_cases: int, n_items: int) -> None:
    profile = load(profile_dir("city-gov"))
    router_settings = RouterSettings(store=store)
    engine = make_engine(store)
    factory = sessions(engine)
    rng = random.Random(7)
    now = datetime.now(UTC)
    started = time.perf_counter()
    filler = n_items - n_cases
    with factory() as session, session.begin():
        batch = []
        for n in range(filler):
            batch.append({"id": f"bench-item-{n}", "source_id": f"src-{n % 50}", "source_name": f"来源{n % 50}",
                          "source_kind": "forum", "source_tier": "self_media", "url": f"https://bbs.example.org/{n}",
                          "title": "".join(rng.sample(WORDS, 3)), "text": "网友讨论。" * 20, "author": None,
                          "published_at": None, "fetched_at": now, "region": None, "views": n % 1000,
                          "replies": n % 50, "reposts": None, "likes": None, "revision": 0, "payload": {}})
            if len(batch) == 5000:
                session.execute(insert(ItemRow), batch)
                batch = []
        if batch:
            session.execute(insert(ItemRow), batch)
    print(f"  {filler:,} items bulk-inserted in {time.perf_counter() - started:.1f}s", flush=True)
    started = time.perf_counter()
    for start in range(0, n_cases, 500):
        with factory() as session, session.begin():
            for n in range(start, min(start + 500, n_cases)):
                scored = _scored(n, rng, now)
                upsert_scored(session, [scored])
                cases.open_or_update(session, profile, router_settings, scored, now)
    with factory() as session:
        opened = session.scalar(select(func.count()).select_from(CaseRow)) or 0
    print(f"  {opened:,} cases opened through the router API in {time.perf_counter() - started:.1f}s", flush=True)
    engine.dispose()
    handle = Store(store)
    with handle.sessions() as session, session.begin():
        accounts.create_user(session, "desk", PASSWORD, "desk", actor="bench")
        accounts.create_user(session, "hous", PASSWORD, "handler", department_id="housing", actor="bench")
    handle.close()


def measure(store: StoreSettings, repeat: int) -> list[tuple[str, float, float, int]]:
    settings = ConsoleSettings(store=store, cookie_secure=False, page_size=50)
    app = create_app(settings, RouterSettings(store=store))
    results = []
    for user, paths in (("desk", ["/", "/inbox/rows", "/?status=unsigned", "/?grade=重大&topic=住房", "/?q=漏水",
                                  "/?status=all&page=100", "/?period=24h&region=4507"]),
                        ("hous", ["/", "/?q=小区"])):
        with TestClient(app) as client:
            page = client.get("/login")
            csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
            client.post("/login", data={"csrf": csrf, "username": user, "password": PASSWORD})
            for path in paths:
                headers = {"X-Requested-With": "fetch"} if path.startswith("/inbox") else {}
                client.get(path, headers=headers)  # warm up
                times = []
                total = 0
                for _ in range(repeat):
                    t0 = time.perf_counter()
                    response = client.get(path, headers=headers)
                    times.append((time.perf_counter() - t0) * 1000)
                    assert response.status_code == 200, response.text[:300]
                    found = re.search(r"共 (\d+) 件", response.text)
                    total = int(found.group(1)) if found else 0
                times.sort()
                p95 = times[max(0, int(len(times) * 0.95) - 1)]
                results.append((f"{user:<5} GET {path}", statistics.median(times), p95, total))
    results.extend(measure_live(store, repeat))
    return results


def measure_live(store: StoreSettings, repeat: int) -> list[tuple[str, float, float, int]]:
    """The live feed's costs: the one fingerprint query per interval, and each reader's count per change."""
    handle = Store(store)
    results = []
    try:
        with handle.sessions() as session:
            users = {u.username: u for u in session.scalars(select(ConsoleUserRow))}
            for name, call in (
                    ("live  fingerprint (per interval)", lambda: live.fingerprint(session)),
                    ("live  unsigned count desk (per change)",
                     lambda: live.unsigned_count(session, _principal(users["desk"]))),
                    ("live  unsigned count hous (per change)",
                     lambda: live.unsigned_count(session, _principal(users["hous"])))):
                call()
                times = []
                value = 0
                for _ in range(repeat):
                    t0 = time.perf_counter()
                    value = call()
                    times.append((time.perf_counter() - t0) * 1000)
                times.sort()
                results.append((name, statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)],
                                value if isinstance(value, int) else 0))
    finally:
        handle.close()
    return results


def _principal(user: ConsoleUserRow) -> Principal:
    return Principal(user_id=user.id, username=user.username, display_name=user.display_name, role=user.role,
                     department_id=user.department_id, session_id="bench", csrf_token="bench")


def run(url: str, n_cases: int, n_items: int, repeat: int, label: str) -> None:
    store = StoreSettings(url=url)
    print(f"== {label}: {n_cases:,} open cases, {n_items:,} items ==", flush=True)
    migrate(store)
    fill(store, n_cases, n_items)
    print(f"  {'request':<44} {'median ms':>10} {'p95 ms':>8} {'cases':>7}")
    for name, med, p95, total in measure(store, repeat):
        print(f"  {name:<44} {med:>10.1f} {p95:>8.1f} {total:>7}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--items", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--store", help="store URL (default: temporary SQLite, then YUQING_TEST_PG_URL)")
    args = parser.parse_args()
    if args.items < args.cases:
        parser.error("--items counts the cases' items too: it must be >= --cases")
    each_store(args.store, lambda url, label: run(url, args.cases, args.items, args.repeat, label))
    return 0


if __name__ == "__main__":
    sys.exit(main())
