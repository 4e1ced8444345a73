"""The console started in a thread the way ``yuqing demo`` starts it, over real HTTP."""

from __future__ import annotations

import httpx
import msgspec

from console.server import demo_accounts, start_background
from core.broker import free_port


def test_background_console_for_the_demo(env) -> None:  # type: ignore[no-untyped-def]
    # The seeded store already has a "desk" account: it is left as it is.
    assert demo_accounts(env.store, "demo-password-123") == ["housing", "analyst", "leader", "admin"]
    assert demo_accounts(env.store, "demo-password-123") == []
    settings = msgspec.structs.replace(env.settings, port=free_port())
    running = start_background(settings, env.router_settings)
    try:
        response = httpx.get(running.url + "login", timeout=10)
        assert response.status_code == 200 and "登录" in response.text
        assert response.headers["x-frame-options"] == "DENY"
    finally:
        running.stop()
