"""The labelling queue offers first the cases the office's staff corrected, then the least sure."""

from __future__ import annotations

from datetime import UTC, datetime

from console_helpers import build
from sqlalchemy import select

from console import labelling
from console.db import Store
from console.roles import Principal
from core.settings import StoreSettings
from router.cases import record_event
from store.console_tables import ConsoleUserRow
from store.tables import CaseRow


def test_corrected_cases_come_first_then_the_least_sure(store_settings: StoreSettings) -> None:
    ids = build(store_settings)
    store = Store(store_settings)
    try:
        with store.sessions() as session:
            user = session.scalar(select(ConsoleUserRow).where(ConsoleUserRow.username == "ana"))
            ana = Principal(user.id, user.username, user.display_name, user.role, user.department_id, "s", "t")
            queue, _ = labelling.queue(session, ana, "city-gov")
            # Uncertainty sampling: c-jobs (negativity 0.52) before the confident ones (0.9).
            assert queue[0].item_id == "c-jobs" and not any(q.corrected for q in queue)
        with store.sessions() as session, session.begin():
            case = session.get(CaseRow, ids["housing"])
            now = datetime.now(UTC)
            # The router's own re-grade is no correction; a person's is.
            record_event(session, case, "系统", "grade_changed", case.status, case.status, {"to": "重大"}, now)
            queue, _ = labelling.queue(session, ana, "city-gov")
            assert queue[0].item_id == "c-jobs"
            record_event(session, case, "值班员甲", "grade_changed", case.status, case.status,
                         {"from": "一般", "to": "重大", "reason": "模型低估"}, now)
        with store.sessions() as session:
            queue, total = labelling.queue(session, ana, "city-gov")
            assert [q.item_id for q in queue[:2]] == ["c-housing", "c-jobs"] and queue[0].corrected
            assert total == 4
    finally:
        store.close()
