"""Accounts, sessions, CSRF and throttling over HTTP: each refusal in Chinese, nothing changed."""

from __future__ import annotations

import re
from datetime import timedelta

from console_helpers import PASSWORD, csrf_of, login
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from console.db import Store
from store.console_tables import ConsoleAuditRow, ConsoleSessionRow
from store.tables import CaseRow


def _count(env, table) -> int:  # type: ignore[no-untyped-def]
    store = Store(env.store)
    try:
        with store.sessions() as session:
            return session.scalar(select(func.count()).select_from(table)) or 0
    finally:
        store.close()


def test_login_page_and_anonymous_redirect(client: TestClient) -> None:
    response = client.get("/", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/login")
    page = client.get("/login")
    assert "登录" in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]


def test_wrong_password_is_refused_in_chinese(env, client: TestClient) -> None:  # type: ignore[no-untyped-def]
    page = client.get("/login")
    response = client.post("/login", data={"csrf": csrf_of(page.text), "username": "desk", "password": "wrong-one"},
                           follow_redirects=False)
    assert response.status_code == 401
    assert "用户名或密码错误" in response.text
    assert "yq_session" not in response.cookies
    assert _count(env, ConsoleSessionRow) == 0
    assert client.get("/", follow_redirects=False).status_code == 303


def test_unknown_user_gets_the_same_answer(client: TestClient) -> None:
    page = client.get("/login")
    response = client.post("/login", data={"csrf": csrf_of(page.text), "username": "nobody", "password": "whatever"})
    assert response.status_code == 401
    assert "用户名或密码错误" in response.text


def test_login_throttled_after_failures(env, client: TestClient) -> None:  # type: ignore[no-untyped-def]
    for _ in range(3):
        page = client.get("/login")
        client.post("/login", data={"csrf": csrf_of(page.text), "username": "desk", "password": "bad-password"})
    page = client.get("/login")
    response = client.post("/login", data={"csrf": csrf_of(page.text), "username": "desk", "password": PASSWORD})
    assert response.status_code == 429
    assert "登录失败次数过多" in response.text
    assert _count(env, ConsoleSessionRow) == 0
    store = Store(env.store)
    try:
        with store.sessions() as session:
            actions = session.scalars(select(ConsoleAuditRow.action)).all()
    finally:
        store.close()
    assert actions.count("login_failed") == 3 and "login_throttled" in actions


def test_login_without_csrf_is_refused(client: TestClient) -> None:
    client.get("/login")
    response = client.post("/login", data={"username": "desk", "password": PASSWORD})
    assert response.status_code == 403
    assert "CSRF" in response.text and "登录表单已失效" in response.text


def test_session_cookie_flags(env) -> None:  # type: ignore[no-untyped-def]
    import msgspec

    from console.app import create_app

    secure = msgspec.structs.replace(env.settings, cookie_secure=True)
    with TestClient(create_app(secure, env.router_settings, profile=env.profile), base_url="https://testserver") as c:
        page = c.get("/login")
        response = c.post("/login", data={"csrf": csrf_of(page.text), "username": "desk", "password": PASSWORD},
                          follow_redirects=False)
        cookie = next(v for k, v in response.headers.multi_items() if k == "set-cookie" and "yq_session" in v)
    lowered = cookie.lower()
    assert "httponly" in lowered and "secure" in lowered and "samesite=lax" in lowered


def test_expired_session_sends_back_to_login(env, client: TestClient) -> None:  # type: ignore[no-untyped-def]
    login(client, "desk")
    assert client.get("/").status_code == 200
    store = Store(env.store)
    try:
        with store.sessions() as session, session.begin():
            for row in session.scalars(select(ConsoleSessionRow)):
                row.last_seen -= timedelta(days=2)
                row.expires_at -= timedelta(days=2)
    finally:
        store.close()
    live = client.get("/inbox/rows", headers={"X-Requested-With": "fetch"})
    assert live.status_code == 401 and live.json()["error"] == "会话已过期，请重新登录"
    response = client.get("/", follow_redirects=False)
    assert response.status_code == 303 and "why=expired" in response.headers["location"]
    assert "会话已过期" in client.get(response.headers["location"]).text


def test_forged_post_without_csrf_changes_nothing(env, client: TestClient) -> None:  # type: ignore[no-untyped-def]
    login(client, "desk")
    case_id = env.cases["housing"]
    response = client.post(f"/cases/{case_id}/ack", data={"version": "0"})
    assert response.status_code == 403
    assert "CSRF 校验失败" in response.text
    response = client.post(f"/cases/{case_id}/ack", data={"version": "0", "csrf": "forged-token"})
    assert response.status_code == 403
    store = Store(env.store)
    try:
        with store.sessions() as session:
            case = session.get(CaseRow, case_id)
            assert case is not None and case.status == "新建" and case.version == 0
    finally:
        store.close()


def test_logout_ends_the_session(client: TestClient) -> None:
    login(client, "desk")
    page = client.get("/")
    response = client.post("/logout", data={"csrf": csrf_of(page.text)}, follow_redirects=False)
    assert response.status_code == 303
    assert client.get("/", follow_redirects=False).status_code == 303


def test_disabled_account_cannot_log_in(env, client: TestClient) -> None:  # type: ignore[no-untyped-def]
    login(client, "root")
    page = client.get("/users")
    assert "账号审计日志" in page.text
    user_id = re.search(r'data-user="edu".*?action="/users/(\d+)/active"', page.text, re.S).group(1)  # type: ignore[union-attr]
    client.post(f"/users/{user_id}/active", data={"csrf": csrf_of(page.text), "active": "0"})
    with TestClient(env.app()) as other:
        login_page = other.get("/login")
        response = other.post("/login", data={"csrf": csrf_of(login_page.text), "username": "edu",
                                              "password": PASSWORD})
        assert response.status_code == 401
