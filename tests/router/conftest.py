"""Router fixtures: real HTTP receivers and a real SMTP server on 127.0.0.1, scored items, profiles."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from core.broker import free_port


@dataclass
class Request:
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Receiver:
    """A real HTTP server; ``script`` says how to answer the next requests, then it answers ``ok``.

    Script entries: ``("status", 500)``, ``("sleep", 2.0)`` (answers late: the client times out),
    ``("garbage",)`` (200 with a non-JSON body), ``("json", {...})``; a last element ``"/path"``
    keeps an entry for requests to that path.
    """

    url: str = ""
    requests: list[Request] = field(default_factory=list)
    script: list[tuple] = field(default_factory=list)
    ok_body: dict[str, Any] = field(default_factory=lambda: {"errcode": 0, "errmsg": "ok", "code": 0})
    delay_s: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def next_action(self, path: str) -> tuple:
        """The next scripted answer for this path (an entry may end with the path it is meant for)."""
        with self.lock:
            for index, entry in enumerate(self.script):
                target = entry[-1] if len(entry) > 1 and isinstance(entry[-1], str) and entry[-1].startswith("/") \
                    else None
                if target is None or target == path:
                    return self.script.pop(index)
            return ("ok",)

    def record(self, request: Request) -> None:
        with self.lock:
            self.requests.append(request)

    def keys(self) -> list[str]:
        with self.lock:
            return [r.headers.get("X-Yuqing-Notification", "") for r in self.requests]

    def wait_for(self, predicate: Callable[[Receiver], bool], timeout: float = 30.0) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate(self):
                return True
            time.sleep(0.02)
        return predicate(self)


def _handler(receiver: Receiver) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length)
            action = receiver.next_action(self.path)
            if action[0] == "sleep":
                time.sleep(action[1])
            elif receiver.delay_s:
                time.sleep(receiver.delay_s)
            if action[0] == "status":
                self._answer(action[1], b"{\"error\": \"scripted\"}")
                return
            # Only what was answered successfully counts as delivered.
            if action[0] == "garbage":
                self._answer(200, b"<html>oops</html>")
                return
            payload = action[1] if action[0] == "json" else receiver.ok_body
            if action[0] != "sleep":
                receiver.record(Request(self.path, dict(self.headers.items()), body))
            self._answer(200, json.dumps(payload).encode())

        def _answer(self, status: int, body: bytes) -> None:
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                return  # the client gave up (the timeout test): there is no one to answer

        def log_message(self, *_: object) -> None:
            return

    return Handler


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    state = Receiver()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    server.daemon_threads = True
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


class _Collect:
    def __init__(self) -> None:
        self.messages: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(envelope)
        return "250 OK"


@dataclass
class Smtp:
    host: str
    port: int
    handler: _Collect


@pytest.fixture
def smtp() -> Iterator[Smtp]:
    handler = _Collect()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield Smtp("127.0.0.1", port, handler)
    finally:
        controller.stop()
