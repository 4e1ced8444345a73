"""Login throttling that protects accounts without letting one person lock out another; password
changes; signed flash messages, ``__Host-`` cookies and the Origin check."""

from __future__ import annotations

import re

import msgspec
from console_helpers import PASSWORD, Env, csrf_of, login
from fastapi.testclient import TestClient

from console.app import create_app


def _try(client: TestClient, username: str, password: str, **headers: str):  # type: ignore[no-untyped-def]
    page = client.get("/login")
    return client.post("/login", data={"csrf": csrf_of(page.text), "username": username, "password": password},
                       headers=headers, follow_redirects=False)


def _client(env: Env, ip: str = "10.0.0.5", **settings: object) -> TestClient:
    app = create_app(msgspec.structs.replace(env.settings, **settings), env.router_settings, profile=env.profile)
    return TestClient(app, client=(ip, 50000))


def test_one_locked_account_does_not_lock_another_or_its_own_desk(env: Env) -> None:
    with _client(env) as desk_pc:
        # The duty officer logged in here before: this browser holds the device cookie.
        login(desk_pc, "desk")
        desk_pc.cookies.delete("yq_session")
        with _client(env, ip="10.0.0.66") as attacker:
            for _ in range(3):
                assert _try(attacker, "desk", "guessing-1234").status_code == 401
            locked = _try(attacker, "desk", PASSWORD)
            assert locked.status_code == 429 and "该账号登录失败次数过多" in locked.text
            assert re.search(r"请 \d+ 秒后再试", locked.text)
            # Another account from the very same address is not affected.
            assert _try(attacker, "edu", PASSWORD).status_code == 303
        # The duty officer's own browser still logs in.
        assert _try(desk_pc, "desk", PASSWORD).status_code == 303


def test_backoff_doubles_and_an_admin_reset_lifts_it(env: Env) -> None:
    with _client(env) as attacker:
        for _ in range(4):
            _try(attacker, "hous", "guessing-1234")
        first = _try(attacker, "hous", PASSWORD)
        assert first.status_code == 429
        seconds = int(re.search(r"请 (\d+) 秒后再试", first.text).group(1))  # type: ignore[union-attr]
        assert 1 <= seconds <= 30  # the third failure started the 30 s backoff; refused tries do not count
        with _client(env, ip="10.0.0.9") as admin:
            login(admin, "root")
            page = admin.get("/users")
            user_id = re.search(r'data-user="hous".*?action="/users/(\d+)/password"', page.text, re.S).group(1)  # type: ignore[union-attr]
            done = admin.post(f"/users/{user_id}/password", data={"csrf": csrf_of(page.text),
                                                                  "password": "brand-new-pass-1"})
            assert done.status_code == 200 and "密码已重置" in done.text
            audit = admin.get("/users").text
            assert "重置密码" in audit and "password_reset" not in audit and "{'" not in audit
        assert _try(attacker, "hous", PASSWORD).status_code == 401
        assert _try(attacker, "hous", "brand-new-pass-1").status_code == 303


def test_address_limit_uses_the_real_client_behind_a_trusted_proxy(env: Env) -> None:
    with _client(env, ip="10.1.1.1", trusted_proxies=("10.1.1.0/24",), login_address_max_failures=5) as proxy:
        for n in range(5):
            _try(proxy, f"nobody{n}", "wrong-password", **{"X-Forwarded-For": "203.0.113.7"})
        blocked = _try(proxy, "edu", PASSWORD, **{"X-Forwarded-For": "203.0.113.7"})
        assert blocked.status_code == 429 and "本机地址" in blocked.text
        # The same office behind the same proxy, another workstation: not affected; a client
        # cannot pretend to be another one by prepending a forged address either.
        assert _try(proxy, "edu", PASSWORD, **{"X-Forwarded-For": "198.51.100.4"}).status_code == 303
        spoof = _try(proxy, "edu", PASSWORD, **{"X-Forwarded-For": "198.51.100.4, 203.0.113.7"})
        assert spoof.status_code == 429
    # Without a configured proxy the header is ignored: the peer is the client.
    with _client(env, ip="10.2.2.2", login_address_max_failures=5) as direct:
        for n in range(5):
            _try(direct, f"nobody{n}", "wrong-password", **{"X-Forwarded-For": f"192.0.2.{n}"})
        assert _try(direct, "edu", PASSWORD).status_code == 429


def test_password_change_page(env: Env) -> None:
    with _client(env) as client, _client(env, ip="10.0.0.8") as elsewhere:
        login(elsewhere, "edu")
        login(client, "edu")
        page = client.get("/account")
        assert "修改密码" in page.text
        wrong = client.post("/account/password", data={"csrf": csrf_of(page.text), "current_password": "nope",
                                                       "new_password": "another-pass-9", "repeat_password":
                                                       "another-pass-9"})
        assert wrong.status_code == 400 and "当前密码不正确" in wrong.text
        short = client.post("/account/password", data={"csrf": csrf_of(page.text), "current_password": PASSWORD,
                                                       "new_password": "short", "repeat_password": "short"})
        assert short.status_code == 400 and "至少" in short.text
        done = client.post("/account/password", data={"csrf": csrf_of(page.text), "current_password": PASSWORD,
                                                      "new_password": "another-pass-9",
                                                      "repeat_password": "another-pass-9"})
        assert done.status_code == 200 and "密码已修改" in done.text
        assert client.get("/", follow_redirects=False).status_code == 200  # this session stays
        assert elsewhere.get("/", follow_redirects=False).status_code == 303  # the other one ended
    with _client(env) as fresh:
        assert _try(fresh, "edu", PASSWORD).status_code == 401
        assert _try(fresh, "edu", "another-pass-9").status_code == 303


def test_flash_cookie_must_be_signed(env: Env, client: TestClient) -> None:
    login(client, "root")
    client.cookies.set("yq_flash", "%E8%B4%A6%E5%8F%B7%E5%B7%B2%E8%A7%A3%E9%94%81", path="/")
    page = client.get("/users")
    assert "账号已解锁" not in page.text and 'class="flash ok"' not in page.text
    # A real one, from a redirect, is shown once.
    client.cookies.clear()
    login(client, "root")
    page = client.get("/users")
    added = client.post("/users", data={"csrf": csrf_of(page.text), "username": "newbie", "password": "long-enough-1",
                                        "role": "desk"}, follow_redirects=False)
    assert added.status_code == 303 and "x-yuqing-flash" not in added.headers
    cookie = added.cookies.get("yq_flash")
    assert cookie and "." in cookie
    assert "已新增账号 newbie" in client.get("/users").text
    assert "已新增账号 newbie" not in client.get("/users").text


def test_state_changes_from_another_origin_are_refused(env: Env, client: TestClient) -> None:
    page = client.get("/login")
    form = {"csrf": csrf_of(page.text), "username": "desk", "password": PASSWORD}
    for origin in ("http://testserver:8081", "null", "https://evil.example"):
        refused = client.post("/login", data=form, headers={"Origin": origin}, follow_redirects=False)
        assert refused.status_code == 403 and "来源校验失败" in refused.text, origin
    refused = client.post("/login", data=form, headers={"Referer": "http://127.0.0.1:9/x"}, follow_redirects=False)
    assert refused.status_code == 403
    ok = client.post("/login", data=form, headers={"Origin": "http://testserver"}, follow_redirects=False)
    assert ok.status_code == 303


def test_host_prefixed_cookies_over_https(env: Env) -> None:
    secure = msgspec.structs.replace(env.settings, cookie_secure=True)
    with TestClient(create_app(secure, env.router_settings, profile=env.profile), base_url="https://testserver") as c:
        page = c.get("/login")
        response = c.post("/login", data={"csrf": csrf_of(page.text), "username": "desk", "password": PASSWORD},
                          follow_redirects=False)
        cookies = [v for k, v in response.headers.multi_items() if k == "set-cookie"]
        assert response.status_code == 303
        assert any(v.startswith("__Host-yq_session=") for v in cookies)
        assert any(v.startswith("__Host-yq_device=") for v in cookies)
        for value in cookies:
            lowered = value.lower()
            assert "secure" in lowered and "path=/" in lowered and "domain" not in lowered
        assert c.get("/", follow_redirects=False).status_code == 200
        # A plain-named cookie tossed in by another page on the host counts for nothing.
        c.cookies.clear()
        c.cookies.set("yq_session", "tossed", path="/")
        assert c.get("/", follow_redirects=False).status_code == 303


def test_account_backoff_doubles_per_failure_up_to_the_window(env: Env) -> None:
    from datetime import timedelta

    from console import accounts
    from console.db import Store
    from core.contracts import utcnow
    from store.console_tables import ConsoleLoginAttemptRow

    throttle = accounts.Throttle(max_failures=3, window=timedelta(minutes=15), backoff=timedelta(seconds=30))
    now = utcnow()
    store = Store(env.store)
    try:
        with store.sessions() as session, session.begin():
            waits = []
            for _ in range(10):
                session.add(ConsoleLoginAttemptRow(username="boss", ip="10.9.9.9", at=now, ok=False))
                session.flush()
                waits.append(round(accounts.account_wait(session, "boss", throttle, now)))
            assert waits == [0, 0, 30, 60, 120, 240, 480, 900, 900, 900]
            # A good login ends it.
            session.add(ConsoleLoginAttemptRow(username="boss", ip="10.9.9.9", at=now + timedelta(seconds=1), ok=True))
            session.flush()
            assert accounts.account_wait(session, "boss", throttle, now + timedelta(seconds=2)) == 0
    finally:
        store.close()
