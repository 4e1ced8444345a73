"""The console application: :func:`create_app` builds it from settings; ``yuqing console`` serves it.

``create_app(settings)`` is what ``yuqing demo`` / ``yuqing up`` call to show the console; the
router settings (receipt-link secret, the console's base URL in notifications) and the models
folder come from the same settings file when given.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

import msgspec
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from console import audit
from console.access import AccessDenied
from console.db import Store
from console.live import LiveFeed
from console.settings import ConsoleSettings
from console.web import (
    HERE,
    Console,
    LoginRequired,
    WebError,
    client_ip,
    error_response,
    login_redirect,
    same_origin,
    set_flash,
    with_headers,
)
from policies import profile_dir
from router.cases import CaseError, CaseService
from router.policy import Profile
from router.service import PolicyHolder
from router.settings import RouterSettings
from store.install import CONSOLE_SECRET, install_secret

log = logging.getLogger(__name__)
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
CROSS_ORIGIN = "请求来源不是本控制台（来源校验失败），未作任何修改；请从控制台页面重新操作"



def create_app(settings: ConsoleSettings, router_settings: RouterSettings | None = None, *,
               profile: Profile | Callable[[], Profile] | None = None, models_dir: Path | str | None = None
               ) -> FastAPI:
    """The console as an ASGI application (migrate the store before serving it)."""
    if settings.secret_key is None:
        settings = msgspec.structs.replace(settings, secret_key=install_secret(settings.store, CONSOLE_SECRET))
    store = Store(settings.store)
    if profile is None:
        profile = PolicyHolder(settings.profile)
    source = profile if callable(profile) else (lambda: profile)
    rsettings = router_settings or RouterSettings(store=settings.store, profile=settings.profile)
    folder = Path(models_dir) if models_dir is not None else (Path(settings.models_dir) if settings.models_dir
                                                               else None)
    state = Console(settings=settings, store=store, cases=CaseService(store.sessions, source, rsettings),
                    profile_source=source, router_settings=rsettings, models_dir=folder,
                    live=LiveFeed(store.sessions, settings.live_poll_seconds))

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        await state.live.close()
        store.close()

    app = FastAPI(title="舆情监测控制台", docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan)
    app.state.console = state

    @app.middleware("http")
    async def headers(request: Request, call_next):  # type: ignore[no-untyped-def]
        if request.method not in SAFE_METHODS and not same_origin(request):
            # Login CSRF by cookie tossing, forms posted from another port or site: refused
            # before any handler runs (the CSRF tokens stay the first line).
            log.warning("cross-origin %s refused on %s (Origin %s)", request.method, request.url.path,
                        request.headers.get("origin") or request.headers.get("referer"))
            return error_response(request, 403, CROSS_ORIGIN)
        if isinstance(state.profile_source, PolicyHolder):
            state.profile_source.reload_if_changed()
        response = await call_next(request)
        set_flash(state, response)
        return with_headers(response)

    @app.exception_handler(LoginRequired)
    async def _login(request: Request, exc: LoginRequired) -> Response:
        return login_redirect(request, exc.expired)

    @app.exception_handler(WebError)
    async def _web(request: Request, exc: WebError) -> Response:
        return error_response(request, exc.status, exc.message)

    @app.exception_handler(AccessDenied)
    async def _denied(request: Request, exc: AccessDenied) -> Response:
        # Refusals are kept too: who tried to open what (secrecy is by department, 002 第二十八条).
        who = getattr(request.state, "principal", None)
        with store.sessions() as session, session.begin():
            audit.record(session, who.username if who else "(未登录)", "access_denied", request.url.path[:128],
                         {"method": request.method, "reason": str(exc)}, client_ip(request))
        return error_response(request, 403, str(exc))

    @app.exception_handler(CaseError)
    async def _case(request: Request, exc: CaseError) -> Response:
        return error_response(request, 409, str(exc))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        if any(error.get("loc", ("",))[0] == "path" for error in exc.errors()):
            # /cases/99999999999999999999: no such number can exist.
            return error_response(request, 404, "页面不存在：编号超出范围或格式不对")
        return error_response(request, 400, "请求参数不正确，未作任何修改")

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        messages = {404: "页面不存在", 405: "不支持此操作方式"}
        return error_response(request, exc.status_code, messages.get(exc.status_code, "请求未能完成"))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        # Anything else: logged with its traceback, shown as a Chinese page (never a bare 500).
        log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
        return error_response(request, 500, "服务器内部错误，操作未完成；请稍后重试，或联系管理员查看日志")

    from console.routes import analyst, auth, cases, exports, overview, receipts, reports, users

    # exports before cases: /cases/export.csv must not be taken for a case number.
    for module in (auth, exports, cases, receipts, reports, overview, analyst, users):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    return app


def profile_for(name: str) -> Profile:
    """Load a profile by shipped name or folder (for the CLI and tests)."""
    from router.policy import load

    return load(profile_dir(name))
