"""Store growth per million items, through the code paths the stack uses.

    python bench/bench_growth.py [--items 20000] [--chars 100] [--store URL]

Each item goes through what happens to it in production: the collectors stage it in the seen-set
and mark it published, the router stores it with its score (one in ten opens a case, with its
clocks, log and notifications); then the retention job runs once (its first step, which empties
the seen-set's copy of what the store holds, applies to everything here; nothing is old enough
for the others). The store's size is measured before and after, and scaled to a million items.

SQLite by default (a temp file; size = pages in use); ``--store postgresql+psycopg://...`` for
PostgreSQL (size = pg_total_relation_size of the tables, after VACUUM). SQLite's size is that of a
``VACUUM INTO`` copy: what the data takes once the pages it freed are reused.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import inspect, text  # noqa: E402
from stores import temporary_postgres  # noqa: E402  (bench/, this script's folder)

from collectors import items as collector_items  # noqa: E402
from collectors.kinds.base import Candidate  # noqa: E402
from collectors.sources import parse  # noqa: E402
from collectors.state import CollectorStore  # noqa: E402
from core.contracts import Grade, ScoredItem  # noqa: E402
from core.settings import OpsSettings, StoreSettings  # noqa: E402
from policies import profile_dir  # noqa: E402
from router import cases, policy  # noqa: E402
from router.settings import RouterSettings  # noqa: E402
from store.db import make_engine, migrate, sessions  # noqa: E402
from store.items import upsert_scored  # noqa: E402
from store.retention import prune  # noqa: E402

WORDS = "市民反映小区供暖不热物业推诿多次投诉无果道路施工噪音扰民学校食堂卫生问题医院排队时间过长公交线路调整出行不便"
SPEC = parse({"sources": [{"id": "bench", "name": "压力测试论坛", "kind": "rss", "url": "http://bench.example.cn/f.xml",
                           "tier": "self_media", "region": "450700"}]})[0].spec


def _text(rng: random.Random, chars: int) -> str:
    return "".join(rng.choice(WORDS) for _ in range(chars))


def size_bytes(store: StoreSettings) -> int:
    engine = make_engine(store)
    try:
        with engine.connect() as conn:
            if store.url.startswith("sqlite"):
                # The size of a compacted copy: what the data takes once freed pages are reused.
                copy = Path(tempfile.mkdtemp(prefix="yuqing-growth-")) / "copy.db"
                conn.exec_driver_sql(f"VACUUM INTO '{copy}'")
                size = copy.stat().st_size
                copy.unlink()
                return size
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM")
            return int(sum(conn.execute(text("SELECT pg_total_relation_size(:t)"), {"t": t}).scalar() or 0
                           for t in inspect(engine).get_table_names()))
    finally:
        engine.dispose()


def fill(store: StoreSettings, count: int, chars: int, case_every: int = 10) -> None:
    case_every = case_every or count + 1
    rng = random.Random(7)
    collectors = CollectorStore(store)
    profile = policy.load(profile_dir("city-gov"))
    router = RouterSettings(store=store, profile="city-gov", incidents=False)
    factory = sessions(make_engine(store))
    now = datetime.now(UTC)
    for start in range(0, count, 500):
        built = []
        for n in range(start, min(count, start + 500)):
            candidate = Candidate(url=f"http://bench.example.cn/thread-{n}.html",
                                  title=f"第{n}号帖子: {_text(rng, 16)}", text=_text(rng, chars))
            one = collector_items.decide(SPEC, candidate, None, now)
            assert one is not None
            built.append(one)
        collectors.stage("bench", [b.staged for b in built])
        collectors.mark_published("bench", [(b.item.id, b.item.revision) for b in built])
        scored = [ScoredItem(item=b.item, negativity=0.9 if i % case_every == 0 else 0.1, relevance=0.8,
                             topic="住房" if i % case_every == 0 else "其他",
                             grade=Grade("一般" if i % case_every == 0 else "无", 2 if i % case_every == 0 else 9,
                                         ("测试",)),
                             model_version="bench", profile="city-gov", scored_at=now)
                  for i, b in enumerate(built, start)]
        with factory() as session, session.begin():
            upsert_scored(session, scored)
            cases.open_batch(session, profile, router, [s for s in scored if s.grade.level == "一般"], now)
    collectors.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, default=20000)
    parser.add_argument("--chars", type=int, default=100, help="characters of text per item")
    parser.add_argument("--store", help="store URL (default: a temporary SQLite file)")
    parser.add_argument("--case-every", type=int, default=10, help="one item in N opens a case (0: none)")
    args = parser.parse_args()
    postgres = bool(args.store and args.store.startswith("postgresql"))
    with contextlib.ExitStack() as stack:
        if postgres:
            url = stack.enter_context(temporary_postgres(args.store))
        else:
            url = args.store or f"sqlite:///{stack.enter_context(tempfile.TemporaryDirectory(prefix='yuqing-growth-'))}/g.db"
        store = StoreSettings(url=url)
        migrate(store)
        empty = size_bytes(store)
        started = time.monotonic()
        fill(store, args.items, args.chars, args.case_every)
        filled = size_bytes(store) - empty
        pruned = prune(sessions(make_engine(store)), OpsSettings(), cases.OPEN)
        after = size_bytes(store) - empty
        scale = 1_000_000 / args.items
        print(json.dumps({
            "store": "postgresql" if postgres else "sqlite", "items": args.items, "chars_per_item": args.chars,
            "case_every": args.case_every,
            "fill_seconds": round(time.monotonic() - started, 1),
            "mb_per_million_before_retention": round(filled * scale / 1e6),
            "mb_per_million_after_retention": round(after * scale / 1e6),
            "bytes_per_item_after": round(after / args.items), "pruned": pruned.counts,
        }, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
