"""Grouping throughput with a full window: items/s through :func:`incidents.assign`, and memory.

The window is filled first with ``--window`` items in incidents (1-5 items each, real grouping
keys: MinHash bands, titles and key terms computed from real text), written straight to the
store so the fill takes seconds, not the hours the real path would. Then ``--measure`` new items
(new stories, reposts and follow-ups of stories in the window) go through the real ``assign`` in
batches of 200 per transaction, as the router would send them. Printed: items/s (wall and per
CPU second: the machine may be shared), the RSS of this process before and after, the store size.

Texts: citizen messages from ../shared/data/gov when present, otherwise generated sentences.

    python bench/bench_incidents.py [--window 100000] [--measure 2000] [--url postgresql+psycopg://...]
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import incidents  # noqa: E402
from core.contracts import Engagement, Grade, RawItem, ScoredItem, Source  # noqa: E402
from core.settings import StoreSettings  # noqa: E402
from incidents import text as tx  # noqa: E402
from incidents.service import incident_id_for  # noqa: E402
from store.db import make_engine, migrate, sessions  # noqa: E402
from store.incident_tables import IncidentItemRow, IncidentKeyRow, IncidentRow, IncidentSourceRow  # noqa: E402

DATA = Path(os.environ.get("YUQING_SHARED_DATA", REPO.parent / "shared" / "data")) / "gov"
NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
TIERS = ("self_media", "portal", "county", "prefecture", "provincial", "central")


def rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def texts(n: int, rng: random.Random) -> tuple[list[tuple[str, str]], str]:
    if DATA.is_dir():
        rows: list[tuple[str, str]] = []
        for name in ("unlabelled_messages_with_votes.csv", "messages_with_gov_replies.csv"):
            with (DATA / name).open(encoding="utf-8") as fh:
                rows.extend((r["title"], r["body"]) for r in csv.DictReader(fh) if len(r["body"]) >= 40)
        rng.shuffle(rows)
        return rows[:n], f"gov messages from {DATA}"
    import jieba

    jieba.dt.check_initialized()
    words = [w for w, f in jieba.dt.FREQ.items() if f > 50 and len(w) >= 2][:60000]
    out = []
    for _ in range(n):
        vocab = rng.sample(words, 40)
        body = "，".join("".join(rng.choices(vocab, k=6)) for _ in range(8)) + "。"
        out.append(("".join(rng.sample(vocab, 4)), body))
    return out, "generated sentences (no ../shared/data)"


def scored(item_id: str, title: str, text: str, at: datetime, tier: str, source: str) -> ScoredItem:
    item = RawItem(id=item_id, source=Source(id=source, name=source, kind="news", tier=tier), url=f"https://b/{item_id}",
                   title=title, text=text, published_at=at, fetched_at=at, engagement=Engagement(views=100, replies=3))
    return ScoredItem(item=item, negativity=0.6, relevance=0.8, topic="其他", grade=Grade("一般", 2, ("bench",)),
                      model_version="bench", profile="city-gov", scored_at=at)


def fill(factory, window: int, base: list[tuple[str, str, tx.TextFeatures]], rng: random.Random,  # type: ignore[no-untyped-def]
         hours: float) -> int:
    """Write ``window`` items in incidents straight to the store; returns the number of incidents."""
    made = n_incidents = 0
    incidents_rows, items_rows, key_rows, source_rows = [], [], [], []

    def flush() -> None:
        with factory() as session, session.begin():
            for table, rows in ((IncidentRow, incidents_rows), (IncidentItemRow, items_rows),
                                (IncidentKeyRow, key_rows), (IncidentSourceRow, source_rows)):
                if rows:
                    session.execute(table.__table__.insert(), rows)
                    rows.clear()

    while made < window:
        title, _text, f = base[n_incidents % len(base)]
        size = min(window - made, rng.choice((1, 1, 1, 2, 3, 5)))
        iid = incident_id_for(f"fill-{n_incidents}")
        at = NOW - timedelta(hours=rng.uniform(0, hours))
        tier = rng.choice(TIERS)
        state = {"terms": {t: [w, size] for t, w in f.terms.items()}, "titles": [f.title],
                 "fine_places": sorted(f.fine_places), "carriers": {tier: {"neg": 0.6, "kind": "news", "rel": 0.8}},
                 "topics": {"其他": size}, "counts": {"views": 100 * size}}
        incidents_rows.append(dict(
            id=iid, profile="city-gov", title=title[:200], status="open", region=None, first_item_id=f"fill-{made}",
            first_source="s", first_tier=tier, first_published_at=at, last_item_at=at, created_at=at, updated_at=at,
            items=size, sources=size, negative_items=size, top_tier=tier, views=100 * size, interactions=3 * size,
            heat=5.0, heat_at=at, peak_heat=5.0, grade="一般", grade_rank=2, grade_reasons=[], suggested_grade=None,
            responded_at=None, response_item_id=None, state=state, case_id=None, version=size))
        # A base text used again gets salted band keys: each filled incident is its own story, not a
        # repost of another made from the same text; terms stay real, so common terms stay common.
        salt = n_incidents // len(base)
        keys = [f"{b}~{salt}" if salt else b for b in f.bands] + [tx.term_key(t) for t in f.terms]
        key_rows.extend({"key": k, "incident_id": iid, "item_id": f"fill-{made}", "last_seen": at} for k in keys)
        for j in range(size):
            items_rows.append(dict(
                item_id=f"fill-{made + j}", incident_id=iid, arrived_at=at, published_at=at, source_id=f"s{j}",
                source_name=f"s{j}", source_tier=tier, source_kind="news", title=title[:200], url="https://b/x",
                negativity=0.6, views=100, interactions=3, revision=0, how="first" if j == 0 else "repost",
                reason={}, is_response=False, after_response=False, shingles=f.shingles, signature=f.signature))
            source_rows.append(dict(incident_id=iid, source_id=f"s{j}", source_name=f"s{j}", tier=tier,
                                    first_item_id=f"fill-{made + j}", first_at=at))
        made += size
        n_incidents += 1
        if len(key_rows) >= 50_000:
            flush()
    flush()
    return n_incidents


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--window", type=int, default=100_000, help="items already in the window")
    parser.add_argument("--measure", type=int, default=2000, help="items assigned and timed")
    parser.add_argument("--base", type=int, default=3000, help="distinct texts behind the window")
    parser.add_argument("--url", help="store URL (default: a temporary SQLite file)")
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    rules = incidents.default_rules()
    rss_start = rss_mb()
    pool, origin = texts(args.base + args.measure, rng)
    t = time.perf_counter()
    base = [(title, body, tx.features(title, body, rules)) for title, body in pool[: args.base]]
    print(f"texts: {origin}; features of {len(base)} texts in {time.perf_counter() - t:.1f}s "
          f"({len(base) / (time.perf_counter() - t):.0f}/s)")
    with tempfile.TemporaryDirectory() as tmp:
        url = args.url or f"sqlite:///{tmp}/bench.db"
        settings = StoreSettings(url=url)
        migrate(settings)
        engine = make_engine(settings)
        factory = sessions(engine)
        t = time.perf_counter()
        n_inc = fill(factory, args.window, base, rng, rules.follow_up_hours * 0.9)
        print(f"window: {args.window:,} items in {n_inc:,} incidents written in {time.perf_counter() - t:.1f}s; "
              f"RSS {rss_mb():.0f} MB (start {rss_start:.0f} MB, peak so far {peak_mb():.0f} MB)")
        # New stories, reposts of stories in the window, and follow-ups (a second paragraph of a base text).
        fresh = pool[args.base:]
        stream: list[ScoredItem] = []
        for i in range(args.measure):
            at = NOW + timedelta(seconds=i)
            kind = rng.random()
            if kind < 0.6:
                title, body = fresh[i % len(fresh)]
                stream.append(scored(f"m{i}", title, body, at, rng.choice(TIERS), f"src{i % 500}"))
            elif kind < 0.85:
                title, body, _unused = base[rng.randrange(len(base))]
                stream.append(scored(f"m{i}", title, "转发：" + body, at, rng.choice(TIERS), f"src{i % 500}"))
            else:
                title, body, _ = base[rng.randrange(len(base))]
                stream.append(scored(f"m{i}", "跟进：" + title, body[len(body) // 3 :], at, rng.choice(TIERS),
                                     f"src{i % 500}"))
        rss_before = rss_mb()
        hows: dict[str, int] = {}
        t, cpu = time.perf_counter(), time.process_time()
        for start in range(0, len(stream), 200):
            with factory() as session, session.begin():
                for item in stream[start : start + 200]:
                    a = incidents.assign(session, item, item.item.fetched_at, rules)
                    hows[a.how] = hows.get(a.how, 0) + 1
        wall, cpu = time.perf_counter() - t, time.process_time() - cpu
        rss_after, peak_after = rss_mb(), peak_mb()
        t = time.perf_counter()
        with factory() as session, session.begin():
            swept = incidents.sweep(session, NOW + timedelta(hours=rules.index_hours + 1), rules)
        sweep_s = time.perf_counter() - t
        size = ""
        if url.startswith("sqlite"):
            size = f"; store file {Path(url.removeprefix('sqlite:///')).stat().st_size / 2**20:.0f} MB"
        engine.dispose()
    print(f"assign: {args.measure} items with {args.window:,} items in the window: {args.measure / wall:.0f} items/s "
          f"wall, {args.measure / cpu:.0f} items per CPU second ({cpu / wall:.0%} CPU), {hows}")
    print(f"memory: RSS {rss_before:.0f} MB before the timed run, {rss_after:.0f} MB after "
          f"(peak {peak_after:.0f} MB){size}")
    print(f"sweep after the window: {swept.keys_removed:,} index keys removed in {sweep_s:.1f}s, "
          f"{len(swept.closing_proposed):,} incidents proposed for closing; RSS {rss_mb():.0f} MB, "
          f"peak {peak_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
