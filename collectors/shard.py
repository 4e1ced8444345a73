"""Several collector instances divide the sources between them: a lease per host in the store.

Why leases in the store rather than the sources as a Kafka topic consumed as a group: a source is
not a message but a schedule (poll every ``interval_s``, with conditional-GET validators, a cursor
and a seen-set), and all of that already lives in the store, which every instance shares. A lease
row per host makes the unit of work the unit of politeness: every source of one host is polled by
the one instance that holds the host's lease, so ``per_host_concurrency`` and ``per_host_delay_s``
hold across instances without any cross-instance rate limiter. On PostgreSQL the claim is
``SELECT … FOR UPDATE SKIP LOCKED`` (instances never wait for each other); SQLite, the
single-instance default, runs the same statements under its file lock.

Each instance heartbeats every ``lease_ttl_s / 3``: it renews its leases, counts the live
instances, gives back what exceeds its fair share (a new instance then claims it) and claims free
or expired leases up to its share. An instance that stops cleanly gives its leases back at once;
one that dies loses them when they expire, ``lease_ttl_s`` later, and the others take its hosts
over at their next heartbeat. An instance that cannot reach the store stops polling when its
leases may have expired, so two instances never poll one host at the same time.
"""

from __future__ import annotations

import logging
import math
import os
import socket
import time
import uuid
from collections.abc import Iterable
from datetime import timedelta

from sqlalchemy import delete, func, select, update

from core.contracts import utcnow
from core.settings import StoreSettings
from store.db import make_engine, sessions
from store.items import insert_for
from store.lease_tables import CollectorInstanceRow, CollectorLeaseRow

log = logging.getLogger(__name__)


def instance_id() -> str:
    return f"{socket.gethostname()[:80]}-{os.getpid()}-{uuid.uuid4().hex[:8]}"


def _dead_here(owner: str) -> bool:
    """An instance of this machine (or container) whose process is gone: a previous incarnation
    restarted by its supervisor. Its leases need not run out before they are taken over."""
    host, _, rest = owner.rpartition("-")[0].rpartition("-")
    if host != socket.gethostname()[:80] or not rest.isdigit():
        return False
    pid = int(rest)
    if pid == os.getpid():
        return True  # the same pid in the same container: the container was restarted
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


class Shard:
    """This instance's share of the hosts; :meth:`owns` is what the poll loop asks."""

    def __init__(self, store: StoreSettings, hosts: Iterable[str], ttl_s: float, owner: str | None = None) -> None:
        self.engine = make_engine(store)
        self._sessions = sessions(self.engine)
        self.hosts = frozenset(hosts)
        self.ttl_s = ttl_s
        self.id = owner or instance_id()
        # host -> monotonic time until which this instance may poll it (a margin before the lease ends).
        self._owned: dict[str, float] = {}

    @property
    def heartbeat_s(self) -> float:
        return self.ttl_s / 3

    def owns(self, host: str) -> bool:
        until = self._owned.get(host)
        return until is not None and time.monotonic() < until

    def owned(self) -> set[str]:
        now = time.monotonic()
        return {h for h, until in self._owned.items() if now < until}

    def register(self) -> None:
        """Add a lease row for every host of the sources file; drop free rows of hosts no source has."""
        now = utcnow()
        with self._sessions.begin() as s:
            s.execute(insert_for(s, CollectorInstanceRow).values(id=self.id, heartbeat_at=now, started_at=now)
                      .on_conflict_do_nothing())
            hosts = sorted(self.hosts)
            for start in range(0, len(hosts), 1000):
                rows = [{"host": h, "owner": None, "expires_at": None} for h in hosts[start:start + 1000]]
                s.execute(insert_for(s, CollectorLeaseRow).values(rows).on_conflict_do_nothing())
            stale = [h for h in s.scalars(select(CollectorLeaseRow.host).where(
                (CollectorLeaseRow.owner.is_(None)) | (CollectorLeaseRow.expires_at < now))) if h not in self.hosts]
            for start in range(0, len(stale), 1000):
                s.execute(delete(CollectorLeaseRow).where(CollectorLeaseRow.host.in_(stale[start:start + 1000])))
        self.tick()

    def tick(self) -> set[str]:
        """Heartbeat: renew, give back the excess, claim up to the fair share. Returns the hosts owned."""
        started = time.monotonic()
        now = utcnow()
        until = now + timedelta(seconds=self.ttl_s)
        with self._sessions.begin() as s:
            s.execute(update(CollectorInstanceRow).where(CollectorInstanceRow.id == self.id)
                      .values(heartbeat_at=now))
            if s.get(CollectorInstanceRow, self.id) is None:
                s.add(CollectorInstanceRow(id=self.id, heartbeat_at=now, started_at=now))
            others = set(s.scalars(select(CollectorLeaseRow.owner).where(
                CollectorLeaseRow.owner.is_not(None), CollectorLeaseRow.owner != self.id,
                CollectorLeaseRow.expires_at >= now).distinct()))
            for dead in sorted(o for o in others if _dead_here(o)):
                s.execute(update(CollectorLeaseRow).where(CollectorLeaseRow.owner == dead)
                          .values(owner=None, expires_at=None))
                s.execute(delete(CollectorInstanceRow).where(CollectorInstanceRow.id == dead))
                log.info("collector %s takes over from %s, which is no longer running here", self.id, dead)
            alive_since = now - timedelta(seconds=self.ttl_s)
            s.execute(delete(CollectorInstanceRow).where(
                CollectorInstanceRow.heartbeat_at < now - timedelta(seconds=self.ttl_s * 20)))
            live = max(1, int(s.scalar(select(func.count()).select_from(CollectorInstanceRow)
                                       .where(CollectorInstanceRow.heartbeat_at >= alive_since)) or 1))
            share = math.ceil(len(self.hosts) / live)
            mine = sorted(h for h in s.scalars(select(CollectorLeaseRow.host)
                                               .where(CollectorLeaseRow.owner == self.id)) if h in self.hosts)
            if len(mine) > share:
                excess = mine[share:]
                s.execute(update(CollectorLeaseRow).where(CollectorLeaseRow.host.in_(excess),
                                                          CollectorLeaseRow.owner == self.id)
                          .values(owner=None, expires_at=None))
                mine = mine[:share]
                log.info("collector %s gives back %d hosts (%d instances share %d hosts)", self.id, len(excess),
                         live, len(self.hosts))
            elif len(mine) < share:
                want = share - len(mine)
                free = s.scalars(select(CollectorLeaseRow.host)
                                 .where((CollectorLeaseRow.owner.is_(None)) | (CollectorLeaseRow.expires_at < now))
                                 .order_by(CollectorLeaseRow.host).limit(want * 2 + 20)
                                 .with_for_update(skip_locked=True)).all()
                claimed = [h for h in free if h in self.hosts][:want]
                if claimed:
                    s.execute(update(CollectorLeaseRow).where(CollectorLeaseRow.host.in_(claimed))
                              .values(owner=self.id, expires_at=until))
                    mine += claimed
                    log.info("collector %s claims %d hosts", self.id, len(claimed))
            s.execute(update(CollectorLeaseRow).where(CollectorLeaseRow.owner == self.id).values(expires_at=until))
        # Stop polling a little before the lease ends in the store, in case the next heartbeat fails.
        local_until = started + self.ttl_s * 0.9
        self._owned = dict.fromkeys(mine, local_until)
        return set(mine)

    def release(self) -> None:
        """Give every lease back at once (a clean stop), so the others take over at their next heartbeat."""
        self._owned = {}
        with self._sessions.begin() as s:
            s.execute(update(CollectorLeaseRow).where(CollectorLeaseRow.owner == self.id)
                      .values(owner=None, expires_at=None))
            s.execute(delete(CollectorInstanceRow).where(CollectorInstanceRow.id == self.id))

    def close(self) -> None:
        self.engine.dispose()
