"""Login, logout."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from console import accounts, audit, websessions
from console.roles import ANALYST, Principal
from console.web import Posted, WebError, checked, client_ip, console, posted, principal, redirect, render

router = APIRouter()
Form = Annotated[Posted, Depends(posted)]


def _safe_next(target: str | None) -> str:
    # Only a path on this site: never an absolute or scheme-relative URL (open redirect).
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target[:500]
    return ""


def _login_page(request: Request, error: str = "", status: int = 200) -> Response:
    app = console(request)
    pre = request.cookies.get(websessions.PRE_COOKIE) or websessions.new_pre_token()
    why = request.query_params.get("why")
    notice = "会话已过期，请重新登录" if why == "expired" else ""
    response = render(request, "login.html", None, status=status, error=error, notice=notice,
                      login_csrf=websessions.pre_csrf(app.settings.secret_key, pre),
                      next=_safe_next(request.query_params.get("next")))
    response.set_cookie(websessions.PRE_COOKIE, pre, httponly=True, secure=app.settings.cookie_secure,
                        samesite="strict", path="/")
    return response


@router.get("/login")
def login_form(request: Request) -> Response:
    return _login_page(request)


@router.post("/login")
def login(request: Request, data: Form) -> Response:
    app = console(request)
    values = data
    pre = request.cookies.get(websessions.PRE_COOKIE) or ""
    if not pre or not websessions.csrf_ok(websessions.pre_csrf(app.settings.secret_key, pre), values.get("csrf")):
        raise WebError(403, "登录表单已失效或来源不明（CSRF 校验失败），请刷新页面后重新登录")
    username, password = values.get("username", ""), values.get("password", "")
    ip = client_ip(request)
    with app.store.sessions() as session, session.begin():
        result = accounts.authenticate(session, username, password, ip,
                                       max_failures=app.settings.login_max_failures,
                                       window=timedelta(minutes=app.settings.login_window_minutes))
        if result.user is None:
            error = result.error or "登录失败"
            token = None
        else:
            error = ""
            token = websessions.open_session(session, result.user, ip=ip,
                                             user_agent=request.headers.get("user-agent", ""),
                                             max_age=timedelta(hours=app.settings.session_max_hours))
            role = result.user.role
    if token is None:
        return _login_page(request, error=error, status=401 if "锁定" not in error else 429)
    target = _safe_next(values.get("next")) or ("/labels" if role == ANALYST else "/")
    response = redirect(target)
    response.set_cookie(websessions.SESSION_COOKIE, token, httponly=True, secure=app.settings.cookie_secure,
                        samesite="lax", path="/", max_age=app.settings.session_max_hours * 3600)
    return response


@router.post("/logout")
def logout(request: Request, who: Annotated[Principal, Depends(principal)], data: Form) -> Response:
    checked(request, who, data)
    app = console(request)
    with app.store.sessions() as session, session.begin():
        websessions.revoke(session, who.session_id)
        audit.record(session, who.username, "logout", who.username, ip=client_ip(request))
    response = redirect("/login")
    response.delete_cookie(websessions.SESSION_COOKIE, path="/")
    return response
