"""Serving the console from another program: ``yuqing demo`` / ``yuqing up`` start it in a thread.

    from console.server import start_background, demo_accounts
    demo_accounts(settings.store, password="demo-password")     # desk, handler, analyst, leader, admin
    running = start_background(settings, router_settings)        # migrate the store first
    print(running.url); ...; running.stop()
"""

from __future__ import annotations

import logging
import socket
import threading
import time
from dataclasses import dataclass

import uvicorn
from sqlalchemy import select

from console import accounts
from console.app import create_app
from console.db import Store
from console.roles import ADMIN, ANALYST, DESK, HANDLER, LEADER
from console.settings import ConsoleSettings
from core.settings import StoreSettings
from router.settings import RouterSettings
from store.console_tables import ConsoleUserRow

log = logging.getLogger(__name__)


@dataclass
class RunningConsole:
    url: str
    server: uvicorn.Server
    thread: threading.Thread

    def stop(self, timeout: float = 10.0) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=timeout)


def start_background(settings: ConsoleSettings, router_settings: RouterSettings | None = None,
                     start_timeout: float = 30.0) -> RunningConsole:
    """Serve the console on ``settings.host:settings.port`` in a daemon thread; returns once it listens."""
    app = create_app(settings, router_settings)
    # Live-update streams (server-sent events) stay open: shutdown waits for them at most 3 s.
    config = uvicorn.Config(app, host=settings.host, port=settings.port, log_level="warning", lifespan="on",
                            timeout_graceful_shutdown=3)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="console", daemon=True)
    thread.start()
    deadline = time.monotonic() + start_timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            raise RuntimeError(f"console did not start on {settings.host}:{settings.port}")
        time.sleep(0.05)
    url = f"http://{settings.host}:{settings.port}/"
    log.info("console serving at %s", url)
    return RunningConsole(url, server, thread)


def port_free(host: str, port: int) -> bool:
    """Whether the console could listen on ``host:port`` now."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


DEMO_ACCOUNTS = (
    ("desk", DESK, None, "值班员"),
    ("housing", HANDLER, "housing", "住建局处置人"),
    ("analyst", ANALYST, None, "分析员"),
    ("leader", LEADER, None, "领导"),
    ("admin", ADMIN, None, "管理员"),
)


def demo_accounts(store: StoreSettings, password: str) -> list[str]:
    """Create the demo's accounts that do not exist yet (city-gov department ids); returns their names."""
    handle = Store(store)
    created = []
    try:
        with handle.sessions() as session, session.begin():
            for username, role, dept, name in DEMO_ACCOUNTS:
                if session.scalar(select(ConsoleUserRow.id).where(ConsoleUserRow.username == username)) is None:
                    accounts.create_user(session, username, password, role, display_name=name, department_id=dept,
                                         actor="演示")
                    created.append(username)
    finally:
        handle.close()
    return created
