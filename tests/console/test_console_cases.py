"""The inbox, the case page and the case actions over HTTP; a handler's view is its department's only."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta

from console_helpers import csrf_of, login
from fastapi.testclient import TestClient
from sqlalchemy import select

from console.db import Store
from router import receipts
from store.case_tables import CaseEventRow
from store.console_tables import ConsoleAuditRow
from store.tables import CaseRow


def _case(env, case_id: int) -> CaseRow:  # type: ignore[no-untyped-def]
    store = Store(env.store)
    try:
        with store.sessions() as session:
            case = session.get(CaseRow, case_id)
            assert case is not None
            return case
    finally:
        store.close()


def _events(env, case_id: int) -> list[str]:  # type: ignore[no-untyped-def]
    store = Store(env.store)
    try:
        with store.sessions() as session:
            return list(session.scalars(select(CaseEventRow.action).where(CaseEventRow.case_id == case_id)))
    finally:
        store.close()


def _post(client: TestClient, case_id: int, action: str, **data: str):  # type: ignore[no-untyped-def]
    page = client.get(f"/cases/{case_id}")
    version = re.search(r'name="version" value="(\d+)"', page.text)
    form = {"csrf": csrf_of(page.text), "version": version.group(1) if version else "0", **data}
    return client.post(f"/cases/{case_id}/{action}", data=form)


def test_inbox_orders_gravest_then_newest_with_countdowns(env, client: TestClient) -> None:  # type: ignore[no-untyped-def]
    login(client, "desk")
    page = client.get("/")
    ids = [int(x) for x in dict.fromkeys(re.findall(r'data-case="(\d+)"', page.text))]
    assert ids[0] == env.cases["county"]  # 特别重大
    assert ids[1] == env.cases["edu"]  # 重大
    assert set(ids) == set(env.cases.values())
    assert "data-due=" in page.text and "剩 " in page.text
    assert "共 4 件" in page.text


def test_inbox_filters_and_search(env, client: TestClient) -> None:  # type: ignore[no-untyped-def]
    login(client, "desk")
    def ids(query: str) -> set[int]:
        text = client.get("/inbox/rows?" + query, headers={"X-Requested-With": "fetch"}).text
        return {int(x) for x in re.findall(r'data-case="(\d+)"', text)}
    assert ids("grade=重大") == {env.cases["edu"]}
    assert ids("topic=就业") == {env.cases["jobs"]}
    assert ids("department=housing") == {env.cases["housing"]}
    assert ids("region=4507") == {env.cases["county"]}
    assert ids("source_kind=forum") == {env.cases["jobs"]}
    assert ids("q=塌陷") == {env.cases["county"]}
    assert ids("q=100%25") == set()
    assert ids("period=24h") == set(env.cases.values())
    assert ids("status=办结") == set()
    assert ids("date_from=2000-01-01&date_to=2000-01-02") == set()


def test_huge_search_is_refused_clearly(env, client: TestClient) -> None:  # type: ignore[no-untyped-def]
    login(client, "desk")
    response = client.get("/", params={"q": "舆" * 5000})
    assert response.status_code == 400
    assert "搜索词过长" in response.text
    live = client.get("/inbox/rows", params={"q": "x" * 101}, headers={"X-Requested-With": "fetch"})
    assert live.status_code == 400 and "搜索词过长" in live.json()["error"]
    assert client.get("/", params={"status": "不存在"}).status_code == 400
    assert client.get("/", params={"date_from": "昨天"}).status_code == 400


def test_handler_sees_only_their_department(env, client: TestClient) -> None:  # type: ignore[no-untyped-def]
    login(client, "hous")
    page = client.get("/")
    visible = {int(x) for x in re.findall(r'data-case="(\d+)"', page.text)}
    # Their own case and the county case they assist on (属地 lead, the city department assists).
    assert visible == {env.cases["housing"], env.cases["county"]}
    for other in (env.cases["edu"], env.cases["jobs"], 999_999):
        response = client.get(f"/cases/{other}")
        assert response.status_code == 403
        assert "无权查看" in response.text
    # Filters cannot widen the scope.
    rows = client.get("/inbox/rows?department=education&status=all", headers={"X-Requested-With": "fetch"}).text
    assert "data-case" not in rows
    exported = client.get("/cases/export.csv?status=all").content.decode("utf-8-sig")
    listed = {int(r["编号"]) for r in csv.DictReader(io.StringIO(exported))}
    assert listed == visible
    assert client.get(f"/reports/new?kind=event&case={env.cases['edu']}").status_code == 403
    # An action by URL on another department's case is refused and changes nothing.
    page = client.get("/")
    response = client.post(f"/cases/{env.cases['edu']}/ack", data={"csrf": csrf_of(page.text), "version": "0"})
    assert response.status_code == 403 and "无权查看" in response.text
    assert _case(env, env.cases["edu"]).status == "新建"
    store = Store(env.store)
    try:
        with store.sessions() as session:
            denied = session.scalars(select(ConsoleAuditRow.target).where(
                ConsoleAuditRow.action == "access_denied", ConsoleAuditRow.actor == "hous")).all()
            viewed = session.scalars(select(ConsoleAuditRow.target).where(
                ConsoleAuditRow.action == "case_viewed")).all()
    finally:
        store.close()
    assert f"/cases/{env.cases['edu']}" in denied and f"/cases/{env.cases['edu']}/ack" in denied
    assert f"case:{env.cases['edu']}" not in viewed


def test_assisting_handler_signs_but_cannot_close(env, client: TestClient) -> None:  # type: ignore[no-untyped-def]
    login(client, "hous")
    county = env.cases["county"]
    response = _post(client, county, "ack")
    assert response.status_code == 200
    assert "receipt" in _events(env, county)
    assert _case(env, county).status == "新建"  # only the lead's receipt moves the case
    assert 'id="act-ack"' not in client.get(f"/cases/{county}").text  # signed once
    response = _post(client, county, "respond", note="已发布通报")
    assert response.status_code == 403 and "会办单位" in response.text


def test_handler_full_cycle_with_review(env, client: TestClient) -> None:  # type: ignore[no-untyped-def]
    login(client, "hous")
    case_id = env.cases["housing"]
    assert _post(client, case_id, "ack").status_code == 200
    assert _case(env, case_id).status == "已签收"
    assert _post(client, case_id, "handle").status_code == 200
    response = _post(client, case_id, "respond", note="已在政务微博发布情况说明")
    assert response.status_code == 200 and "已记录回应" in response.text
    incomplete = _post(client, case_id, "close", cause="开发商施工质量问题", nature="民生投诉")
    assert incomplete.status_code == 400 and "影响、责任、经验教训 未填写" in incomplete.text
    assert _case(env, case_id).status == "已回应"
    review = {"cause": "开发商施工质量问题", "nature": "民生投诉", "impact": "本地论坛转载", "responsibility": "开发商",
              "lessons": "加强竣工验收"}
    response = _post(client, case_id, "close", **review)
    assert response.status_code == 200 and "已办结" in response.text
    case = _case(env, case_id)
    assert case.status == "办结" and case.closed_at is not None
    library = client.get("/library").text
    assert "经验教训：加强竣工验收" in library
    # The desk evaluates; the audit log names who did each step.
    with TestClient(env.app()) as desk:
        login(desk, "desk")
        assert _post(desk, case_id, "evaluate", assessment="处置及时").status_code == 200
        page = desk.get(f"/cases/{case_id}").text
    assert _case(env, case_id).status == "已评估"
    assert "住建处置人（hous，部门处置人）" in page and "值班员甲（desk，监测员）" in page


def test_action_on_a_case_that_moved_on(env, client: TestClient) -> None:  # type: ignore[no-untyped-def]
    login(client, "desk")
    case_id = env.cases["jobs"]
    page = client.get(f"/cases/{case_id}")
    stale = {"csrf": csrf_of(page.text), "version": "0"}
    assert client.post(f"/cases/{case_id}/ack", data=stale).status_code == 200
    again = client.post(f"/cases/{case_id}/ack", data=stale)
    assert again.status_code == 409 and "已被他人修改" in again.text
    fresh = _post(client, case_id, "ack")
    assert fresh.status_code == 409 and "无需重复签收" in fresh.text
    version = _case(env, case_id).version
    closed = _post(client, case_id, "close", cause="a", nature="b", impact="c", responsibility="d", lessons="e")
    assert closed.status_code == 409 and "不能直接变为“办结”" in closed.text
    assert _case(env, case_id).version == version


def test_transfer_moves_the_case_out_of_sight(env, client: TestClient) -> None:  # type: ignore[no-untyped-def]
    login(client, "hous")
    case_id = env.cases["housing"]
    no_reason = _post(client, case_id, "transfer", to="education", reason=" ")
    assert no_reason.status_code == 409 and "转办须写明理由" in no_reason.text
    response = _post(client, case_id, "transfer", to="education", reason="涉及学区房，属教育局职责")
    assert response.status_code == 200 and "已转办" in response.text
    assert _case(env, case_id).department_id == "education"
    assert client.get(f"/cases/{case_id}").status_code == 403
    with TestClient(env.app()) as edu:
        login(edu, "edu")
        assert edu.get(f"/cases/{case_id}").status_code == 200


def test_desk_regrades_and_sets_assisting(env, client: TestClient) -> None:  # type: ignore[no-untyped-def]
    login(client, "desk")
    case_id = env.cases["jobs"]
    response = _post(client, case_id, "grade", grade="重大", reason="多家媒体转载")
    assert response.status_code == 200 and "分级已调整为 重大" in response.text
    assert _case(env, case_id).grade == "重大"
    page = client.get(f"/cases/{case_id}")
    version = re.search(r'name="version" value="(\d+)"', page.text).group(1)  # type: ignore[union-attr]
    client.post(f"/cases/{case_id}/assist", data={"csrf": csrf_of(page.text), "version": version,
                                                  "departments": ["police", "petition"], "reason": "涉及群体性上访"})
    assert set(_case(env, case_id).assisting or []) == {"police", "petition"}


def test_leader_reads_but_cannot_act(env, client: TestClient) -> None:  # type: ignore[no-untyped-def]
    login(client, "boss")
    case_id = env.cases["housing"]
    page = client.get(f"/cases/{case_id}")
    assert page.status_code == 200 and 'id="act-ack"' not in page.text
    response = _post(client, case_id, "ack")
    assert response.status_code == 403 and "领导无权签收" in response.text
    store = Store(env.store)
    try:
        with store.sessions() as session:
            reasons = session.scalars(select(ConsoleAuditRow.detail).where(
                ConsoleAuditRow.action == "access_denied", ConsoleAuditRow.actor == "boss")).all()
    finally:
        store.close()
    assert [r["reason"] for r in reasons] == ["领导无权签收"]


def test_scraped_script_is_escaped(env, client: TestClient) -> None:  # type: ignore[no-untyped-def]
    login(client, "desk")
    for path in ("/", f"/cases/{env.cases['edu']}"):
        text = client.get(path).text
        assert "<script>window.__pwned" not in text
        assert "onerror=\"window" not in text
        assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in text
    page = client.get(f"/cases/{env.cases['edu']}").text
    assert 'href="javascript:' not in page


def test_receipt_link_signs_once(env, client: TestClient) -> None:  # type: ignore[no-untyped-def]
    case_id = env.cases["edu"]
    token = receipts.sign(case_id, "education", "n1", "test-receipt-secret", timedelta(days=1))
    page = client.get(f"/receipts/{token}")
    assert page.status_code == 200 and "市教育局" in page.text
    forged = client.post(f"/receipts/{token}", data={})
    assert forged.status_code == 403 and _case(env, case_id).status == "新建"
    done = client.post(f"/receipts/{token}", data={"csrf": csrf_of(page.text)})
    assert "已由 市教育局 签收" in done.text
    assert _case(env, case_id).status == "已签收"
    bad = client.get(f"/receipts/{token[:-3]}xyz")
    assert bad.status_code == 400 and "签收链接" in bad.text
    expired = receipts.sign(case_id, "education", "n1", "test-receipt-secret", timedelta(seconds=-5))
    assert "已过期" in client.get(f"/receipts/{expired}").text


def test_case_list_exports(env, client: TestClient) -> None:  # type: ignore[no-untyped-def]
    login(client, "desk")
    text = client.get("/cases/export.csv?status=all").content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 4 and {"编号", "分级", "标题", "主办部门", "点击量"} <= set(rows[0])
    edu = next(r for r in rows if int(r["编号"]) == env.cases["edu"])
    assert edu["链接"] == "javascript:alert(1)"
    xlsx = client.get("/cases/export.xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None and sheet.max_row == 5


def test_case_page_shows_the_incident_timeline(env, client: TestClient) -> None:  # type: ignore[no-untyped-def]
    import pytest

    service = pytest.importorskip("incidents.service",
                                  reason="incidents is not importable here (not yet in pyproject packages)")
    from console_seed import scored

    from core.contracts import utcnow
    from store.db import make_engine, sessions
    from store.items import upsert_scored

    text = "灵山县某小区地面突然塌陷，多辆汽车陷入坑中，住户担心房屋安全，要求有关部门尽快查明原因。"
    first = scored("c-county", topic="住房", grade="特别重大", region="450721", title="灵山县某小区地面塌陷",
                   text=text, tier="central", source="中央媒体网")
    repost = scored("c-county-repost", topic="住房", grade="特别重大", region="450721",
                    title="灵山县某小区地面塌陷", text=text, tier="portal", source="门户网站转载")
    engine = make_engine(env.store)
    try:
        with sessions(engine)() as session, session.begin():
            upsert_scored(session, [repost])
            for one in (first, repost):
                service.assign(session, one, utcnow())
    finally:
        engine.dispose()
    login(client, "desk")
    page = client.get(f"/cases/{env.cases['county']}").text
    assert "舆情事件：" in page and "门户网站转载" in page
