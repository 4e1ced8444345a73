"""Login, logout, changing one's own password."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy import select

from console import accounts, audit, websessions
from console.roles import ANALYST, Principal
from console.web import Console, Posted, WebError, checked, client_ip, console, posted, principal, redirect, render
from store.console_tables import ConsoleUserRow

router = APIRouter()
Form = Annotated[Posted, Depends(posted)]
Who = Annotated[Principal, Depends(principal)]


def _safe_next(target: str | None) -> str:
    # Only a path on this site: never an absolute or scheme-relative URL (open redirect).
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target[:500]
    return ""


def throttle(app: Console) -> accounts.Throttle:
    s = app.settings
    return accounts.Throttle(max_failures=s.login_max_failures, window=timedelta(minutes=s.login_window_minutes),
                             backoff=timedelta(seconds=s.login_backoff_seconds),
                             address_max_failures=s.login_address_max_failures)


def _login_page(request: Request, error: str = "", status: int = 200) -> Response:
    app = console(request)
    pre = request.cookies.get(app.cookie(websessions.PRE_COOKIE)) or websessions.new_pre_token()
    why = request.query_params.get("why")
    notice = "会话已过期，请重新登录" if why == "expired" else ""
    response = render(request, "login.html", None, status=status, error=error, notice=notice,
                      login_csrf=websessions.pre_csrf(app.settings.secret_key, pre),
                      next=_safe_next(request.query_params.get("next")))
    app.set_cookie(response, websessions.PRE_COOKIE, pre)
    return response


@router.get("/login")
def login_form(request: Request) -> Response:
    return _login_page(request)


@router.post("/login")
def login(request: Request, data: Form) -> Response:
    app = console(request)
    values = data
    pre = request.cookies.get(app.cookie(websessions.PRE_COOKIE)) or ""
    if not pre or not websessions.csrf_ok(websessions.pre_csrf(app.settings.secret_key, pre), values.get("csrf")):
        raise WebError(403, "登录表单已失效或来源不明（CSRF 校验失败），请刷新页面后重新登录")
    username, password = values.get("username", ""), values.get("password", "")
    ip = client_ip(request)
    device = request.cookies.get(app.cookie(websessions.DEVICE_COOKIE))
    throttled = False
    with app.store.sessions() as session, session.begin():
        known = session.scalar(select(ConsoleUserRow.password_hash).where(
            ConsoleUserRow.username == username.strip()[:64])) if username.strip() else None
        trusted = websessions.trusted_device(app.settings.secret_key, device, username.strip(), known)
        result = accounts.authenticate(session, username, password, ip, throttle=throttle(app), trusted_device=trusted)
        if result.user is None:
            error = result.error or "登录失败"
            throttled = result.throttled
            token = None
        else:
            error = ""
            token = websessions.open_session(session, result.user, ip=ip,
                                             user_agent=request.headers.get("user-agent", ""),
                                             max_age=timedelta(hours=app.settings.session_max_hours))
            role = result.user.role
            device_value = websessions.device_cookie(app.settings.secret_key, device, result.user.username,
                                                     result.user.password_hash)
    if token is None:
        return _login_page(request, error=error, status=429 if throttled else 401)
    target = _safe_next(values.get("next")) or ("/labels" if role == ANALYST else "/")
    response = redirect(target)
    app.set_cookie(response, websessions.SESSION_COOKIE, token, samesite="lax",
                   max_age=app.settings.session_max_hours * 3600)
    # Remembered for a year: this browser is then exempt from the account's login backoff.
    app.set_cookie(response, websessions.DEVICE_COOKIE, device_value, max_age=365 * 86400)
    return response


@router.post("/logout")
def logout(request: Request, who: Who, data: Form) -> Response:
    checked(request, who, data)
    app = console(request)
    with app.store.sessions() as session, session.begin():
        websessions.revoke(session, who.session_id)
        audit.record(session, who.username, "logout", who.username, ip=client_ip(request))
    response = redirect("/login")
    app.delete_cookie(response, websessions.SESSION_COOKIE)
    return response


@router.get("/account")
def account_page(request: Request, who: Who) -> Response:
    return render(request, "account.html", who)


@router.post("/account/password")
def change_password(request: Request, who: Who, data: Form) -> Response:
    """One's own password: the current one, the new one twice; other sessions end."""
    values = checked(request, who, data)
    app = console(request)
    new = values.get("new_password", "")
    if new != values.get("repeat_password", ""):
        return render(request, "account.html", who, status=400, error="两次输入的新密码不一致，密码未修改")
    with app.store.sessions() as session, session.begin():
        user = session.get(ConsoleUserRow, who.user_id)
        if user is None:
            raise WebError(404, "账号不存在")
        if not accounts.verify_password(user, values.get("current_password", "")):
            audit.record(session, who.username, "login_failed", who.username, {"reason": "password_change"},
                         client_ip(request))
            error = "当前密码不正确，密码未修改"
        else:
            try:
                accounts.set_password(session, user, new, who.username, "password_changed", client_ip(request))
                error = ""
            except accounts.AccountError as exc:
                error = f"密码未修改：{exc}"
            if not error:
                websessions.revoke_user(session, user.id, keep=who.session_id)
                device_value = websessions.device_cookie(app.settings.secret_key,
                                                         request.cookies.get(app.cookie(websessions.DEVICE_COOKIE)),
                                                         user.username, user.password_hash)
    if error:
        return render(request, "account.html", who, status=400, error=error)
    response = redirect("/account", flash="密码已修改；其他设备上的登录已退出")
    app.set_cookie(response, websessions.DEVICE_COOKIE, device_value, max_age=365 * 86400)
    return response
