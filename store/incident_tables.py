"""Tables of incidents (舆情事件): reposts and follow-ups of one story grouped, with metrics and history.

``incident_keys`` is the grouping index in the store, shared by every router worker: LSH band keys
of MinHash signatures (reposts), normalised-title keys and key-term keys (follow-ups), each
pointing at the incident that carries it. Keys of incidents quiet for longer than the index window
are deleted by :func:`incidents.service.sweep`, so the index stays bounded; incidents and their
items are kept. Timestamps are UTC (SQLite hands them back naive).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, DateTime, Float, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from store.tables import Base


class IncidentRow(Base):
    __tablename__ = "incidents"
    __table_args__ = (Index("ix_incidents_status_last", "status", "last_item_at"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    profile: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(Text)
    # open → responded → closing_proposed (平息 proposed; a new item reopens it)
    status: Mapped[str] = mapped_column(String(24))
    region: Mapped[str | None] = mapped_column(String(32))
    first_item_id: Mapped[str] = mapped_column(String(64))
    first_source: Mapped[str] = mapped_column(String(256))
    first_tier: Mapped[str] = mapped_column(String(32))
    first_published_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_item_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    items: Mapped[int] = mapped_column(Integer, default=0)
    sources: Mapped[int] = mapped_column(Integer, default=0)
    negative_items: Mapped[int] = mapped_column(Integer, default=0)
    top_tier: Mapped[str] = mapped_column(String(32))
    views: Mapped[int] = mapped_column(Integer, default=0)
    interactions: Mapped[int] = mapped_column(Integer, default=0)  # replies + reposts + likes
    heat: Mapped[float] = mapped_column(Float, default=0.0)  # decayed, as of heat_at
    heat_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    peak_heat: Mapped[float] = mapped_column(Float, default=0.0)
    grade: Mapped[str | None] = mapped_column(String(32))
    grade_rank: Mapped[int | None] = mapped_column(Integer)
    grade_reasons: Mapped[list] = mapped_column(JSON, default=list)
    suggested_grade: Mapped[str | None] = mapped_column(String(32))
    responded_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    response_item_id: Mapped[str | None] = mapped_column(String(64))
    # What the grading and matching need without reading every item (bounded sizes).
    state: Mapped[dict] = mapped_column(JSON, default=dict)
    case_id: Mapped[int | None] = mapped_column(Integer, index=True)
    version: Mapped[int] = mapped_column(Integer, default=0)


class IncidentItemRow(Base):
    """One item of an incident and why it joined (the item id is unique: an item joins once)."""

    __tablename__ = "incident_items"
    __table_args__ = (Index("ix_incident_items_incident", "incident_id", "arrived_at"),)

    item_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    incident_id: Mapped[str] = mapped_column(String(32))
    arrived_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    published_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    source_id: Mapped[str] = mapped_column(String(128))
    source_name: Mapped[str] = mapped_column(String(256))
    source_tier: Mapped[str] = mapped_column(String(32))
    source_kind: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(Text)
    url: Mapped[str] = mapped_column(Text)
    negativity: Mapped[float] = mapped_column(Float)
    views: Mapped[int] = mapped_column(Integer, default=0)
    interactions: Mapped[int] = mapped_column(Integer, default=0)
    revision: Mapped[int] = mapped_column(Integer, default=0)
    how: Mapped[str] = mapped_column(String(16))  # first | repost | title | follow_up | response
    reason: Mapped[dict] = mapped_column(JSON)
    is_response: Mapped[bool] = mapped_column(Boolean, default=False)
    after_response: Mapped[bool] = mapped_column(Boolean, default=False)
    shingles: Mapped[int] = mapped_column(Integer, default=0)
    signature: Mapped[bytes] = mapped_column(LargeBinary)


class IncidentKeyRow(Base):
    """The grouping index: a band, title or term key → an incident that carries it."""

    __tablename__ = "incident_keys"
    __table_args__ = (Index("ix_incident_keys_key_seen", "key", "last_seen"),
                      Index("ix_incident_keys_seen", "last_seen"))

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    incident_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    item_id: Mapped[str] = mapped_column(String(64))  # the first item that brought the key
    last_seen: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class IncidentSourceRow(Base):
    """The sources that carried an incident, first time each: the spread timeline (传播路径)."""

    __tablename__ = "incident_sources"

    incident_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    source_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    source_name: Mapped[str] = mapped_column(String(256))
    tier: Mapped[str] = mapped_column(String(32))
    first_item_id: Mapped[str] = mapped_column(String(64))
    first_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class IncidentEventRow(Base):
    """The incident's append-only history: created, grade changes and suggestions, response, 平息."""

    __tablename__ = "incident_events"
    __table_args__ = (Index("ix_incident_events_incident", "incident_id", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    incident_id: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    action: Mapped[str] = mapped_column(String(32))
    item_id: Mapped[str | None] = mapped_column(String(64))
    detail: Mapped[dict] = mapped_column(JSON)
