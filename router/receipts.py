"""One-click receipt links (签收): a signed token naming the case and the department.

The token is ``base64url(json).base64url(HMAC-SHA256)``; the console calls :func:`verify` and
then ``router.cases.acknowledge`` with the department the token names.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from core.errors import Failure
from store.install import RECEIPT_SECRET, install_secret, is_known_default

if TYPE_CHECKING:
    from router.settings import RouterSettings


@dataclass(frozen=True, slots=True)
class Receipt:
    case_id: int
    department_id: str
    notification: str
    expires_at: datetime


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def receipt_key(settings: RouterSettings) -> str:
    """The key links are signed with: the configured one, else the install's own (never a default)."""
    return settings.receipt_secret or install_secret(settings.store, RECEIPT_SECRET)


def sign(case_id: int, department_id: str, notification: str, secret: str, ttl: timedelta,
         now: datetime | None = None) -> str:
    if is_known_default(secret):
        raise ValueError("refusing to sign a receipt with a known default secret")
    expires = int(((now or datetime.now(UTC)) + ttl).timestamp())
    body = _b64(json.dumps({"c": case_id, "d": department_id, "n": notification, "e": expires},
                           ensure_ascii=False, separators=(",", ":")).encode())
    mac = hmac.new(secret.encode(), body.encode(), hashlib.sha256).digest()
    return f"{body}.{_b64(mac)}"


def verify(token: str, secret: str, now: datetime | None = None) -> Receipt | Failure:
    """The receipt a token stands for, or a Failure saying why it is refused (never retryable)."""
    if is_known_default(secret):
        return Failure("签收密钥为公开的默认值, 拒绝受理签收链接; 请联系管理员", retry=False)
    body, _, mac = token.strip().partition(".")
    if not body or not mac:
        return Failure("签收链接格式不对", retry=False)
    expected = hmac.new(secret.encode(), body.encode(), hashlib.sha256).digest()
    try:
        given = _unb64(mac)
        doc = json.loads(_unb64(body))
    except (ValueError, UnicodeDecodeError):
        return Failure("签收链接已损坏", retry=False)
    if not hmac.compare_digest(expected, given):
        return Failure("签收链接签名无效", retry=False)
    if not isinstance(doc, dict) or not {"c", "d", "n", "e"} <= set(doc):
        return Failure("签收链接内容不全", retry=False)
    expires = datetime.fromtimestamp(int(doc["e"]), UTC)
    if (now or datetime.now(UTC)) > expires:
        return Failure("签收链接已过期，请在控制台签收", retry=False)
    return Receipt(case_id=int(doc["c"]), department_id=str(doc["d"]), notification=str(doc["n"]),
                   expires_at=expires)
