"""Account administration for 管理员: list, add, enable or disable (disabling ends their sessions)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy import select

from console import access, accounts, websessions
from console.roles import ROLE_NAMES, Principal
from console.web import Id, Posted, WebError, checked, client_ip, console, posted, principal, redirect, render
from store.console_tables import ConsoleAuditRow, ConsoleUserRow

router = APIRouter()
Form = Annotated[Posted, Depends(posted)]
Who = Annotated[Principal, Depends(principal)]


@router.get("/users")
def users_page(request: Request, who: Who) -> Response:
    access.require(who, "users", "管理账号")
    app = console(request)
    with app.store.sessions() as session:
        users = session.scalars(select(ConsoleUserRow).order_by(ConsoleUserRow.id)).all()
        log = session.scalars(select(ConsoleAuditRow).order_by(ConsoleAuditRow.id.desc()).limit(100)).all()
    departments = [(d.id, d.name) for d in app.profile.departments.values()]
    return render(request, "users.html", who, users=users, audit=log, roles=ROLE_NAMES, departments=departments)


@router.post("/users")
def users_add(request: Request, who: Who, data: Form) -> Response:
    access.require(who, "users", "管理账号")
    values = checked(request, who, data)
    app = console(request)
    try:
        with app.store.sessions() as session, session.begin():
            accounts.create_user(session, values.get("username", "").strip(), values.get("password", ""),
                                 values.get("role", ""), display_name=values.get("display_name", "").strip(),
                                 department_id=values.get("department") or None,
                                 departments=set(app.profile.departments), actor=who.username)
    except accounts.AccountError as exc:
        raise WebError(400, f"未新增账号：{exc}") from exc
    return redirect("/users", flash=f"已新增账号 {values.get('username', '').strip()}")


@router.post("/users/{user_id}/active")
def users_toggle(request: Request, user_id: Id, who: Who, data: Form) -> Response:
    access.require(who, "users", "管理账号")
    values = checked(request, who, data)
    app = console(request)
    active = values.get("active") == "1"
    if user_id == who.user_id and not active:
        raise WebError(400, "不能停用自己的账号")
    with app.store.sessions() as session, session.begin():
        user = session.get(ConsoleUserRow, user_id)
        if user is None:
            raise WebError(404, "账号不存在")
        accounts.set_active(session, user, active, who.username)
        if not active:
            websessions.revoke_user(session, user.id)
        name = user.username
    return redirect("/users", flash=f"账号 {name} 已{'启用' if active else '停用'}")


@router.post("/users/{user_id}/password")
def users_reset_password(request: Request, user_id: Id, who: Who, data: Form) -> Response:
    """管理员 sets a new password: the account's sessions end and its login backoff is lifted."""
    access.require(who, "users", "管理账号")
    values = checked(request, who, data)
    app = console(request)
    with app.store.sessions() as session, session.begin():
        user = session.get(ConsoleUserRow, user_id)
        if user is None:
            raise WebError(404, "账号不存在")
        try:
            accounts.set_password(session, user, values.get("password", ""), who.username, "password_reset",
                                  client_ip(request))
        except accounts.AccountError as exc:
            raise WebError(400, f"密码未重置：{exc}") from exc
        websessions.revoke_user(session, user.id, keep=who.session_id if user.id == who.user_id else None)
        name = user.username
    return redirect("/users", flash=f"账号 {name} 的密码已重置，其登录已全部退出")
