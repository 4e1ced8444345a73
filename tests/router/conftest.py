"""Router fixtures: real HTTP receivers and a real SMTP server on 127.0.0.1, scored items, profiles."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from aiosmtpd.controller import Controller
from router_helpers import Collect, Receiver, Request, Smtp

from core.broker import free_port

HANG_BOUND_S = 120.0


def _handler(receiver: Receiver) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length)
            action = receiver.next_action(self.path)
            if action[0] == "drop":
                self.close_connection = True
                return  # read, never answered: the connection closes with no status line
            if action[0] == "hang":
                # Until the test is over (bounded, so a forgotten release cannot keep a thread for
                # ever): far beyond any timeout a test sets, so the client always times out.
                receiver.released.wait(HANG_BOUND_S)
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
            if action[0] != "hang":
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
    state.released.set()  # hung requests answer their gone clients (BrokenPipe, ignored) and end
    server.shutdown()
    server.server_close()


@pytest.fixture
def smtp() -> Iterator[Smtp]:
    handler = Collect()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield Smtp("127.0.0.1", port, handler)
    finally:
        controller.stop()
