"""The router's gauges for operators: open cases, breached clocks, the outbox, ops alerts and the
deadlines counted past the holiday file."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from core import metrics
from core.settings import StoreSettings
from router.calendar_status import clocks_past
from router.cases import OPEN
from router.timeutil import Calendar
from router.timeutil import now as utcnow
from store.case_tables import CaseClockRow, NotificationRow
from store.db import make_engine, sessions
from store.tables import CaseRow


class RouterGauges:
    """Called on every heartbeat: sets the gauges, and returns them for the heartbeat row."""

    def __init__(self, store: StoreSettings, calendar: Calendar | None = None) -> None:
        self._sessions = sessions(make_engine(store))
        self._calendar = calendar

    def __call__(self) -> dict[str, Any]:
        now = utcnow()
        with self._sessions() as session:
            open_cases = session.scalar(select(func.count()).select_from(CaseRow).where(CaseRow.status.in_(OPEN)))
            breached = session.scalar(
                select(func.count()).select_from(CaseClockRow).join(CaseRow, CaseRow.id == CaseClockRow.case_id)
                .where(CaseRow.status.in_(OPEN))
                .where((CaseClockRow.status == "breached")
                       | ((CaseClockRow.status == "running") & (CaseClockRow.due_at <= now))))
            by_status = dict(session.execute(select(NotificationRow.status, func.count())
                                             .group_by(NotificationRow.status)).all())
            # Deadlines counted past the holiday file (weekends only): the operator must add the year.
            past = clocks_past(session, self._calendar, limit=0)["count"] if self._calendar else 0
        values = {"open_cases": int(open_cases or 0), "breached_clocks": int(breached or 0),
                  "notifications_pending": int(by_status.get("pending", 0)),
                  "notifications_undeliverable": int(by_status.get("undeliverable", 0)),
                  "clocks_past_calendar": past}
        metrics.OPEN_CASES.set(values["open_cases"])
        metrics.BREACHED_CLOCKS.set(values["breached_clocks"])
        metrics.PENDING_NOTIFICATIONS.set(values["notifications_pending"])
        metrics.UNDELIVERABLE.set(values["notifications_undeliverable"])
        metrics.CLOCKS_PAST_CALENDAR.set(past)
        return values
