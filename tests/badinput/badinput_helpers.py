"""Helpers of the bad-input corpus: a real HTTP server on 127.0.0.1 and one poll of one source."""

from __future__ import annotations

import asyncio
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from collectors import sources
from collectors.fetch import Fetcher
from collectors.health import PollOutcome
from collectors.publish import DryRunPublisher
from collectors.service import Collector
from collectors.settings import CollectorSettings
from collectors.state import CollectorStore
from core.settings import StoreSettings


class Pages:
    """Serves fixed answers by path: (status, headers, body)."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[int, dict[str, str], bytes]] = {}
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *_: Any) -> None:
                return None

            def do_GET(self) -> None:
                status, headers, body = outer.routes.get(self.path, (404, {}, b"not found"))
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
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    def add(self, path: str, body: bytes, status: int = 200, content_type: str = "application/rss+xml",
            headers: dict[str, str] | None = None) -> str:
        self.routes[path] = (status, {"Content-Type": content_type, **(headers or {})}, body)
        return self.base + path

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def settings(store: StoreSettings, **overrides: Any) -> CollectorSettings:
    values: dict[str, Any] = dict(retries=0, backoff_base_s=0.01, backoff_max_s=0.05, per_host_delay_s=0.0,
                                  connect_timeout_s=2.0, read_timeout_s=2.0, poll_timeout_s=30.0,
                                  max_retry_after_s=0.5, store=store)
    values.update(overrides)
    return CollectorSettings(**values)


def source(entry: dict[str, Any]) -> sources.LoadedSource:
    base = {"id": "bad-src", "name": "坏输入信源", "interval_s": 60}
    base.update(entry)
    return sources.parse({"sources": [base]})[0]


@dataclass
class Polled:
    outcome: PollOutcome
    publisher: DryRunPublisher


def poll(settings: CollectorSettings, loaded: sources.LoadedSource) -> Polled:
    store = CollectorStore(settings.store)
    publisher = DryRunPublisher()

    async def go() -> PollOutcome:
        fetcher = Fetcher(settings)
        try:
            return await Collector(settings, store, publisher, fetcher).poll(loaded)
        finally:
            await fetcher.close()

    try:
        return Polled(asyncio.run(go()), publisher)
    finally:
        store.close()
