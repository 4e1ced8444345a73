"""A real HTTP server on 127.0.0.1 for the collectors' tests, and helpers to poll one source."""

from __future__ import annotations

import asyncio
import json
import re
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from collectors import sources
from collectors.fetch import Fetcher
from collectors.health import PollOutcome
from collectors.publish import DryRunPublisher
from collectors.service import Collector
from collectors.settings import CollectorSettings
from collectors.state import CollectorStore
from core.settings import StoreSettings


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0
    # Called per request instead of the fixed answer: (handler) -> (status, headers, body).
    handler: Callable[[BaseHTTPRequestHandler], tuple[int, dict[str, str], bytes]] | None = None


class Server:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: dict[str, int] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.lock = threading.Lock()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                return None

            def do_GET(self) -> None:
                with outer.lock:
                    outer.hits[self.path] = outer.hits.get(self.path, 0) + 1
                    outer.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
                route = outer.routes.get(self.path)
                if route is None:
                    status, headers, body = 404, {"Content-Type": "text/plain"}, b"not found"
                elif route.handler is not None:
                    status, headers, body = route.handler(self)
                else:
                    status, headers, body = route.status, route.headers, route.body
                if route is not None and route.delay_s:
                    time.sleep(route.delay_s)
                try:
                    self.send_response(status)
                    for key, value in headers.items():
                        self.send_header(key, value)
                    if "content-length" not in {k.lower() for k in headers}:
                        self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    return

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def handle(self, path: str, handler: Callable[[BaseHTTPRequestHandler], tuple[int, dict[str, str], bytes]],
               delay_s: float = 0.0) -> str:
        """Answer ``path`` by calling ``handler`` per request."""
        self.routes[path] = Route(handler=handler, delay_s=delay_s)
        return self.url(path)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def add(self, path: str, body: bytes | str = b"", status: int = 200, content_type: str | None = None,
            **kwargs: Any) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        route = Route(body=data, status=status, **kwargs)
        if content_type:
            route.headers.setdefault("Content-Type", content_type)
        self.routes[path] = route
        return self.url(path)


@pytest.fixture
def http_server() -> Iterator[Server]:
    server = Server()
    server.thread.start()
    try:
        yield server
    finally:
        server.httpd.shutdown()
        server.httpd.server_close()


@pytest.fixture
def fixtures(shared_dir: Path) -> Path:
    return shared_dir / "fixtures"


def fast_settings(store: StoreSettings | None = None, **overrides: Any) -> CollectorSettings:
    values: dict[str, Any] = dict(retries=1, backoff_base_s=0.01, backoff_max_s=0.05, per_host_delay_s=0.0,
                                  connect_timeout_s=2.0, read_timeout_s=1.0, poll_timeout_s=30.0,
                                  max_retry_after_s=2.0)
    values.update(overrides)
    if store is not None:
        values["store"] = store
    return CollectorSettings(**values)


def load_source(entry: dict[str, Any]) -> sources.LoadedSource:
    base = {"id": "t-src", "name": "测试信源", "interval_s": 60}
    base.update(entry)
    return sources.parse({"sources": [base]})[0]


@dataclass
class Polled:
    outcome: PollOutcome
    publisher: DryRunPublisher
    store: CollectorStore


def poll_once(settings: CollectorSettings, source: sources.LoadedSource,
              store: CollectorStore | None = None, publisher: DryRunPublisher | None = None) -> Polled:
    store = store or CollectorStore(settings.store)
    publisher = publisher or DryRunPublisher()

    async def go() -> PollOutcome:
        fetcher = Fetcher(settings)
        try:
            return await Collector(settings, store, publisher, fetcher).poll(source)
        finally:
            await fetcher.close()

    return Polled(asyncio.run(go()), publisher, store)


def weibo_responses(fixtures: Path) -> dict[str, Any]:
    """The JSON objects of the recorded m.weibo.cn session (a .js file of ``let name = {...}``)."""
    src = (fixtures / "weibo_json" / "gottaegbert_weiboAPI_response.js").read_text(encoding="utf-8")
    found = {m.group(1): json.loads(m.group(2))
             for m in re.finditer(r"^let (\w+) = (\{.*?^\});?\s*$", src, re.M | re.S)}
    assert found, "no JSON objects found in the weibo fixture"
    return found


# Helpers as fixtures: test modules here are not a package, so they cannot import this file.
@pytest.fixture
def settings_for() -> Callable[..., CollectorSettings]:
    return fast_settings


@pytest.fixture
def source_of() -> Callable[[dict[str, Any]], sources.LoadedSource]:
    return load_source


@pytest.fixture
def collect() -> Callable[..., Polled]:
    return poll_once


@pytest.fixture
def weibo(fixtures: Path) -> dict[str, Any]:
    return weibo_responses(fixtures)
