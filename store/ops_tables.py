"""Tables of operations: the install's own settings (generated secrets), heartbeats, ops alerts."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from store.tables import Base


class InstallSettingRow(Base):
    """A value generated once per install and kept with the store (a backup carries it along)."""

    __tablename__ = "install_settings"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class HeartbeatRow(Base):
    """A running service instance says it is alive (``yuqing status`` reads these)."""

    __tablename__ = "service_heartbeats"

    instance: Mapped[str] = mapped_column(String(200), primary_key=True)
    service: Mapped[str] = mapped_column(String(32), index=True)
    host: Mapped[str] = mapped_column(String(128))
    pid: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_seen: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    metrics_url: Mapped[str | None] = mapped_column(Text)
    detail: Mapped[dict] = mapped_column(JSON)


class OpsAlertRow(Base):
    """An operations alert (a source failing, a stage restarting) on its way to the desk."""

    __tablename__ = "ops_alerts"
    __table_args__ = (UniqueConstraint("dedupe_key", name="uq_ops_alerts_dedupe"),
                      Index("ix_ops_alerts_status_next", "status", "next_attempt_at"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    dedupe_key: Mapped[str] = mapped_column(String(255))
    kind: Mapped[str] = mapped_column(String(64))
    source: Mapped[str | None] = mapped_column(String(128))
    message: Mapped[str] = mapped_column(Text)
    payload: Mapped[dict] = mapped_column(JSON)
    raised_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # pending → sent | undeliverable
    status: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer)
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_error: Mapped[str | None] = mapped_column(Text)
