"""Leases that divide the collectors' work between instances: one row per host, and one per
live instance (its heartbeat, so the others know how many share the work)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from store.tables import Base


class CollectorLeaseRow(Base):
    __tablename__ = "collector_leases"
    __table_args__ = (Index("ix_collector_leases_owner", "owner"),)

    # scheme://host:port of the sources it covers (collectors.urls.host_of).
    host: Mapped[str] = mapped_column(String(255), primary_key=True)
    owner: Mapped[str | None] = mapped_column(String(128))
    expires_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class CollectorInstanceRow(Base):
    __tablename__ = "collector_instances"

    id: Mapped[str] = mapped_column(String(128), primary_key=True)
    heartbeat_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
