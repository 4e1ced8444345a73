"""Tables of the backbone: items, scored items and cases. Later stages add theirs in modules
beside this one, on the same :class:`Base`, with their own migration branch."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class ItemRow(Base):
    """The latest revision of every collected item; nothing is deleted."""

    __tablename__ = "items"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    source_id: Mapped[str] = mapped_column(String(128), index=True)
    source_name: Mapped[str] = mapped_column(String(256))
    source_kind: Mapped[str] = mapped_column(String(32))
    source_tier: Mapped[str] = mapped_column(String(32))
    url: Mapped[str] = mapped_column(Text)
    title: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(String(256))
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    fetched_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    region: Mapped[str | None] = mapped_column(String(32), index=True)
    views: Mapped[int | None] = mapped_column(Integer)
    replies: Mapped[int | None] = mapped_column(Integer)
    reposts: Mapped[int | None] = mapped_column(Integer)
    likes: Mapped[int | None] = mapped_column(Integer)
    revision: Mapped[int] = mapped_column(Integer, default=0)
    payload: Mapped[dict] = mapped_column(JSON)


class ScoredItemRow(Base):
    __tablename__ = "scored_items"

    item_id: Mapped[str] = mapped_column(ForeignKey("items.id"), primary_key=True)
    negativity: Mapped[float] = mapped_column(Float)
    # Tone (情绪), a secondary signal shown beside adverse-ness; None for v1 scores.
    emotion: Mapped[float | None] = mapped_column(Float, nullable=True)
    relevance: Mapped[float] = mapped_column(Float)
    topic: Mapped[str] = mapped_column(String(64), index=True)
    grade: Mapped[str] = mapped_column(String(32))
    grade_rank: Mapped[int] = mapped_column(Integer)
    grade_reasons: Mapped[list] = mapped_column(JSON)
    model_version: Mapped[str] = mapped_column(String(64))
    profile: Mapped[str] = mapped_column(String(64))
    scored_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class CaseRow(Base):
    """A case: one item before the department that must answer for it."""

    __tablename__ = "cases"
    __table_args__ = (Index("ix_cases_status_rank", "status", "grade_rank"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    item_id: Mapped[str] = mapped_column(ForeignKey("items.id"), unique=True)
    profile: Mapped[str] = mapped_column(String(64))
    topic: Mapped[str] = mapped_column(String(64))
    grade: Mapped[str] = mapped_column(String(32))
    grade_rank: Mapped[int] = mapped_column(Integer)
    department_id: Mapped[str] = mapped_column(String(64), index=True)
    status: Mapped[str] = mapped_column(String(16))
    routing: Mapped[dict] = mapped_column(JSON)
    discovered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # Added by the router migration (0004_router).
    region: Mapped[str | None] = mapped_column(String(32))
    assisting: Mapped[list | None] = mapped_column(JSON)  # 会办: assisting department ids
    acknowledged_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
