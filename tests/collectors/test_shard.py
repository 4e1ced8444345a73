"""Two collector instances on one sources file divide the sources between them (a lease per host in
the store): every item is published once, and an instance killed hands its sources to the other."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from core import topics
from core.contracts import ContractError, RawItem, decode
from core.kafka import read_topic
from core.settings import KafkaSettings, StoreSettings
from store.collector_tables import CollectorSeenRow
from store.db import make_engine, sessions
from store.lease_tables import CollectorInstanceRow, CollectorLeaseRow
from tests.collectors.conftest import Server

HOSTS = 4
SOURCES_PER_HOST = 2


def _feed(base: str, source: str, entries: list[int]) -> bytes:
    items = "".join(f"<item><title>{source} 第{n}条 市民反映供暖不足</title><link>{base}/{source}/a/{n}.html</link>"
                    f"<guid>{source}-{n}</guid><description>小区供暖温度不达标 {n}</description></item>"
                    for n in entries)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{source}</title>'
            f"{items}</channel></rss>").encode()


def _wait(condition: Callable[[], bool], timeout_s: float, what: str) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}")


def test_two_instances_share_the_sources_and_take_over_from_a_dead_one(
        tmp_path: Path, store_settings: StoreSettings, kafka_settings: KafkaSettings) -> None:
    prefix = f"shard{uuid.uuid4().hex[:6]}"
    entries: dict[str, list[int]] = {}
    servers = [Server() for _ in range(HOSTS)]
    lines = ["sources:"]
    for h, server in enumerate(servers):
        server.thread.start()
        for k in range(SOURCES_PER_HOST):
            source = f"{prefix}-h{h}-s{k}"
            entries[source] = list(range(5))
            base = server.url("")
            server.handle(f"/{source}.xml", lambda _req, s=source, b=base: (
                200, {"Content-Type": "application/rss+xml"}, _feed(b, s, entries[s])))
            lines += [f"  - id: {source}", f"    name: 测试源{h}{k}", "    kind: rss",
                      f"    url: {server.url(f'/{source}.xml')}", "    interval_s: 2", "    tier: county"]
    sources_file = tmp_path / "sources.yaml"
    sources_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("YUQING")}
    env.update(YUQING__STORE__URL=f'"{store_settings.url}"',
               YUQING__KAFKA__BOOTSTRAP_SERVERS=f'"{kafka_settings.bootstrap_servers}"',
               YUQING__COLLECTORS__LEASE_TTL_S="3.0", YUQING__COLLECTORS__PER_HOST_DELAY_S="0.0",
               YUQING__LOG__LEVEL='"INFO"')
    command = [sys.executable, "-m", "yuqing.cli", "collectors", "--sources", str(sources_file)]
    logs = [(tmp_path / f"collector{i}.log").open("wb") for i in range(2)]
    procs = [subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT) for log in logs]
    make = sessions(make_engine(store_settings))

    def published() -> int:
        with make() as s:
            return int(s.scalar(select(func.count()).select_from(CollectorSeenRow).where(
                CollectorSeenRow.source_id.startswith(prefix), CollectorSeenRow.published.is_(True))) or 0)

    def owners() -> dict[str, str | None]:
        with make() as s:
            return {r.host: r.owner for r in s.scalars(select(CollectorLeaseRow))}

    try:
        total = sum(len(v) for v in entries.values())
        # Bounds for failure: two processes start, join the broker and poll on a possibly loaded host.
        _wait(lambda: published() == total, 180, "the first items")
        _wait(lambda: len({o for o in owners().values() if o}) == 2, 90, "both instances to hold hosts")
        time.sleep(2.5)  # both instances poll their share at least once more: nothing is sent twice
        held = owners()
        victim_id = next(o for o in held.values() if o)
        victim = next(p for p in procs if f"-{p.pid}-" in victim_id)
        victim_hosts = {h for h, o in held.items() if o == victim_id}
        assert 0 < len(victim_hosts) < HOSTS
        # What bounds the takeover: the victim's leases last the configured 3 s from its heartbeat
        # (one statement, so the lease and heartbeat it reads belong together).
        with make() as s:
            spans = {expires - beat for expires, beat in s.execute(
                select(CollectorLeaseRow.expires_at, CollectorInstanceRow.heartbeat_at)
                .join(CollectorInstanceRow, CollectorInstanceRow.id == CollectorLeaseRow.owner)
                .where(CollectorLeaseRow.owner == victim_id))}
        assert spans == {timedelta(seconds=3)}, spans
        victim.send_signal(signal.SIGKILL)
        victim.wait(timeout=10)
        killed_at = time.monotonic()
        for source in entries:
            entries[source] = entries[source] + [5, 6]
        _wait(lambda: published() == total + 2 * len(entries), 120, "the survivor to take over")
        taken_over_s = time.monotonic() - killed_at
        survivor = next(p for p in procs if p is not victim)
        assert set(owners().values()) == {o for o in held.values() if o != victim_id}
        # Within one lease (3 s, checked above), a heartbeat (1 s) and one poll interval (2 s): a
        # figure, not an assertion (a loaded machine stretches it; the wait above bounds it for failure).
        print(f"the survivor took over after {taken_over_s:.1f}s")
        survivor.send_signal(signal.SIGTERM)
        assert survivor.wait(timeout=30) == 0
        # A clean stop gives the leases back at once.
        assert not any(owners().values())
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait(timeout=10)
        for log in logs:
            log.close()
        for server in servers:
            server.httpd.shutdown()
            server.httpd.server_close()
    ids = [item.id for item in map(_raw_or_none, read_topic(kafka_settings, topics.RAW.name))
           if item is not None and item.source.id.startswith(prefix)]
    assert len(ids) == total + 2 * len(entries), "every item published"
    assert len(set(ids)) == len(ids), "no item published twice"


def _raw_or_none(value: bytes | None) -> RawItem | None:
    """The session's broker is shared: other tests put broken messages on items.raw on purpose."""
    try:
        return decode(value or b"", RawItem)
    except ContractError:
        return None


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HTTP_PROXY", raising=False)
    monkeypatch.delenv("http_proxy", raising=False)


def test_leases_of_an_instance_on_another_machine_are_taken_over_when_they_expire(
        store_settings: StoreSettings) -> None:
    from collectors.shard import Shard

    hosts = {f"http://h{i}.example.cn" for i in range(6)}
    # A 6 s lease, not 1.5 s: between a's last heartbeat and b's check below a loaded host (with
    # PostgreSQL) may take more than the 1 s that was left, and b would take a's hosts early.
    a = Shard(store_settings, hosts, ttl_s=6.0, owner="machine-a-101-aaaaaaaa")
    b = Shard(store_settings, hosts, ttl_s=6.0, owner="machine-b-202-bbbbbbbb")
    try:
        a.register()
        assert a.owned() == hosts  # alone: every host
        b.register()
        a.tick()  # a sees two live instances and gives back its excess
        b.tick()
        assert len(a.owned()) == 3 and len(b.owned()) == 3 and not a.owned() & b.owned()
        # a stops heartbeating (its machine died): b takes its hosts once a's leases ran out.
        time.sleep(0.5)
        b.tick()
        assert len(b.owned()) == 3, "a's leases have not expired yet"
        time.sleep(5.6)  # past a's lease (6 s after its last heartbeat): sleeps only ever last longer
        assert not a.owns(next(iter(a.owned() or hosts))), "a stops polling when its lease may have ended"
        b.tick()
        assert b.owned() == hosts
    finally:
        a.close()
        b.close()
