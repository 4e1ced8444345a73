"""Reading incidents for the CLI and the console: lists, and one incident with its timeline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from incidents.config import IncidentRules, default_rules
from incidents.service import HOW_NAMES, STATUS_NAMES, Metrics, _metrics
from incidents.timeutil import now as utcnow
from incidents.timeutil import utc
from store.incident_tables import IncidentEventRow, IncidentItemRow, IncidentRow, IncidentSourceRow


class IncidentNotFound(LookupError):
    pass


@dataclass(frozen=True, slots=True)
class IncidentSummary:
    id: str
    title: str
    status: str
    status_name: str
    grade: str | None
    suggested_grade: str | None
    items: int
    sources: int
    top_tier: str
    heat_index: float
    first_source: str
    first_published_at: datetime
    last_item_at: datetime
    responded: bool
    case_id: int | None


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    item_id: str
    published_at: datetime
    arrived_at: datetime
    source: str
    tier: str
    kind: str
    title: str
    url: str
    how: str
    how_name: str
    reason: dict[str, Any]
    negativity: float
    is_response: bool


@dataclass(frozen=True, slots=True)
class SpreadEntry:
    source_id: str
    source: str
    tier: str
    first_at: datetime
    first_item_id: str


@dataclass(frozen=True, slots=True)
class IncidentEvent:
    at: datetime
    action: str
    item_id: str | None
    detail: dict[str, Any]


@dataclass(frozen=True, slots=True)
class HourBucket:
    """One hour of the incident's spread (by publication time): the metrics over time."""

    hour: datetime
    items: int
    new_sources: int
    negative: int
    top_tier: str
    cumulative_items: int


@dataclass(frozen=True, slots=True)
class IncidentDetail:
    summary: IncidentSummary
    metrics: Metrics
    grade_reasons: tuple[str, ...]
    timeline: tuple[TimelineEntry, ...]
    spread: tuple[SpreadEntry, ...]
    events: tuple[IncidentEvent, ...]
    profile: str
    hourly: tuple[HourBucket, ...] = ()


def _summary(row: IncidentRow, now: datetime, rules: IncidentRules) -> IncidentSummary:
    from incidents.service import decayed, heat_index

    return IncidentSummary(
        id=row.id, title=row.title, status=row.status, status_name=STATUS_NAMES.get(row.status, row.status),
        grade=row.grade, suggested_grade=row.suggested_grade, items=row.items, sources=row.sources,
        top_tier=row.top_tier, heat_index=heat_index(decayed(row.heat, row.heat_at, now, rules), rules),
        first_source=row.first_source, first_published_at=utc(row.first_published_at),
        last_item_at=utc(row.last_item_at), responded=row.responded_at is not None, case_id=row.case_id)


def list_incidents(session: Session, *, status: str | None = None, profile: str | None = None,
                   min_items: int = 1, limit: int = 50, now: datetime | None = None,
                   rules: IncidentRules | None = None) -> list[IncidentSummary]:
    """Incidents, gravest and most recent first."""
    rules = rules or default_rules()
    moment = utc(now) if now else utcnow()
    query = select(IncidentRow).where(IncidentRow.items >= min_items)
    if status:
        query = query.where(IncidentRow.status == status)
    if profile:
        query = query.where(IncidentRow.profile == profile)
    query = query.order_by(IncidentRow.grade_rank.is_(None), IncidentRow.grade_rank, IncidentRow.last_item_at.desc())
    return [_summary(r, moment, rules) for r in session.scalars(query.limit(limit)).all()]


def show_incident(session: Session, incident_id: str, *, now: datetime | None = None,
                  rules: IncidentRules | None = None, max_items: int = 500) -> IncidentDetail:
    """One incident: metrics, grade reasons, timeline (by publication time), spread, history."""
    rules = rules or default_rules()
    moment = utc(now) if now else utcnow()
    row = session.get(IncidentRow, incident_id)
    if row is None:
        raise IncidentNotFound(f"没有编号为 {incident_id} 的事件")
    items = session.scalars(select(IncidentItemRow).where(IncidentItemRow.incident_id == incident_id)
                            .order_by(IncidentItemRow.published_at, IncidentItemRow.arrived_at).limit(max_items)).all()
    sources = session.scalars(select(IncidentSourceRow).where(IncidentSourceRow.incident_id == incident_id)
                              .order_by(IncidentSourceRow.first_at)).all()
    events = session.scalars(select(IncidentEventRow).where(IncidentEventRow.incident_id == incident_id)
                             .order_by(IncidentEventRow.id)).all()
    return IncidentDetail(
        hourly=_hourly(items, rules),
        summary=_summary(row, moment, rules), metrics=_metrics(session, row, moment, rules),
        grade_reasons=tuple(row.grade_reasons or ()), profile=row.profile,
        timeline=tuple(TimelineEntry(
            i.item_id, utc(i.published_at), utc(i.arrived_at), i.source_name, i.source_tier, i.source_kind, i.title,
            i.url, i.how, HOW_NAMES.get(i.how, i.how), i.reason, i.negativity, i.is_response) for i in items),
        spread=tuple(SpreadEntry(s.source_id, s.source_name, s.tier, utc(s.first_at), s.first_item_id)
                     for s in sources),
        events=tuple(IncidentEvent(utc(e.at), e.action, e.item_id, e.detail) for e in events))


def _hourly(items: list[IncidentItemRow] | Any, rules: IncidentRules) -> tuple[HourBucket, ...]:
    buckets: dict[datetime, list[IncidentItemRow]] = {}
    for item in items:
        hour = utc(item.published_at).replace(minute=0, second=0, microsecond=0)
        buckets.setdefault(hour, []).append(item)
    seen: set[str] = set()
    out: list[HourBucket] = []
    total = 0
    for hour in sorted(buckets):
        rows = buckets[hour]
        fresh = {r.source_id for r in rows} - seen
        seen |= fresh
        total += len(rows)
        carriers = [r.source_tier for r in rows if not r.is_response] or [rows[0].source_tier]
        out.append(HourBucket(hour, len(rows), len(fresh),
                              sum(1 for r in rows if not r.is_response and r.negativity >= rules.negative_min),
                              min(carriers, key=rules.tier_rank), total))
    return tuple(out)


def to_plain(value: Any) -> Any:
    """Lists, details and metrics as JSON-ready builtins (times in ISO 8601), for the console."""
    import dataclasses

    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [to_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: to_plain(v) for k, v in value.items()}
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def incident_of_item(session: Session, item_id: str) -> str | None:
    return session.scalar(select(IncidentItemRow.incident_id).where(IncidentItemRow.item_id == item_id))


def incident_of_case(session: Session, case_id: int) -> str | None:
    return session.scalar(select(IncidentRow.id).where(IncidentRow.case_id == case_id))
