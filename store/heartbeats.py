"""Heartbeats: each running service instance keeps a row fresh; ``yuqing status`` reads them."""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select

from core.contracts import utcnow
from core.settings import StoreSettings
from store.db import make_engine, sessions
from store.items import insert_for
from store.ops_tables import HeartbeatRow


class Heartbeats:
    def __init__(self, store: StoreSettings, service: str, metrics_url: str | None) -> None:
        self.engine = make_engine(store)
        self._sessions = sessions(self.engine)
        self.service = service
        self.host = socket.gethostname()
        self.pid = os.getpid()
        self.instance = f"{service}@{self.host}:{self.pid}"
        self.metrics_url = metrics_url
        self.started_at = utcnow()

    def beat(self, detail: dict[str, Any] | None = None) -> None:
        values = {"instance": self.instance, "service": self.service, "host": self.host, "pid": self.pid,
                  "started_at": self.started_at, "last_seen": utcnow(), "metrics_url": self.metrics_url,
                  "detail": detail or {}}
        with self._sessions() as session, session.begin():
            stmt = insert_for(session, HeartbeatRow).values(**values)
            session.execute(stmt.on_conflict_do_update(
                index_elements=[HeartbeatRow.instance],
                set_={k: stmt.excluded[k] for k in ("last_seen", "metrics_url", "detail")}))

    def leave(self) -> None:
        """A clean stop: the instance is gone, not dead."""
        with self._sessions() as session, session.begin():
            session.execute(delete(HeartbeatRow).where(HeartbeatRow.instance == self.instance))

    def close(self) -> None:
        self.engine.dispose()


@dataclass(frozen=True, slots=True)
class Instance:
    instance: str
    service: str
    last_seen: datetime
    started_at: datetime
    metrics_url: str | None
    detail: dict[str, Any]
    alive: bool


def instances(store: StoreSettings, beat_s: float, now: datetime | None = None) -> list[Instance]:
    """Every instance that beat recently enough to matter; ``alive`` when within three beats (min 30 s)."""
    moment = now or utcnow()
    fresh = timedelta(seconds=max(30.0, 3 * beat_s))
    engine = make_engine(store)
    try:
        with sessions(engine)() as session:
            rows = list(session.scalars(select(HeartbeatRow).where(
                HeartbeatRow.last_seen >= moment - timedelta(days=1)).order_by(HeartbeatRow.service)))
    finally:
        engine.dispose()
    out = []
    for row in rows:
        seen = row.last_seen if row.last_seen.tzinfo else row.last_seen.replace(tzinfo=moment.tzinfo)
        started = row.started_at if row.started_at.tzinfo else row.started_at.replace(tzinfo=moment.tzinfo)
        out.append(Instance(row.instance, row.service, seen, started, row.metrics_url, dict(row.detail or {}),
                            moment - seen <= fresh))
    return out
