"""Accounts: creation, password hashing (Argon2id), login with throttling, password changes.

A failed login takes as long whether or not the account exists (a dummy hash is verified).
Throttling protects accounts without letting anyone lock another person out:

- Per account, with backoff: after ``max_failures`` failures since the account's last good
  login, each further try must wait ``backoff`` (doubling per failure, at most the window).
  A browser where the account has logged in before holds a signed device cookie
  (:mod:`console.websessions`) and is exempt: guessing someone's password from elsewhere
  does not lock them out of their own desk.
- Per address, separately: ``address_max_failures`` failures from one address in the window
  (whatever the account names) block that address only. The address is the real client's
  behind a configured proxy (:func:`console.web.client_ip`), so one office is not one address.
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
from console.roles import HANDLER, LEADER, ROLE_NAMES
from console.text import plain
from core.contracts import utcnow
from router.timeutil import utc
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
    throttled: bool = False


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
    if role == HANDLER and not department_id:
        raise AccountError("部门处置人须指定所属部门")
    # A leader may name the department they are in charge of (分管): it decides which sign-offs
    # (审定) they give; they still read every case.
    if department_id and role not in (HANDLER, LEADER):
        raise AccountError("只有部门处置人和分管领导需要指定部门")
    if department_id and departments is not None and department_id not in departments:
        raise AccountError(f"策略配置中没有“{department_id}”这一部门")
    check_password(password)
    if session.scalar(select(ConsoleUserRow.id).where(ConsoleUserRow.username == username)) is not None:
        raise AccountError(f"用户名“{username}”已存在")
    now = utcnow()
    row = ConsoleUserRow(username=username, display_name=(plain(display_name).strip() or username)[:128], role=role,
                         department_id=department_id, password_hash=hash_password(password), active=True,
                         created_at=now, updated_at=now)
    session.add(row)
    session.flush()
    audit.record(session, actor, "user_created", username, {"role": role, "department": department_id})
    return row


def set_password(session: Session, user: ConsoleUserRow, password: str, actor: str,
                 action: str = "password_set", ip: str = "") -> None:
    """A new password (its device cookies stop counting as trusted); the account's backoff ends."""
    check_password(password)
    user.password_hash = hash_password(password)
    user.updated_at = utcnow()
    # A reset by the administrator (or the owner's own change) is a fresh start for throttling.
    session.add(ConsoleLoginAttemptRow(username=user.username, ip=f"({action})"[:64], at=user.updated_at, ok=True))
    audit.record(session, actor, action, user.username, ip=ip)


def verify_password(user: ConsoleUserRow, password: str) -> bool:
    try:
        return bool(_hasher.verify(user.password_hash, password))
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def set_active(session: Session, user: ConsoleUserRow, active: bool, actor: str) -> None:
    user.active = active
    user.updated_at = utcnow()
    audit.record(session, actor, "user_enabled" if active else "user_disabled", user.username)


@dataclass(frozen=True, slots=True)
class Throttle:
    """How many failures lock what, and for how long."""

    max_failures: int = 5
    window: timedelta = timedelta(minutes=15)
    backoff: timedelta = timedelta(seconds=30)
    address_max_failures: int = 20


def _wait_text(seconds: float) -> str:
    seconds = max(1, int(seconds + 0.999))
    return f"{seconds} 秒" if seconds < 120 else f"{-(-seconds // 60)} 分钟"


def account_wait(session: Session, username: str, throttle: Throttle, now: datetime) -> float:
    """Seconds the account name must wait before the next try from an unknown browser (0: none)."""
    since = now - throttle.window
    last_ok = session.scalar(select(func.max(ConsoleLoginAttemptRow.at)).where(
        ConsoleLoginAttemptRow.username == username, ConsoleLoginAttemptRow.ok.is_(True)))
    if last_ok is not None and utc(last_ok) > since:
        since = utc(last_ok)
    failures = session.execute(select(func.count(), func.max(ConsoleLoginAttemptRow.at)).where(
        ConsoleLoginAttemptRow.username == username, ConsoleLoginAttemptRow.at > since,
        ConsoleLoginAttemptRow.ok.is_(False))).one()
    count, last = failures[0] or 0, failures[1]
    if count < throttle.max_failures or last is None:
        return 0.0
    delay = min(throttle.backoff * (2 ** min(count - throttle.max_failures, 20)), throttle.window)
    return max(0.0, (utc(last) + delay - now).total_seconds())


def address_wait(session: Session, ip: str, throttle: Throttle, now: datetime) -> float:
    """Seconds the address must wait (0: none): too many failures from it, whatever the accounts."""
    since = now - throttle.window
    rows = session.execute(select(func.count(), func.min(ConsoleLoginAttemptRow.at)).where(
        ConsoleLoginAttemptRow.ip == ip[:64], ConsoleLoginAttemptRow.at >= since,
        ConsoleLoginAttemptRow.ok.is_(False))).one()
    if (rows[0] or 0) < throttle.address_max_failures or rows[1] is None:
        return 0.0
    return max(1.0, (utc(rows[1]) + throttle.window - now).total_seconds())


def authenticate(session: Session, username: str, password: str, ip: str, *, throttle: Throttle,
                 trusted_device: bool = False) -> LoginResult:
    """Check a login in the caller's transaction; every attempt is recorded and audited.

    ``trusted_device``: the browser holds this account's device cookie (exempt from the account's
    backoff, not from the address limit).
    """
    now = utcnow()
    name = username.strip()[:64]
    wait = address_wait(session, ip, throttle, now)
    if wait:
        audit.record(session, name or "(空)", "login_throttled", name, {"reason": "address"}, ip=ip)
        return LoginResult(None, f"本机地址登录失败次数过多，已暂时限制，请 {_wait_text(wait)}后再试", True)
    wait = 0.0 if trusted_device or not name else account_wait(session, name, throttle, now)
    if wait:
        audit.record(session, name, "login_throttled", name, {"reason": "account"}, ip=ip)
        return LoginResult(None, f"该账号登录失败次数过多，请 {_wait_text(wait)}后再试；"
                                 "本账号曾登录过的浏览器不受此限制", True)
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
