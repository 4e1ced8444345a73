"""Collector shard takeover: one of two collector instances killed → the survivor owning all its hosts.

    python bench/bench_shard_takeover.py [--repeat 5] [--lease-ttl S] [--hosts 8] [--interval 2]
                                         [--modes same,other] [--store URL]

Goal: the survivor takes over in under 15 s (the figure ``tests/collectors/test_shard.py`` used
to assert, with a 3 s lease; it now only prints it).

As the test does: feeds on local HTTP servers (one per host, on 127.0.0.1, ``--hosts`` of them,
two RSS sources each, polled every ``--interval`` s), two real ``yuqing collectors`` processes on
one sources file publishing to an embedded broker, the leases in the store. Once both hold their
share and every entry has been published, the newer instance is killed (SIGKILL), a new entry is
added to each of its sources, and the clock runs until:

- leases: every host the dead instance held is leased to the survivor (``collector_leases``);
- polled: the new entries of the dead instance's sources have been published (what the test times;
  a source whose host this instance does not hold looks again every lease/6, so this comes up to
  that much after the leases, plus the poll itself).

Then a new instance is started in place of the dead one and the next round waits for the share.
Two ways to die, each ``--repeat`` times:

- ``same``: the dead instance ran on the survivor's machine (as in the test): at its next heartbeat
  (every lease/3) the survivor sees the process gone and takes the hosts without waiting for the
  leases to run out;
- ``other``: the dead instance ran on another machine (started here under another host name, the
  only thing that tells machines apart): its leases must run out first, up to a lease after its last
  heartbeat, and the survivor claims them at its next heartbeat after that.

The lease length in use is printed (``[collectors] lease_ttl_s``, the shipped default unless
``--lease-ttl``): the figures are read against it. Median and max per way; the goal is judged on the
max of "polled". Without ``--store`` it runs on a temporary SQLite file, then on PostgreSQL when
``YUQING_TEST_PG_URL`` names a server (a temporary database is created there and dropped).
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select  # noqa: E402
from stores import each_store  # noqa: E402  (bench/, this script's folder)

from collectors.settings import CollectorSettings  # noqa: E402
from core.broker import EmbeddedBroker  # noqa: E402
from core.settings import StoreSettings  # noqa: E402
from store.collector_tables import CollectorSeenRow  # noqa: E402
from store.db import make_engine, migrate, sessions  # noqa: E402
from store.lease_tables import CollectorLeaseRow  # noqa: E402

GOAL_S = 15.0
SOURCES_PER_HOST = 2
# Started as if on another machine: the instance id begins with the host name (collectors.shard).
OTHER_MACHINE = ("import runpy, socket, sys; socket.gethostname = lambda: 'bench-other-machine'; "
                 "sys.argv = ['yuqing', *sys.argv[1:]]; runpy.run_module('yuqing.cli', run_name='__main__')")


class Feeds:
    """One HTTP server per host; each source's RSS feed lists its entries so far."""

    def __init__(self, n_hosts: int, prefix: str) -> None:
        self.entries: dict[str, int] = {}
        self.servers: list[ThreadingHTTPServer] = []
        self.host_sources: dict[str, list[str]] = {}
        feeds = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                source = self.path.strip("/").removesuffix(".xml")
                if source not in feeds.entries:
                    self.send_error(404)
                    return
                body = feeds.feed(f"http://{self.headers['Host']}", source)
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *_args: object) -> None:
                pass

        for h in range(n_hosts):
            server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
            server.daemon_threads = True
            threading.Thread(target=server.serve_forever, daemon=True).start()
            self.servers.append(server)
            host = f"http://127.0.0.1:{server.server_address[1]}"
            self.host_sources[host] = [f"{prefix}-h{h}-s{k}" for k in range(SOURCES_PER_HOST)]
            for source in self.host_sources[host]:
                self.entries[source] = 3

    def feed(self, base: str, source: str) -> bytes:
        items = "".join(f"<item><title>{source} 第{n}条 市民反映供暖不足</title><link>{base}/{source}/a/{n}.html</link>"
                        f"<guid>{source}-{n}</guid><description>小区供暖温度不达标 {n}</description></item>"
                        for n in range(self.entries[source]))
        return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{source}</title>'
                f"{items}</channel></rss>").encode()

    def sources_yaml(self, interval_s: int) -> str:
        lines = ["sources:"]
        for host, names in self.host_sources.items():
            for source in names:
                lines += [f"  - id: {source}", f"    name: 基准源{source[-5:]}", "    kind: rss",
                          f"    url: {host}/{source}.xml", f"    interval_s: {interval_s}", "    tier: county"]
        return "\n".join(lines) + "\n"

    def close(self) -> None:
        for server in self.servers:
            server.shutdown()
            server.server_close()


def _wait(condition: Callable[[], bool], timeout_s: float, what: str, step: float = 0.05) -> float:
    """Wait until ``condition()``; returns the monotonic time it was first seen true."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():
            return time.monotonic()
        time.sleep(step)
    raise RuntimeError(f"timed out after {timeout_s:.0f}s waiting for {what}")


def run(url: str, label: str, repeat: int, ttl: float, n_hosts: int, interval: int, modes: list[str],
        folder: Path) -> None:
    store = StoreSettings(url=url)
    migrate(store)
    prefix = f"bench{uuid.uuid4().hex[:6]}"
    feeds = Feeds(n_hosts, prefix)
    sources_file = folder / "sources.yaml"
    sources_file.write_text(feeds.sources_yaml(interval), encoding="utf-8")
    print(f"== {label}: lease {ttl:g} s (heartbeat every {ttl / 3:g} s), {n_hosts} hosts × {SOURCES_PER_HOST} "
          f"sources polled every {interval} s, {repeat} kills per way ==", flush=True)
    engine = make_engine(store)
    make = sessions(engine)

    def owners() -> dict[str, str | None]:
        with make() as s:
            return {r.host: r.owner for r in s.scalars(select(CollectorLeaseRow))}

    def published() -> int:
        with make() as s:
            return int(s.scalar(select(func.count()).select_from(CollectorSeenRow).where(
                CollectorSeenRow.source_id.startswith(prefix), CollectorSeenRow.published.is_(True))) or 0)

    broker = EmbeddedBroker(log_file=folder / "broker.log").start()
    env = {k: v for k, v in os.environ.items() if not k.startswith("YUQING")}
    env.update(YUQING__STORE__URL=f'"{url}"', YUQING__KAFKA__BOOTSTRAP_SERVERS=f'"{broker.bootstrap_servers}"',
               YUQING__COLLECTORS__LEASE_TTL_S=str(float(ttl)), YUQING__COLLECTORS__PER_HOST_DELAY_S="0.0",
               YUQING__LOG__LEVEL='"INFO"', PYTHONPATH=str(ROOT))
    procs: list[subprocess.Popen[bytes]] = []
    started = 0

    def start(other_machine: bool) -> subprocess.Popen[bytes]:
        nonlocal started
        started += 1
        head = [sys.executable, "-c", OTHER_MACHINE] if other_machine else [sys.executable, "-m", "yuqing.cli"]
        log = (folder / f"collector{started}.log").open("wb")
        proc = subprocess.Popen([*head, "collectors", "--sources", str(sources_file)], env=env, stdout=log,
                                stderr=subprocess.STDOUT, cwd=str(ROOT))
        log.close()
        procs.append(proc)
        return proc

    def holder(proc: subprocess.Popen[bytes]) -> Callable[[str | None], bool]:
        return lambda owner: owner is not None and f"-{proc.pid}-" in owner

    def shared(a: subprocess.Popen[bytes], b: subprocess.Popen[bytes]) -> bool:
        held = list(owners().values())
        mine_a, mine_b = sum(map(holder(a), held)), sum(map(holder(b), held))
        return mine_a + mine_b == n_hosts and abs(mine_a - mine_b) <= 1 and mine_b > 0

    results: dict[str, tuple[list[float], list[float]]] = {}
    try:
        survivor = start(other_machine=False)
        for mode in modes:
            leases: list[float] = []
            polled: list[float] = []
            for _ in range(repeat):
                victim = start(other_machine=mode == "other")
                # Bounds for failure: the newcomer's share comes within two heartbeats.
                _wait(lambda v=victim: shared(survivor, v), 120 + 3 * ttl, "both instances to hold their share",
                      step=0.3)
                total = sum(feeds.entries.values())
                _wait(lambda t=total: published() == t, 120, "every entry to be published", step=0.3)
                time.sleep(min(interval, 2) + 0.5)  # both instances poll their share once more
                held = owners()
                victim_hosts = {h for h, o in held.items() if holder(victim)(o)}
                if not victim_hosts or victim.poll() is not None:
                    raise RuntimeError(f"the instance to kill holds no hosts (exit code {victim.poll()})")
                victim.send_signal(signal.SIGKILL)
                victim.wait(timeout=10)
                killed = time.monotonic()
                for host in victim_hosts:
                    for source in feeds.host_sources[host]:
                        feeds.entries[source] += 1
                expected = sum(feeds.entries.values())
                leased = _wait(lambda vh=victim_hosts: all(holder(survivor)(o) for h, o in owners().items()
                                                           if h in vh),
                               120 + 3 * ttl, "the survivor to lease the dead instance's hosts")
                done = _wait(lambda e=expected: published() == e, 120 + 3 * ttl,
                             "the survivor to poll the dead instance's sources")
                if survivor.poll() is not None:
                    raise RuntimeError(f"the survivor exited ({survivor.returncode})")
                leases.append(leased - killed)
                polled.append(done - killed)
                print(f"  {mode:<5} killed an instance holding {len(victim_hosts)} of {n_hosts} hosts: leases "
                      f"{leases[-1]:.1f}s, polled {polled[-1]:.1f}s", flush=True)
            results[mode] = (leases, polled)
        print(f"  {'way':<6} {'leases: median':>14} {'max':>7}   {'polled: median':>14} {'max':>7}   "
              f"goal < {GOAL_S:g} s (max of polled), lease {ttl:g} s")
        for mode, (leases, polled) in results.items():
            verdict = "met" if max(polled) < GOAL_S else "NOT met"
            print(f"  {mode:<6} {statistics.median(leases):>13.1f}s {max(leases):>6.1f}s   "
                  f"{statistics.median(polled):>13.1f}s {max(polled):>6.1f}s   {verdict}", flush=True)
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in procs:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)
        broker.stop()
        feeds.close()
        engine.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="kills per way of dying")
    parser.add_argument("--lease-ttl", type=float, default=CollectorSettings().lease_ttl_s,
                        help="[collectors] lease_ttl_s (default: the shipped default; the test uses 3)")
    parser.add_argument("--hosts", type=int, default=8, help="hosts of the sources file (two sources each)")
    parser.add_argument("--interval", type=int, default=2, help="interval_s of every source (the test's 2)")
    parser.add_argument("--modes", default="same,other",
                        help="ways the instance dies: same (this machine), other (another machine)")
    parser.add_argument("--store", help="store URL (default: temporary SQLite, then YUQING_TEST_PG_URL)")
    args = parser.parse_args()
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    if not modes or set(modes) - {"same", "other"}:
        parser.error("--modes: same, other or both")
    if args.repeat < 1 or args.hosts < 2:
        parser.error("--repeat >= 1 and --hosts >= 2")

    def in_a_folder(url: str, label: str) -> None:
        with tempfile.TemporaryDirectory() as folder:
            run(url, label, args.repeat, args.lease_ttl, args.hosts, args.interval, modes, Path(folder))

    each_store(args.store, in_a_folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
