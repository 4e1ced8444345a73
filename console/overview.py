"""The overview: counts and trends by grade, topic, department, region and source; deadlines kept
and missed per department (who is late); source health from the collectors when installed."""

from __future__ import annotations

import importlib
import logging
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from statistics import median
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from console import access
from console.roles import Principal
from core.settings import StoreSettings
from router.cases import OPEN
from router.policy import Profile
from router.timeutil import utc
from store.case_tables import CaseClockRow
from store.tables import CaseRow, ItemRow

log = logging.getLogger(__name__)
PERIODS = {"7d": 7, "30d": 30, "90d": 90}


@dataclass
class DeptTiming:
    department: str
    cases: int = 0
    acknowledged: int = 0
    median_ack_minutes: float | None = None
    met: int = 0
    breached: int = 0
    overdue_running: int = 0


@dataclass
class Overview:
    days: int
    total: int
    open: int
    by_grade: list[tuple[str, int]]
    by_topic: list[tuple[str, int]]
    by_department: list[tuple[str, int]]
    by_region: list[tuple[str, int]]
    by_source: list[tuple[str, int]]
    by_kind: list[tuple[str, int]]
    trend: list[tuple[str, int]]
    timing: list[DeptTiming]
    late: list[dict[str, Any]]
    sources: list[dict[str, Any]] | None = None
    sources_note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def build(session: Session, principal: Principal, profile: Profile, days: int, now: datetime) -> Overview:
    since = now - timedelta(days=days)
    query = access.scope(
        select(CaseRow.id, CaseRow.grade, CaseRow.topic, CaseRow.department_id, CaseRow.region, CaseRow.status,
               CaseRow.discovered_at, CaseRow.acknowledged_at, ItemRow.source_name, ItemRow.source_kind)
        .join(ItemRow, ItemRow.id == CaseRow.item_id).where(CaseRow.discovered_at >= since), principal)
    rows = session.execute(query).all()
    tz = profile.calendar.tz
    trend = Counter(utc(r.discovered_at).astimezone(tz).date().isoformat() for r in rows)
    first = (now - timedelta(days=days - 1)).astimezone(tz).date()
    series = [((first + timedelta(days=i)).isoformat(), trend.get((first + timedelta(days=i)).isoformat(), 0))
              for i in range(days)]
    grade_counts = Counter(r.grade for r in rows)
    timing: dict[str, DeptTiming] = {}
    ack_minutes: dict[str, list[float]] = defaultdict(list)
    for r in rows:
        t = timing.setdefault(r.department_id, DeptTiming(r.department_id))
        t.cases += 1
        if r.acknowledged_at is not None:
            t.acknowledged += 1
            ack_minutes[r.department_id].append((utc(r.acknowledged_at) - utc(r.discovered_at)).total_seconds() / 60)
    for dept, values in ack_minutes.items():
        timing[dept].median_ack_minutes = round(median(values), 1)
    clock_query = access.scope(
        # A clock is the duty of its owner (a 转办's old lead keeps the clocks it let run out).
        select(CaseClockRow.case_id, CaseClockRow.name, CaseClockRow.due_at, CaseClockRow.status,
               func.coalesce(CaseClockRow.owner, CaseRow.department_id).label("department_id"),
               CaseRow.grade, CaseRow.status.label("case_status"))
        .join(CaseRow, CaseRow.id == CaseClockRow.case_id).where(CaseRow.discovered_at >= since), principal)
    late: list[dict[str, Any]] = []
    for c in session.execute(clock_query):
        t = timing.setdefault(c.department_id, DeptTiming(c.department_id))
        due = utc(c.due_at)
        if c.status == "met":
            t.met += 1
        elif c.status == "breached":
            t.breached += 1
        elif c.status == "running" and due <= now:
            t.overdue_running += 1
        if c.case_status in OPEN and (c.status == "breached" or (c.status == "running" and due <= now)):
            late.append({"case": c.case_id, "clock": c.name, "due_at": due, "department": c.department_id,
                         "grade": c.grade})
    late.sort(key=lambda x: x["due_at"])
    return Overview(
        days=days, total=len(rows), open=sum(1 for r in rows if r.status in OPEN),
        by_grade=[(g, grade_counts.get(g, 0)) for g in profile.grades],
        by_topic=Counter(r.topic for r in rows).most_common(),
        by_department=Counter(r.department_id for r in rows).most_common(),
        by_region=Counter(r.region or "未标注" for r in rows).most_common(15),
        by_source=Counter(r.source_name for r in rows).most_common(15),
        by_kind=Counter(r.source_kind for r in rows).most_common(),
        trend=series,
        timing=sorted(timing.values(), key=lambda t: (-(t.breached + t.overdue_running), -t.cases)),
        late=late[:100])


def source_health(store: StoreSettings) -> tuple[list[dict[str, Any]] | None, str]:
    """The collectors' health summary when that package is installed; otherwise a note why not."""
    try:
        module = importlib.import_module("collectors.health")
    except ModuleNotFoundError:
        return None, "采集模块未安装，无信息源健康数据"
    summary = getattr(module, "summary", None)
    if summary is None:
        return None, "采集模块未提供健康汇总"
    try:
        return list(summary(store)), ""
    except SQLAlchemyError as exc:
        log.warning("source health unavailable: %s", type(exc).__name__)
        return None, "信息源健康数据暂不可用"
