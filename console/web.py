"""Glue between FastAPI and the console: the application state, who is asking, CSRF, rendering, errors.

Templates autoescape everything; scraped text is never marked safe. Links to scraped URLs pass
:func:`safe_url`, so a ``javascript:`` link in a page is shown as text, not followed.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from ipaddress import IPv4Network, IPv6Network, ip_address, ip_network
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote, unquote, urlencode, urlsplit

from fastapi import Path as PathParam
from fastapi import Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape

from console import labels_zh, text, websessions
from console.db import Store
from console.roles import ROLE_NAMES, Principal
from console.settings import ConsoleSettings
from core.contracts import utcnow
from router.cases import CaseService
from router.policy import Profile
from router.receipts import receipt_key
from router.settings import RouterSettings
from router.timeutil import utc

log = logging.getLogger(__name__)
HERE = Path(__file__).parent
# A redirect names its flash message in this header; the application middleware moves it into
# the signed flash cookie (:func:`set_flash`) and drops the header.
FLASH_HEADER = "x-yuqing-flash"
TEXT_MAX = 20_000
# Ids are 32-bit integers in the store (PostgreSQL ``integer``): a larger one names nothing.
MAX_ID = 2**31 - 1
# Dates the console accepts in filters and reports: beyond them a day has no local midnight in
# Python's range, and no case.
FIRST_YEAR, LAST_YEAR = 1970, 2100
Id = Annotated[int, PathParam(ge=1, le=MAX_ID)]

# script-src 'self' and no inline script: a scraped <script> that slipped through could not run.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; media-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    # Receipt tokens are in URLs: never send them to another site as a Referer. (Not no-referrer:
    # with it browsers send "Origin: null" on our own form posts, and the Origin check needs it.)
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


def with_headers(response: Response) -> Response:
    for key, value in SECURITY_HEADERS.items():
        response.headers.setdefault(key, value)
    return response


def bounded_id(text: str | None, what: str) -> int:
    """An id from a form or query: a clear 400 when it is not one."""
    try:
        number = int(str(text or "").strip())
    except ValueError as exc:
        raise WebError(400, f"{what}须为数字") from exc
    if not 1 <= number <= MAX_ID:
        raise WebError(400, f"{what}超出范围")
    return number


def day_in_range(text: str, what: str = "日期") -> date:
    """A ``年-月-日`` date within the years the console handles."""
    try:
        day = datetime.strptime(text.strip(), "%Y-%m-%d").date()
    except ValueError as exc:
        raise WebError(400, f"{what}须写成 年-月-日，如 2026-01-31") from exc
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise WebError(400, f"{what}须在 {FIRST_YEAR} 年至 {LAST_YEAR} 年之间")
    return day


class WebError(Exception):
    """A refusal shown to the person as it is (Chinese), with an HTTP status."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class LoginRequired(Exception):
    def __init__(self, expired: bool) -> None:
        super().__init__("login required")
        self.expired = expired


@dataclass
class Console:
    """Everything a request handler needs, built once by :func:`console.app.create_app`."""

    settings: ConsoleSettings
    store: Store
    cases: CaseService
    profile_source: Any  # a callable returning the current Profile
    router_settings: RouterSettings
    models_dir: Path | None = None
    live: Any = None  # console.live.LiveFeed

    @property
    def receipt_secret(self) -> str:
        return receipt_key(self.router_settings)

    @property
    def profile(self) -> Profile:
        return self.profile_source()

    def dept_name(self, dept_id: str | None) -> str:
        if not dept_id:
            return ""
        dept = self.profile.departments.get(dept_id)
        return dept.name if dept else dept_id

    def cookie(self, base: str) -> str:
        return websessions.cookie_name(base, self.settings.cookie_secure)

    def set_cookie(self, response: Response, base: str, value: str, *, samesite: str = "strict",
                   max_age: int | None = None) -> None:
        """A cookie as every console cookie is set: HttpOnly, Path=/, no Domain, Secure when configured."""
        response.set_cookie(self.cookie(base), value, httponly=True, secure=self.settings.cookie_secure,
                            samesite=samesite, path="/", max_age=max_age)  # type: ignore[arg-type]

    def delete_cookie(self, response: Response, base: str) -> None:
        response.delete_cookie(self.cookie(base), path="/", secure=self.settings.cookie_secure, httponly=True)

    def local_iso(self, text: str | datetime | None) -> str:
        """An ISO 8601 time (as the collectors and the model cards write it) in local time, to the minute."""
        if isinstance(text, datetime):
            return self.local(text)
        if not text:
            return ""
        try:
            moment = datetime.fromisoformat(str(text).replace("Z", "+00:00"))
        except ValueError:
            return str(text)[:16]
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return self.local(moment)

    def local(self, moment: datetime | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
        if moment is None:
            return ""
        return self.profile.calendar.local(utc(moment)).strftime(fmt)


def console(request: Request) -> Console:
    return request.app.state.console


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple[IPv4Network | IPv6Network, ...]:
    return tuple(ip_network(p, strict=False) for p in proxies)


def _trusted(address: str, networks: tuple[IPv4Network | IPv6Network, ...]) -> bool:
    try:
        parsed = ip_address(address.strip())
    except ValueError:
        return False
    return any(parsed in net for net in networks)


def client_ip(request: Request) -> str:
    """The real client's address: behind a configured proxy (``trusted_proxies``), the last address
    of ``X-Forwarded-For`` that is not one of our proxies; otherwise the peer's address."""
    peer = request.client.host if request.client else ""
    app = getattr(request.app.state, "console", None)
    proxies = app.settings.trusted_proxies if app is not None else ()
    if not proxies:
        return peer
    networks = _networks(tuple(proxies))
    if not _trusted(peer, networks):
        return peer
    hops = [h.strip() for h in ",".join(request.headers.getlist("x-forwarded-for")).split(",") if h.strip()]
    for hop in reversed(hops):
        if not _trusted(hop, networks):
            try:
                return str(ip_address(hop))
            except ValueError:
                return peer  # garbage from the client side of the proxy: keep the proxy's address
    return hops[0] if hops else peer


def same_origin(request: Request) -> bool:
    """Whether a state-changing request comes from the console's own pages.

    The ``Origin`` header (or, without it, the ``Referer``) must name this host and port; a
    browser sends one with every form post. ``null`` (a sandboxed or file page) is refused. A
    request with neither is a script or a command-line client, left to the CSRF token.
    """
    origin = request.headers.get("origin")
    if origin is None:
        referer = request.headers.get("referer")
        if not referer:
            return True
        origin = referer
    if origin.strip().lower() == "null":
        return False
    try:
        parts = urlsplit(origin.strip())
    except ValueError:
        return False
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return False
    host = request.headers.get("host", "")
    app = getattr(request.app.state, "console", None)
    peer = request.client.host if request.client else ""
    proxies = tuple(app.settings.trusted_proxies) if app is not None else ()
    if proxies and _trusted(peer, _networks(proxies)):
        host = request.headers.get("x-forwarded-host", host).split(",")[0].strip()
    return _netloc(parts.scheme, parts.netloc) == _netloc(parts.scheme, host)


def _netloc(scheme: str, netloc: str) -> str:
    """``host:port`` with the scheme's default port made explicit, lower case."""
    value = netloc.strip().lower().rpartition("@")[2]
    if value.startswith("["):
        return value if "]:" in value else f"{value}:{443 if scheme == 'https' else 80}"
    return value if ":" in value else f"{value}:{443 if scheme == 'https' else 80}"


def safe_url(url: str | None) -> str:
    """The URL when it is plain http(s), else an empty string (the template then shows text only)."""
    if not url:
        return ""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return ""
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else ""


def countdown(due: datetime | None, now: datetime) -> str:
    if due is None:
        return ""
    seconds = int((utc(due) - now).total_seconds())
    sign = "超时 " if seconds < 0 else "剩 "
    seconds = abs(seconds)
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    if days:
        return f"{sign}{days}天{hours}小时"
    if hours:
        return f"{sign}{hours}小时{minutes}分"
    return f"{sign}{minutes}分"


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(HERE / "templates")), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True, finalize=text.finalize)
    env.filters["safe_url"] = safe_url
    env.globals["ZH"] = labels_zh
    env.globals["ROLE_NAMES"] = ROLE_NAMES
    env.globals["urlencode"] = urlencode
    return env


templates = Jinja2Templates(env=_environment())


def render(request: Request, name: str, principal: Principal | None, status: int = 200, **context: Any
           ) -> HTMLResponse:
    app = console(request)
    raw_flash = request.cookies.get(app.cookie(websessions.FLASH_COOKIE))
    flash = websessions.read_flash(app.settings.secret_key, raw_flash)
    now = utcnow()
    base = {"request": request, "me": principal, "csrf": principal.csrf_token if principal else "",
            "profile": app.profile, "dept_name": app.dept_name, "local": app.local, "now": now,
            "countdown": lambda due: countdown(due, now), "flash": flash,
            "refresh_seconds": app.settings.refresh_seconds, "local_iso": app.local_iso}
    response = templates.TemplateResponse(request, name, {**base, **context}, status_code=status)
    if raw_flash:
        app.delete_cookie(response, websessions.FLASH_COOKIE)
    return response


def redirect(url: str, flash: str | None = None) -> RedirectResponse:
    """A 303 to ``url``; ``flash`` is shown once on the next page (signed by :func:`set_flash`)."""
    response = RedirectResponse(url, status_code=303)
    if flash:
        response.headers[FLASH_HEADER] = quote(flash[:300])
    return response


def set_flash(app: Console, response: Response) -> None:
    """Move a redirect's flash message into the signed flash cookie."""
    message = response.headers.get(FLASH_HEADER)
    if message is None:
        return
    del response.headers[FLASH_HEADER]
    app.set_cookie(response, websessions.FLASH_COOKIE, websessions.sign_flash(app.settings.secret_key,
                                                                              unquote(message)), max_age=60)


def wants_fragment(request: Request) -> bool:
    return request.headers.get("x-requested-with") == "fetch"


def principal(request: Request) -> Principal:
    """The person behind the request; :class:`LoginRequired` without a live session.

    A plain function: FastAPI runs it in its thread pool, so the store lookup never blocks the
    event loop (as the GET pages, also plain functions, do not).
    """
    app = console(request)
    token = request.cookies.get(app.cookie(websessions.SESSION_COOKIE))
    with app.store.sessions() as session, session.begin():
        found = websessions.lookup(session, token, idle=timedelta(minutes=app.settings.session_idle_minutes))
    if isinstance(found, str):
        raise LoginRequired(expired=found == websessions.SessionState.EXPIRED)
    request.state.principal = found
    return found


class Posted(dict[str, str]):
    """A posted form: the last value of each field, and every value of multi-valued ones in ``lists``."""

    def __init__(self, values: dict[str, str], lists: dict[str, list[str]]) -> None:
        super().__init__(values)
        self.lists = lists


async def posted(request: Request) -> Posted:
    """The posted form as plain strings (read on the event loop; the handlers run in the thread pool).

    Over-long fields are refused, uploads ignored.
    """
    data = await request.form()
    values: dict[str, str] = {}
    lists: dict[str, list[str]] = {}
    for key, value in data.multi_items():
        if not isinstance(value, str):
            continue
        if len(value) > TEXT_MAX:
            raise WebError(413, f"填写的内容过长（超过 {TEXT_MAX} 个字），未作任何修改")
        values[key] = value
        lists.setdefault(key, []).append(value)
    return Posted(values, lists)


def checked(request: Request, who: Principal, values: Posted) -> Posted:
    """The posted form after its CSRF token was checked against the person's session."""
    if not websessions.csrf_ok(who.csrf_token, values.get("csrf") or request.headers.get("x-csrf-token")):
        log.warning("CSRF check failed for %s on %s", who.username, request.url.path)
        raise WebError(403, "表单已失效或来源不明（CSRF 校验失败），未作任何修改；请刷新页面后重试")
    return values


FALLBACK_PAGE = """<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>无法完成</title></head>
<body><h1>无法完成</h1><p>{message}</p><p><a href="/">返回预警台</a></p></body></html>"""


def error_response(request: Request, status: int, message: str) -> Response:
    """The Chinese error page (or JSON for the page's scripts), always with the security headers."""
    if wants_fragment(request) or request.url.path.startswith("/api/"):
        return with_headers(JSONResponse({"error": message}, status_code=status))
    who = getattr(request.state, "principal", None)
    try:
        return with_headers(render(request, "error.html", who, status=status, message=message))
    except Exception:  # the error page itself failed (e.g. the profile): a plain page, logged
        log.exception("error page could not be rendered")
        from html import escape

        return with_headers(HTMLResponse(FALLBACK_PAGE.format(message=escape(message)), status_code=status))


def login_redirect(request: Request, expired: bool) -> Response:
    message = "会话已过期，请重新登录" if expired else "请先登录"
    if wants_fragment(request) or request.url.path.startswith("/api/"):
        return JSONResponse({"error": message, "login": True}, status_code=401)
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    response = RedirectResponse(f"/login?{urlencode({'next': target, 'why': 'expired' if expired else ''})}",
                                status_code=303)
    if expired:
        console(request).delete_cookie(response, websessions.SESSION_COOKIE)
    return response
