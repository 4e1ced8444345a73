"""Web sessions and CSRF tokens.

The session cookie holds 32 random bytes; the store keeps only their SHA-256, so a leaked
database does not hand out logins. Each session has its own CSRF token, put into every form and
checked on every POST. The login form, which has no session yet, is protected by a token bound
to a pre-session cookie and signed with the console's secret key.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.roles import Principal
from core.contracts import utcnow
from router.timeutil import utc
from store.console_tables import ConsoleSessionRow, ConsoleUserRow

SESSION_COOKIE = "yq_session"
PRE_COOKIE = "yq_pre"


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def open_session(session: Session, user: ConsoleUserRow, *, ip: str, user_agent: str, max_age: timedelta) -> str:
    """Start a session in the caller's transaction; returns the cookie value."""
    token = secrets.token_urlsafe(32)
    now = utcnow()
    session.add(ConsoleSessionRow(id=_digest(token), user_id=user.id, csrf_token=secrets.token_urlsafe(32),
                                  created_at=now, last_seen=now, expires_at=now + max_age, ip=ip[:64],
                                  user_agent=user_agent[:256]))
    return token


class SessionState:
    """Why a cookie did not give a principal: absent, or expired (the page says so)."""

    MISSING = "missing"
    EXPIRED = "expired"


def lookup(session: Session, token: str | None, *, idle: timedelta, now: datetime | None = None
           ) -> Principal | str:
    """The principal of a session cookie, or :class:`SessionState` saying why there is none."""
    if not token or len(token) > 128:
        return SessionState.MISSING
    moment = now or utcnow()
    row = session.get(ConsoleSessionRow, _digest(token))
    if row is None:
        return SessionState.EXPIRED
    user = session.get(ConsoleUserRow, row.user_id)
    if (row.revoked_at is not None or utc(row.expires_at) <= moment or utc(row.last_seen) + idle <= moment
            or user is None or not user.active):
        return SessionState.EXPIRED
    # Touch at most once a minute: every page view need not write.
    if moment - utc(row.last_seen) > timedelta(minutes=1):
        row.last_seen = moment
    return Principal(user_id=user.id, username=user.username, display_name=user.display_name, role=user.role,
                     department_id=user.department_id, session_id=row.id, csrf_token=row.csrf_token)


def revoke(session: Session, session_id: str) -> None:
    row = session.get(ConsoleSessionRow, session_id)
    if row is not None and row.revoked_at is None:
        row.revoked_at = utcnow()


def revoke_user(session: Session, user_id: int) -> None:
    for row in session.scalars(select(ConsoleSessionRow).where(
            ConsoleSessionRow.user_id == user_id, ConsoleSessionRow.revoked_at.is_(None))):
        row.revoked_at = utcnow()


def csrf_ok(expected: str, given: str | None) -> bool:
    return bool(given) and hmac.compare_digest(expected.encode(), str(given).encode())


def new_pre_token() -> str:
    return secrets.token_urlsafe(24)


def pre_csrf(secret_key: str, pre_token: str) -> str:
    """The login form's CSRF token, bound to the pre-session cookie."""
    return hmac.new(secret_key.encode(), f"login:{pre_token}".encode(), hashlib.sha256).hexdigest()
