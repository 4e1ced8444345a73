"""The console warns loudly on every page when the profile's working-day calendar runs out (issue 11)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from console_helpers import login
from fastapi.testclient import TestClient

import console.web


def test_calendar_warning_on_every_page(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    login(client, "desk")
    monkeypatch.setattr(console.web, "utcnow", lambda: datetime(2026, 6, 1, tzinfo=UTC))
    assert 'id="calendar-warning"' not in client.get("/").text
    monkeypatch.setattr(console.web, "utcnow", lambda: datetime(2026, 11, 15, tzinfo=UTC))
    page = client.get("/").text
    assert 'id="calendar-warning"' in page and "只覆盖至 2026-12-31（还剩 46 天）" in page
    assert "只覆盖至 2026-12-31" in client.get("/library").text
