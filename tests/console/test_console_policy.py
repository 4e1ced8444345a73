"""Issue 11 in the console: the calendar warning on every page; late clocks blamed on their owner."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from console_helpers import login
from fastapi.testclient import TestClient

import console.web


def test_calendar_warning_on_every_page(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    login(client, "desk")
    monkeypatch.setattr(console.web, "utcnow", lambda: datetime(2026, 6, 1, tzinfo=UTC))
    assert 'id="calendar-warning"' not in client.get("/").text
    monkeypatch.setattr(console.web, "utcnow", lambda: datetime(2026, 11, 15, tzinfo=UTC))
    page = client.get("/").text
    assert 'id="calendar-warning"' in page and "只覆盖至 2026-12-31（还剩 46 天）" in page
    assert "只覆盖至 2026-12-31" in client.get("/library").text


def test_overview_blames_the_department_that_let_the_clock_run_out(env, client: TestClient) -> None:  # type: ignore[no-untyped-def]
    """转办 (issue 11): the old lead's 签收 clocks that ran out stay its own; main blamed the new lead."""
    from router import clocks
    from router.cases import CaseService
    from store.db import make_engine, sessions

    case_id = env.cases["housing"]
    engine = make_engine(env.store)
    with sessions(engine)() as session, session.begin():
        clocks.tick(session, env.profile, env.router_settings, datetime.now(UTC) + timedelta(hours=9))
    engine.dispose()
    CaseService(env.store, env.profile, env.router_settings).transfer(case_id, "petition", "属信访事项", "值班员")
    login(client, "boss")
    page = client.get("/overview").text
    late = re.findall(rf'<tr class="late"><td><a href="/cases/{case_id}">#{case_id}</a></td>.*?<td>([^<]*)</td></tr>',
                      page)
    assert late and set(late) == {"市住房和城乡建设局"}


def test_upward_report_from_the_case(env, client: TestClient) -> None:  # type: ignore[no-untyped-def]
    """004 三: the 特别重大 case's report upward (快报) with its sender, recipients and deadline, to edit."""
    login(client, "desk")
    page = client.get(f"/reports/new?kind=upward&case={env.cases['county']}").text
    assert "【快报】向上级报告" in page and "快报内容（手机快报不超过 200 字）" in page
    assert "市人民政府办公室、市人民政府分管副秘书长" in page and "灵山县某小区地面塌陷" in page
    plain = client.get(f"/reports/new?kind=upward&case={env.cases['housing']}")
    assert plain.status_code == 400 and "无须上报材料" in plain.text
