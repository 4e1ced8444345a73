"""Web sessions and CSRF tokens.

The session cookie holds 32 random bytes; the store keeps only their SHA-256, so a leaked
database does not hand out logins. Each session has its own CSRF token, put into every form and
checked on every POST. The login form, which has no session yet, is protected by a token bound
to a pre-session cookie and signed with the console's secret key.
"""

from __future__ import annotations

import base64
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
FLASH_COOKIE = "yq_flash"
DEVICE_COOKIE = "yq_device"
DEVICES_KEPT = 5


def cookie_name(base: str, secure: bool) -> str:
    """``__Host-`` names where cookies are Secure: a page on another port or a subdomain of the
    host cannot plant one (browsers refuse such a name without Secure, a Domain or Path=/).

    Over plain http (a development console on a LAN address) browsers drop Secure cookies, so the
    plain name is used; the signed flash and the Origin check still hold there.
    """
    return f"__Host-{base}" if secure else base


def _mac(secret_key: str, purpose: str, text: str) -> str:
    return hmac.new(secret_key.encode(), f"{purpose}:{text}".encode(), hashlib.sha256).hexdigest()[:32]


def sign_flash(secret_key: str, message: str) -> str:
    """The flash cookie's value: the message and its HMAC (a tossed cookie shows nothing)."""
    body = base64.urlsafe_b64encode(message.encode()).decode().rstrip("=")
    return f"{body}.{_mac(secret_key, 'flash', body)}"


def read_flash(secret_key: str, value: str | None) -> str:
    if not value or len(value) > 2000 or "." not in value:
        return ""
    body, _, mac = value.rpartition(".")
    if not hmac.compare_digest(mac, _mac(secret_key, "flash", body)):
        return ""
    try:
        return base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)).decode()[:300]
    except (ValueError, UnicodeDecodeError):
        return ""


def device_entry(secret_key: str, username: str, password_hash: str) -> str:
    """A device cookie entry: this browser logged in to ``username`` (void once the password changes)."""
    name = base64.urlsafe_b64encode(username.encode()).decode().rstrip("=")
    nonce = secrets.token_urlsafe(9)
    return f"{name}.{nonce}.{_mac(secret_key, 'device', f'{name}.{nonce}.{password_hash[-24:]}')}"


def device_cookie(secret_key: str, current: str | None, username: str, password_hash: str) -> str:
    """The device cookie with this account's entry first (at most :data:`DEVICES_KEPT` accounts)."""
    name = base64.urlsafe_b64encode(username.encode()).decode().rstrip("=")
    kept = [e for e in (current or "").split("~") if e and not e.startswith(f"{name}.")][:DEVICES_KEPT - 1]
    return "~".join([device_entry(secret_key, username, password_hash), *kept])[:3000]


def trusted_device(secret_key: str, value: str | None, username: str, password_hash: str | None) -> bool:
    """Whether the device cookie says this browser logged in to ``username`` with its current password."""
    if not value or not password_hash or len(value) > 3000:
        return False
    name = base64.urlsafe_b64encode(username.encode()).decode().rstrip("=")
    for entry in value.split("~"):
        parts = entry.split(".")
        if len(parts) == 3 and parts[0] == name:
            expected = _mac(secret_key, "device", f"{parts[0]}.{parts[1]}.{password_hash[-24:]}")
            if hmac.compare_digest(parts[2], expected):
                return True
    return False


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


def revoke_user(session: Session, user_id: int, keep: str | None = None) -> None:
    """End the user's sessions (but ``keep``, the one changing its own password)."""
    for row in session.scalars(select(ConsoleSessionRow).where(
            ConsoleSessionRow.user_id == user_id, ConsoleSessionRow.revoked_at.is_(None))):
        if row.id != keep:
            row.revoked_at = utcnow()


def csrf_ok(expected: str, given: str | None) -> bool:
    return bool(given) and hmac.compare_digest(expected.encode(), str(given).encode())


def new_pre_token() -> str:
    return secrets.token_urlsafe(24)


def pre_csrf(secret_key: str, pre_token: str) -> str:
    """The login form's CSRF token, bound to the pre-session cookie."""
    return hmac.new(secret_key.encode(), f"login:{pre_token}".encode(), hashlib.sha256).hexdigest()
