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
