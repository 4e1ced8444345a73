"""Tables of the collectors: per-source state (cursor), the seen-set, health and recent errors."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, DateTime, Float, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from store.tables import Base


class CollectorSourceStateRow(Base):
    """What the next poll of a source starts from: conditional-GET validators and a cursor."""

    __tablename__ = "collector_source_state"

    source_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    cursor: Mapped[dict] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class CollectorSeenRow(Base):
    """Every item a source produced. ``published`` turns true only after the broker's ack;
    ``payload`` is the RawItem as last staged (re-sent after a crash, base of engagement updates)."""

    __tablename__ = "collector_seen"
    # By item alone: is this item already published by another source (search results vs fixed sources)?
    __table_args__ = (Index("ix_collector_seen_pending", "source_id", "published"),
                      Index("ix_collector_seen_item", "item_id"))

    source_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    item_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    url: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))
    engagement: Mapped[dict] = mapped_column(JSON)
    revision: Mapped[int] = mapped_column(Integer)
    published: Mapped[bool] = mapped_column(Boolean)
    payload: Mapped[str] = mapped_column(Text)
    first_seen: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_seen: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class CollectorHealthRow(Base):
    __tablename__ = "collector_health"

    source_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    last_poll: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_success: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_item: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_found: Mapped[int] = mapped_column(Integer)
    ever_found: Mapped[bool] = mapped_column(Boolean)
    polls: Mapped[int] = mapped_column(Integer)
    items_published: Mapped[int] = mapped_column(Integer)
    error_count: Mapped[int] = mapped_column(Integer)
    consecutive_failures: Mapped[int] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(Text)
    # Smoothed gap between new items: "quiet" means much longer than this.
    usual_gap_s: Mapped[float | None] = mapped_column(Float)
    # The alert currently raised (failing / quiet / parser_empty), so each is sent once.
    alert: Mapped[str | None] = mapped_column(String(32))
    retry_after: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class CollectorErrorRow(Base):
    """Recent problems of a source, each with its reason (bounded per source)."""

    __tablename__ = "collector_errors"
    __table_args__ = (Index("ix_collector_errors_source_at", "source_id", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    source_id: Mapped[str] = mapped_column(String(128))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    reason: Mapped[str] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    retry: Mapped[bool] = mapped_column(Boolean)
    fatal: Mapped[bool] = mapped_column(Boolean)
