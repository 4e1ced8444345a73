"""Accounts: creation, password hashing (Argon2id), login with throttling.

A failed login takes as long whether or not the account exists (a dummy hash is verified), and
this many failures in the window lock both the account name and the address for the window.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from console import audit
from console.roles import HANDLER, ROLE_NAMES
from core.contracts import utcnow
from store.console_tables import ConsoleLoginAttemptRow, ConsoleUserRow

log = logging.getLogger(__name__)
_hasher = PasswordHasher()
_DUMMY_HASH = _hasher.hash("not-a-real-password")
USERNAME = re.compile(r"^[A-Za-z0-9_.\-]{2,64}$")
MIN_PASSWORD = 10


class AccountError(ValueError):
    """A refused account operation; the message is for the operator, in Chinese."""


@dataclass(frozen=True, slots=True)
class LoginResult:
    user: ConsoleUserRow | None
    error: str | None


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"密码至少 {MIN_PASSWORD} 个字符")
    if len(password) > 256:
        raise AccountError("密码过长（最多 256 个字符）")


def create_user(session: Session, username: str, password: str, role: str, *, display_name: str = "",
                department_id: str | None = None, departments: set[str] | None = None,
                actor: str = "命令行") -> ConsoleUserRow:
    """Add an account to the caller's transaction; ``departments`` are the profile's department ids."""
    if not USERNAME.match(username):
        raise AccountError("用户名须为 2–64 个字母、数字、下划线、点或连字符")
    if role not in ROLE_NAMES:
        raise AccountError(f"没有“{role}”这一角色；可选：{'、'.join(f'{k}（{v}）' for k, v in ROLE_NAMES.items())}")
    if role == HANDLER:
        if not department_id:
            raise AccountError("部门处置人须指定所属部门（--department）")
        if departments is not None and department_id not in departments:
            raise AccountError(f"策略配置中没有 id 为“{department_id}”的部门；可选：{'、'.join(sorted(departments))}")
    elif department_id:
        raise AccountError("只有部门处置人需要指定部门")
    check_password(password)
    if session.scalar(select(ConsoleUserRow.id).where(ConsoleUserRow.username == username)) is not None:
        raise AccountError(f"用户名“{username}”已存在")
    now = utcnow()
    row = ConsoleUserRow(username=username, display_name=(display_name or username)[:128], role=role,
                         department_id=department_id, password_hash=hash_password(password), active=True,
                         created_at=now, updated_at=now)
    session.add(row)
    session.flush()
    audit.record(session, actor, "user_created", username, {"role": role, "department": department_id})
    return row


def set_password(session: Session, user: ConsoleUserRow, password: str, actor: str) -> None:
    check_password(password)
    user.password_hash = hash_password(password)
    user.updated_at = utcnow()
    audit.record(session, actor, "password_set", user.username)


def set_active(session: Session, user: ConsoleUserRow, active: bool, actor: str) -> None:
    user.active = active
    user.updated_at = utcnow()
    audit.record(session, actor, "user_enabled" if active else "user_disabled", user.username)


def throttled(session: Session, username: str, ip: str, max_failures: int, window: timedelta,
              now: datetime) -> bool:
    since = now - window
    for column, value in ((ConsoleLoginAttemptRow.username, username), (ConsoleLoginAttemptRow.ip, ip)):
        failures = session.scalar(select(func.count()).select_from(ConsoleLoginAttemptRow).where(
            column == value, ConsoleLoginAttemptRow.at >= since, ConsoleLoginAttemptRow.ok.is_(False)))
        if (failures or 0) >= max_failures:
            return True
    return False


def authenticate(session: Session, username: str, password: str, ip: str, *, max_failures: int,
                 window: timedelta) -> LoginResult:
    """Check a login in the caller's transaction; every attempt is recorded and audited."""
    now = utcnow()
    name = username.strip()[:64]
    if throttled(session, name, ip, max_failures, window, now):
        audit.record(session, name or "(空)", "login_throttled", name, ip=ip)
        minutes = int(window.total_seconds() // 60)
        return LoginResult(None, f"登录失败次数过多，已暂时锁定，请 {minutes} 分钟后再试")
    user = session.scalar(select(ConsoleUserRow).where(ConsoleUserRow.username == name)) if name else None
    ok = False
    try:
        ok = _hasher.verify(user.password_hash if user else _DUMMY_HASH, password) and user is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        ok = False
    if ok and user is not None and not user.active:
        ok = False
    session.add(ConsoleLoginAttemptRow(username=name, ip=ip[:64], at=now, ok=ok))
    if not ok:
        audit.record(session, name or "(空)", "login_failed", name, ip=ip)
        log.info("login failed for %s from %s", name, ip)
        return LoginResult(None, "用户名或密码错误，或账号已停用")
    assert user is not None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    audit.record(session, user.username, "login", user.username, ip=ip)
    return LoginResult(user, None)
