"""The 审定 before a response in the console: what is pending, who may sign, and no response before it."""

from __future__ import annotations

import re
from pathlib import Path

from console_helpers import PASSWORD, csrf_of, login
from console_seed import scored, seed
from fastapi.testclient import TestClient

from console import accounts
from console.app import create_app, profile_for
from console.db import Store
from console.settings import ConsoleSettings
from core.settings import StoreSettings
from router.settings import RouterSettings
from store.db import migrate
from store.tables import CaseRow


def _post(client: TestClient, case_id: int, action: str, **values: str) -> str:
    page = client.get(f"/cases/{case_id}").text
    # The version shown in the case's header: a person without a form on the page forges the post with it.
    version = re.search(r"版本 (\d+)</p>", page).group(1)  # type: ignore[union-attr]
    response = client.post(f"/cases/{case_id}/{action}", data={"csrf": csrf_of(page), "version": version, **values})
    return response.text


def test_the_lead_departments_leader_reviews_the_reply_before_it_is_recorded(tmp_path: Path) -> None:
    store = StoreSettings(url=f"sqlite:///{tmp_path / 'yuqing.db'}")
    migrate(store)
    profile = profile_for("school")
    [case_id] = seed(store, profile, [scored("s-1", topic="教育", grade="一般", title="网友反映食堂饭菜变贵")])
    handle = Store(store)
    try:
        with handle.sessions() as session, session.begin():
            lead = session.get(CaseRow, case_id).department_id
            other = next(d for d in profile.departments if d != lead)
            for username, role, dept in (("desk", "desk", None), ("lead-boss", "leader", lead),
                                         ("other-boss", "leader", other)):
                accounts.create_user(session, username, PASSWORD, role, display_name=username, department_id=dept,
                                     departments=set(profile.departments), actor="测试")
    finally:
        handle.close()
    settings = ConsoleSettings(store=store, cookie_secure=False, secret_key="test-console-secret-key", models_dir="")
    app = create_app(settings, RouterSettings(store=store, receipt_secret="r"), profile=profile)
    with TestClient(app) as desk:
        login(desk, "desk")
        page = desk.get(f"/cases/{case_id}").text
        assert "回应前审定" in page and "回复内容须经主办部门分管领导审查（篇一 二、2(2)）" in page and "待审查" in page
        _post(desk, case_id, "ack")
        refused = _post(desk, case_id, "respond", note="已在论坛回帖说明")
        assert "尚不能回应" in refused and "尚未审查" in refused
    with TestClient(app) as other_boss:
        login(other_boss, "other-boss")
        # Another department's leader sees no form, and a forged post is refused.
        assert 'id="act-approve"' not in other_boss.get(f"/cases/{case_id}").text
        assert "不能审查" in _post(other_boss, case_id, "approve", approval="reply-review", note="同意")
    with TestClient(app) as boss:
        login(boss, "lead-boss")
        assert 'id="act-approve"' in boss.get(f"/cases/{case_id}").text
        _post(boss, case_id, "approve", approval="reply-review", note="内容无误，同意回帖")
        assert "已审查：内容无误，同意回帖" in boss.get(f"/cases/{case_id}").text
    with TestClient(app) as desk:
        login(desk, "desk")
        _post(desk, case_id, "respond", note="已在论坛回帖说明")
        assert "已回应" in desk.get(f"/cases/{case_id}").text


def _app(tmp_path: Path, name: str, items: list, users: list[tuple[str, str, str | None]]) -> tuple:
    store = StoreSettings(url=f"sqlite:///{tmp_path / 'yuqing.db'}")
    migrate(store)
    profile = profile_for(name)
    case_ids = seed(store, profile, items)
    handle = Store(store)
    try:
        with handle.sessions() as session, session.begin():
            for username, role, dept in users:
                accounts.create_user(session, username, PASSWORD, role, display_name=username, department_id=dept,
                                     departments=set(profile.departments), actor="测试")
    finally:
        handle.close()
    settings = ConsoleSettings(store=store, cookie_secure=False, secret_key="test-console-secret-key", models_dir="")
    return create_app(settings, RouterSettings(store=store, receipt_secret="r"), profile=profile), case_ids, store


def _staff_of_the_lead(store: StoreSettings, case_id: int, *, handler: str, leader: str) -> str:
    """A handler and a leader of the case's lead department (known only once the case is routed);
    returns that department's id."""
    handle = Store(store)
    try:
        with handle.sessions() as session, session.begin():
            lead = session.get(CaseRow, case_id).department_id
            for username, role in ((handler, "handler"), (leader, "leader")):
                accounts.create_user(session, username, PASSWORD, role, display_name=username, department_id=lead,
                                     departments={lead}, actor="测试")
    finally:
        handle.close()
    return lead


def test_an_unsure_question_is_flagged_and_the_principal_decides_before_the_reply(tmp_path: Path) -> None:
    app, [case_id], store = _app(tmp_path, "school", [scored("s-1", topic="教育", grade="一般", title="家长质疑分班")],
                                 [("desk", "desk", None), ("principal", "leader", "principal")])
    _staff_of_the_lead(store, case_id, handler="teacher", leader="lead-boss")
    with TestClient(app) as teacher:
        login(teacher, "teacher")
        page = teacher.get(f"/cases/{case_id}").text
        assert 'id="act-flag"' in page and "把握不准的问题（篇一 二、2(1)）" in page
        _post(teacher, case_id, "ack")
        assert "须写明情况说明" in _post(teacher, case_id, "flag", flag="unsure", note=" ")
        _post(teacher, case_id, "flag", flag="unsure", note="是否公开分班名单拿不准")
        page = teacher.get(f"/cases/{case_id}").text
        assert "已标记“把握不准的问题”：是否公开分班名单拿不准" in page
        assert "把握不准的问题须经学校主要领导审定（篇一 二、2(1)）" in page
        # The handler enters no sign-off: the principal's 审定 is the principal's.
        assert 'id="act-approve"' not in page
    with TestClient(app) as boss:
        login(boss, "lead-boss")
        _post(boss, case_id, "approve", approval="reply-review", note="回复内容已审查")
        assert "不能审定" in _post(boss, case_id, "approve", approval="principal-decision", note="同意")
    with TestClient(app) as teacher:
        login(teacher, "teacher")
        refused = _post(teacher, case_id, "respond", note="已回帖说明分班规则")
        assert "尚不能回应" in refused and "尚未审定" in refused
    with TestClient(app) as principal:
        login(principal, "principal")
        page = principal.get(f"/cases/{case_id}").text
        assert 'id="act-approve"' in page and '<option value="principal-decision">把握不准的问题审定</option>' in page
        _post(principal, case_id, "approve", approval="principal-decision", note="不公开名单，说明分班规则")
        page = principal.get(f"/cases/{case_id}").text
        assert "已审定：不公开名单，说明分班规则" in page and "标记特殊情形" in page
    with TestClient(app) as teacher:
        login(teacher, "teacher")
        _post(teacher, case_id, "respond", note="已回帖说明分班规则")
        assert "已回应" in teacher.get(f"/cases/{case_id}").text


def test_the_desk_records_a_consultation_with_its_participants(tmp_path: Path) -> None:
    app, [case_id], _ = _app(tmp_path, "city-gov", [scored("c-1", topic="住房", grade="重大", title="物业纠纷")],
                             [("desk", "desk", None), ("secretary", "leader", "leader")])
    with TestClient(app) as desk:
        login(desk, "desk")
        _post(desk, case_id, "ack")
        _post(desk, case_id, "flag", flag="consultation", note="涉及多部门职责")
        page = desk.get(f"/cases/{case_id}").text
        assert "参加会商的部门" in page and 'id="act-unflag-consultation"' in page
        assert "须写明参加的部门" in _post(desk, case_id, "approve", approval="consultation-opinion", note="先约谈物业")
        client_page = desk.get(f"/cases/{case_id}").text
        response = desk.post(f"/cases/{case_id}/approve", data={
            "csrf": csrf_of(client_page), "version": re.search(r"版本 (\d+)</p>", client_page).group(1),  # type: ignore[union-attr]
            "approval": "consultation-opinion", "note": "先约谈物业", "participants": ["housing", "petition"]})
        assert response.status_code in (200, 303)
        page = desk.get(f"/cases/{case_id}").text
        assert "已提出：先约谈物业" in page and "参加：市住房和城乡建设局、市信访局" in page
        assert "参加部门：市住房和城乡建设局、市信访局" in page  # the audit log in words
    with TestClient(app) as secretary:
        login(secretary, "secretary")
        _post(secretary, case_id, "approve", approval="consultation-approval", note="同意")
    with TestClient(app) as desk:
        login(desk, "desk")
        _post(desk, case_id, "respond", note="已发布情况通报")
        assert "已回应" in desk.get(f"/cases/{case_id}").text


def test_spokesperson_records_an_interview_citing_the_approved_reply(tmp_path: Path) -> None:
    """003 篇五 第二十五条: the lead department's 网络发言人 records the interview, citing the 口径 of the case."""
    app, [case_id], store = _app(
        tmp_path, "huaning-gonglu",
        [scored("h-1", topic="公共基础设施建设", grade="三级", title="国道路面塌陷网友质疑修复慢")],
        [("desk", "desk", None), ("office-boss", "leader", "group-office")])
    lead = _staff_of_the_lead(store, case_id, handler="roads", leader="speaker")
    with TestClient(app) as speaker:
        login(speaker, "speaker")
        page = speaker.get(f"/cases/{case_id}").text
        assert "对外披露（统一口径、统一出口）" in page and "须由主办部门网络发言人统一进行（统一出口）" in page
        assert "口径登记后方可对外披露" in page and 'id="act-disclose"' not in page
        early = _post(speaker, case_id, "disclose", kind="接受媒体采访", caliber="reply-3", content="已修复")
        assert "统一口径：案件" in early and "尚无经审核的口径" in early
        _post(speaker, case_id, "ack")
        _post(speaker, case_id, "approve", approval="reply-3", note="同意回复稿：K12路段塌陷2处，预计3天修复")
        page = speaker.get(f"/cases/{case_id}").text
        assert 'id="act-disclose"' in page and '<option value="reply-3">网上回复稿审核：同意回复稿' in page
        refused = _post(speaker, case_id, "disclose", kind="接受媒体采访", caliber="reply-3", content="塌陷5处")
        assert "统一数据：披露要点中的数字 5 不见于所引口径" in refused
        _post(speaker, case_id, "disclose", kind="接受媒体采访", caliber="reply-3", content="两处塌陷，三天内修复",
              media="玉溪电视台")
        page = speaker.get(f"/cases/{case_id}").text
        assert "<td>接受媒体采访</td>" in page and "两处塌陷，三天内修复" in page and "<td>玉溪电视台</td>" in page
        assert "所引口径：网上回复稿审核" in page and "对外披露" in page  # the audit log in words
    with TestClient(app) as office:
        # 统一出口: another department's leader sees no form, and a forged post is refused.
        login(office, "office-boss")
        assert 'id="act-disclose"' not in office.get(f"/cases/{case_id}").text
        refused = _post(office, case_id, "disclose", kind="对外披露信息", caliber="reply-3", content="塌陷2处")
        assert "统一出口" in refused and "分局舆情处置工作领导小组办公室不能对外发布" in refused
    with TestClient(app) as roads:
        # The department's handler is not its 网络发言人.
        login(roads, "roads")
        assert 'id="act-disclose"' not in roads.get(f"/cases/{case_id}").text
        assert "无权" in _post(roads, case_id, "disclose", kind="对外披露信息", caliber="reply-3", content="塌陷2处")
    with TestClient(app) as desk:
        # The desk records one given on the spokesperson's behalf, naming the outlet.
        login(desk, "desk")
        page = desk.get(f"/cases/{case_id}").text
        assert 'name="department"' in page
        _post(desk, case_id, "disclose", kind="对外披露信息", caliber="reply-3", content="塌陷2处", department=lead)
        assert desk.get(f"/cases/{case_id}").text.count("<td>对外披露信息</td>") == 1
