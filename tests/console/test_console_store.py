"""The console's queries on SQLite and PostgreSQL: department scope (JSON ``assisting``), inbox,
reports, overview, labelling queue."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from console_helpers import build
from sqlalchemy import select

from console import access, inbox, labelling, overview
from console.db import Store
from console.reports import ReportBuilder
from console.roles import Principal
from core.settings import StoreSettings
from policies import profile_dir
from router.policy import load
from store.console_tables import ConsoleUserRow


def _principal(session, username: str) -> Principal:  # type: ignore[no-untyped-def]
    user = session.scalar(select(ConsoleUserRow).where(ConsoleUserRow.username == username))
    return Principal(user.id, user.username, user.display_name, user.role, user.department_id, "s", "t")


def test_queries_on_both_databases(store_settings: StoreSettings) -> None:
    ids = build(store_settings)
    profile = load(profile_dir("city-gov"))
    store = Store(store_settings)
    now = datetime.now(UTC)
    try:
        with store.sessions() as session:
            hous, desk, edu = (_principal(session, n) for n in ("hous", "desk", "edu"))
            flt = inbox.InboxFilter()
            seen = {r.id for r in inbox.load_page(session, hous, flt, 50, now).rows}
            assert seen == {ids["housing"], ids["county"]}
            assert {r.id for r in inbox.load_page(session, edu, flt, 50, now).rows} == {ids["edu"]}
            page = inbox.load_page(session, desk, inbox.InboxFilter(q="小区"), 50, now)
            assert page.total == 2 and page.rows[0].id == ids["county"] and page.rows[0].next_due is not None
            with pytest.raises(access.AccessDenied, match="无权查看"):
                access.visible_case(session, hous, ids["edu"])
            report = ReportBuilder(session, hous, profile).build("weekly", {})
            assert "共发现舆情 2 件" in report.fields[0].value
            data = overview.build(session, desk, profile, 30, now)
            assert data.total == 4 and dict(data.by_grade)["特别重大"] == 1
            queue, total = labelling.queue(session, hous, profile.name)
            assert total == 2 and {q.item_id for q in queue} == {"c-housing", "c-county"}
    finally:
        store.close()
