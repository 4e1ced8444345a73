"""Console live push: a case opened → the reader's new 未签收 count arriving on ``GET /inbox/events``.

    python bench/bench_console_live.py [--repeat 20] [--readers 1,10,50] [--cases 100] [--poll S] [--store URL]

Goal: the new count reaches the reader within 2 s (the issue's figure; the tests only print it).

The console is served by its own program (``console.server.start_background`` in a child process,
on 127.0.0.1, as ``yuqing console`` would), with the store's change watcher at
``[console] live_poll_seconds`` (the shipped default unless ``--poll``). The readers are SSE
clients as the browser and ``tests/console/test_console_live.py`` are: logged in over HTTP, one
streamed ``GET /inbox/events`` each (half of them the desk's 值班员, half a housing handler, whose
count is their department's). Each new case is opened in this process through the router's own
API (``router.cases.open_or_update``: case, clocks, audit, outbox rows in one transaction), as the
router process does; the clock starts when that transaction has committed and stops when a reader
has received the raised count. Before each case the bench waits a random part of a poll interval,
so that the case lands anywhere in the watcher's cycle (otherwise every case would come just
after a look and wait a whole interval). Figures: median, p95 and max over the repeats, for the
first and for the last of the readers; the goal is judged on the last reader's max.

Without ``--store`` it runs on a temporary SQLite file, then on PostgreSQL when
``YUQING_TEST_PG_URL`` names a server (a temporary database is created there and dropped).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import random
import re
import statistics
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
from stores import each_store  # noqa: E402  (bench/, this script's folder)

from console import accounts  # noqa: E402
from console.settings import ConsoleSettings  # noqa: E402
from core.broker import free_port  # noqa: E402
from core.contracts import Engagement, Grade, RawItem, ScoredItem, Source  # noqa: E402
from core.settings import StoreSettings  # noqa: E402
from policies import profile_dir  # noqa: E402
from router import cases  # noqa: E402
from router.policy import Profile, load  # noqa: E402
from router.settings import RouterSettings  # noqa: E402
from store.db import make_engine, migrate, sessions  # noqa: E402
from store.items import upsert_scored  # noqa: E402

GOAL_S = 2.0
PASSWORD = "bench-password-1"
SECRET = "bench-console-secret-key"
USERS = (("desk", "desk", None), ("hous", "handler", "housing"))
WORDS = ("小区", "业主", "投诉", "漏水", "物业", "停车", "电梯", "噪音", "拆迁", "补偿", "租金", "维修")
# How long one push may take before the run is called broken (a bound for failure, not the goal).
GIVE_UP_S = 60.0


def _scored(item_id: str, rng: random.Random) -> ScoredItem:
    # Topic 住房 goes to the housing department: both kinds of reader see the case.
    title = "".join(rng.sample(WORDS, 4)) + f"问题{item_id}"
    now = datetime.now(UTC)
    item = RawItem(id=item_id, source=Source(id="src-bench", name="本地新闻网", kind="news", tier="prefecture"),
                   url=f"https://news.example.org/{item_id}", title=title, text=title + "，业主多次投诉无人处理。",
                   fetched_at=now, engagement=Engagement(views=1200, replies=35))
    return ScoredItem(item=item, negativity=0.9, relevance=0.8, topic="住房",
                      grade=Grade("重大", 1, ("基准测试",)), model_version="bench", profile="city-gov",
                      scored_at=now)


class Opener:
    """Opens cases the way the router does, on an engine of its own (the router is another process)."""

    def __init__(self, store: StoreSettings) -> None:
        self.profile: Profile = load(profile_dir("city-gov"))
        self.settings = RouterSettings(store=store, receipt_secret="bench-receipt-secret")
        self.engine = make_engine(store)
        self.factory = sessions(self.engine)
        self.rng = random.Random(11)
        self.n = 0

    def open(self, count: int = 1) -> float:
        """Open ``count`` cases in one transaction; returns ``perf_counter()`` once it has committed."""
        with self.factory() as session, session.begin():
            for _ in range(count):
                self.n += 1
                scored = _scored(f"bench-live-{self.n}", self.rng)
                upsert_scored(session, [scored])
                case, outcome = cases.open_or_update(session, self.profile, self.settings, scored,
                                                     datetime.now(UTC))
                assert case is not None, outcome
        return time.perf_counter()

    def close(self) -> None:
        self.engine.dispose()


def _serve(settings: ConsoleSettings, router_settings: RouterSettings, ready, stop) -> None:  # type: ignore[no-untyped-def]
    """The console's own process: served until the bench says stop."""
    from console.server import start_background

    running = start_background(settings, router_settings)
    ready.set()
    stop.wait()
    running.stop()


@dataclass
class Reader:
    user: str
    unsigned: int = -1
    want: int | None = None
    arrived: float | None = None
    first: asyncio.Event | None = None


async def _read(client: httpx.AsyncClient, reader: Reader) -> None:
    """One SSE stream, as the page's EventSource: note the time the wanted count arrives."""
    async with client.stream("GET", "/inbox/events") as response:
        assert response.status_code == 200, response.status_code
        assert response.headers["content-type"].startswith("text/event-stream")
        name = None
        async for line in response.aiter_lines():
            if line.startswith("event: "):
                name = line[7:]
            elif line.startswith("data: ") and name == "cases":
                now = time.perf_counter()
                reader.unsigned = int(json.loads(line[6:])["unsigned"])
                if reader.want is not None and reader.arrived is None and reader.unsigned >= reader.want:
                    reader.arrived = now
                assert reader.first is not None
                reader.first.set()


async def _login(base: str, user: str, n_streams: int) -> httpx.AsyncClient:
    client = httpx.AsyncClient(base_url=base, timeout=httpx.Timeout(30.0, read=None),
                               limits=httpx.Limits(max_connections=n_streams + 5, max_keepalive_connections=5))
    page = await client.get("/login")
    csrf = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert csrf, "no CSRF token on the login page"
    response = await client.post("/login", data={"csrf": csrf.group(1), "username": user, "password": PASSWORD})
    assert response.status_code in (200, 303), response.text[:300]
    return client


async def _measure(base: str, opener: Opener, n_readers: int, repeat: int, poll: float,
                   rng: random.Random) -> tuple[list[float], list[float]]:
    """Per repeat: the latency of the first and of the last reader to receive the new count (s)."""
    per_user = {user: sum(1 for i in range(n_readers) if USERS[i % len(USERS)][0] == user) for user, _, _ in USERS}
    clients = {user: await _login(base, user, max(1, n)) for user, n in per_user.items()}
    readers = [Reader(USERS[i % len(USERS)][0], first=asyncio.Event()) for i in range(n_readers)]
    tasks = [asyncio.create_task(_read(clients[r.user], r)) for r in readers]
    firsts: list[float] = []
    lasts: list[float] = []
    try:
        await asyncio.wait_for(asyncio.gather(*(r.first.wait() for r in readers if r.first)), GIVE_UP_S)
        for _ in range(repeat):
            await asyncio.sleep(rng.uniform(0, poll))
            for r in readers:
                r.want, r.arrived = r.unsigned + 1, None
            committed = await asyncio.to_thread(opener.open)
            deadline = time.monotonic() + GIVE_UP_S
            while any(r.arrived is None for r in readers):
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{sum(r.arrived is None for r in readers)} of {n_readers} readers "
                                       f"never received the new count")
                if any(t.done() for t in tasks):
                    done = next(t for t in tasks if t.done())
                    raise RuntimeError(f"a stream ended: {done.exception()!r}")
                await asyncio.sleep(0.005)
            arrivals = sorted(r.arrived - committed for r in readers if r.arrived is not None)
            firsts.append(arrivals[0])
            lasts.append(arrivals[-1])
            for r in readers:
                r.want = None
    finally:
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        for client in clients.values():
            await client.aclose()
    return firsts, lasts


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[int(0.95 * (len(ordered) - 1))]


def run(url: str, label: str, repeat: int, readers: list[int], n_cases: int, poll: float) -> None:
    store = StoreSettings(url=url)
    print(f"== {label}: {n_cases:,} open cases before, watcher every {poll:g} s, {repeat} cases per row ==",
          flush=True)
    migrate(store)
    from console.db import Store

    handle = Store(store)
    profile = load(profile_dir("city-gov"))
    with handle.sessions() as session, session.begin():
        for user, role, dept in USERS:
            accounts.create_user(session, user, PASSWORD, role, department_id=dept,
                                 departments=set(profile.departments), actor="bench")
    handle.close()
    opener = Opener(store)
    for start in range(0, n_cases, 500):
        opener.open(min(500, n_cases - start))
    settings = ConsoleSettings(store=store, port=free_port(), cookie_secure=False, secret_key=SECRET,
                               models_dir="", live_poll_seconds=poll)
    router_settings = RouterSettings(store=store, receipt_secret="bench-receipt-secret")
    ctx = multiprocessing.get_context("spawn")
    ready, stop = ctx.Event(), ctx.Event()
    server = ctx.Process(target=_serve, args=(settings, router_settings, ready, stop), name="console", daemon=True)
    server.start()
    try:
        if not ready.wait(60):
            raise RuntimeError("the console did not start")
        base = f"http://{settings.host}:{settings.port}"
        rng = random.Random(5)
        print(f"  {'readers':>7}  {'first: median':>13} {'p95':>6} {'max':>6}   {'last: median':>12} {'p95':>6} "
              f"{'max':>6}   goal ≤ {GOAL_S:g} s (last reader's max)", flush=True)
        for n in readers:
            firsts, lasts = asyncio.run(_measure(base, opener, n, repeat, poll, rng))
            verdict = "met" if max(lasts) <= GOAL_S else "NOT met"
            print(f"  {n:>7}  {statistics.median(firsts):>12.2f}s {_p95(firsts):>5.2f}s {max(firsts):>5.2f}s   "
                  f"{statistics.median(lasts):>11.2f}s {_p95(lasts):>5.2f}s {max(lasts):>5.2f}s   {verdict}",
                  flush=True)
    finally:
        stop.set()
        server.join(20)
        if server.is_alive():
            server.kill()
            server.join(5)
        opener.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="cases opened per number of readers")
    parser.add_argument("--readers", default="1,10,50", help="numbers of connected readers, comma-separated")
    parser.add_argument("--cases", type=int, default=100, help="open cases in the store before the first")
    parser.add_argument("--poll", type=float, default=ConsoleSettings().live_poll_seconds,
                        help="[console] live_poll_seconds (default: the shipped default)")
    parser.add_argument("--store", help="store URL (default: temporary SQLite, then YUQING_TEST_PG_URL)")
    args = parser.parse_args()
    readers = [int(n) for n in args.readers.split(",") if n.strip()]
    if args.repeat < 1 or not readers or min(readers) < 1:
        parser.error("--repeat and every --readers number must be >= 1")
    each_store(args.store, lambda url, label: run(url, label, args.repeat, readers, args.cases, args.poll))
    return 0


if __name__ == "__main__":
    sys.exit(main())
