"""Whether the working-day calendar of the office's profile covers the coming period.

``yuqing check``, ``yuqing status``, ``yuqing policy check`` and the console call :func:`coverage`; a calendar that
ends within the profile's ``calendar.warn_days`` (60 by default) is a loud warning, because every working-day clock
after its end skips weekends only and may fall due inside a holiday.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError

from core.errors import ConfigError
from core.settings import StoreSettings
from core.settings import load as load_settings
from router.policy import OPEN_STATUSES
from router.settings import RouterSettings
from router.timeutil import UNCOVERED, Calendar, utc
from router.timeutil import now as utcnow


def calendar_end(calendar: Calendar) -> datetime:
    """The first moment (UTC) the holiday file no longer covers: the local midnight after ``covers_to``."""
    return utc(datetime.combine(calendar.holidays.covers_to + timedelta(days=1), time(0), calendar.tz))


def clocks_past(session: Any, calendar: Calendar, limit: int = 20) -> dict[str, Any]:
    """The running working-day clocks of open cases due after the holiday file ends (counted by
    weekends alone): how many, and the first ``limit`` of them (case, clock, due)."""
    from store.case_tables import CaseClockRow
    from store.tables import CaseRow

    where = (CaseClockRow.status == "running", CaseClockRow.working_days.is_(True),
             CaseClockRow.due_at >= calendar_end(calendar), CaseRow.status.in_(OPEN_STATUSES))
    joined = select(func.count()).select_from(CaseClockRow).join(CaseRow, CaseRow.id == CaseClockRow.case_id)
    count = int(session.scalar(joined.where(*where)) or 0)
    rows = session.execute(select(CaseClockRow.case_id, CaseClockRow.clock_id, CaseClockRow.due_at)
                           .join(CaseRow, CaseRow.id == CaseClockRow.case_id).where(*where)
                           .order_by(CaseClockRow.due_at).limit(limit)).all() if count and limit else []
    return {"count": count, "first": [{"case": r.case_id, "clock": r.clock_id, "due_at": utc(r.due_at).isoformat()}
                                      for r in rows]}


def past_warning(past: dict[str, Any]) -> str:
    """The operator's warning for :func:`clocks_past`, or ""."""
    if not past.get("count"):
        return ""
    first = past.get("first", [])
    cases = "、".join(dict.fromkeys(str(r["case"]) for r in first)) + (" 等" if past["count"] > len(first) else "")
    return (f"{past['count']} 项按工作日计算的时限超出工作日历（{UNCOVERED}），涉及案件 {cases}："
            f"补入节假日安排后重启转办服务，即按新日历重算")


def coverage(profile_name: str, now: datetime | None = None, store: StoreSettings | None = None) -> dict[str, Any]:
    """The profile's calendar: its file, the period it covers and the warning, if any; with ``store``,
    also the running clocks due past its end (``past``)."""
    from policies import UnknownProfile, profile_dir
    from router.policy import load

    try:
        profile = load(profile_dir(profile_name))
    except (UnknownProfile, ConfigError) as exc:
        return {"profile": profile_name, "error": str(exc)}
    holidays = profile.calendar.holidays
    report = {"profile": profile.name, "file": str(holidays.path), "covers_from": holidays.covers_from.isoformat(),
              "covers_to": holidays.covers_to.isoformat(), "updated": holidays.updated.isoformat(),
              "warn_days": profile.calendar.warn_ahead.days,
              "warning": profile.calendar.coverage_warning(now or utcnow())}
    if store is not None:
        from store.db import make_engine, sessions

        engine = make_engine(store)
        try:
            with sessions(engine)() as session:
                report["past"] = clocks_past(session, profile.calendar)
        except SQLAlchemyError as exc:
            report["past"] = {"error": f"store unavailable: {type(exc).__name__}"}
        finally:
            engine.dispose()
    return report


def for_config(config: Path | None, now: datetime | None = None, store: StoreSettings | None = None) -> dict[str, Any]:
    """:func:`coverage` of the profile the router's settings name (``[router] profile``)."""
    try:
        settings = load_settings(RouterSettings, "router", config)
    except ConfigError as exc:
        return {"error": str(exc)}
    return coverage(settings.profile, now, store)
