"""The overview shows the operations alerts the router took to the desk."""

from __future__ import annotations

import orjson
from console_helpers import login
from fastapi.testclient import TestClient

from core.stage import Record
from router.ops_alerts import OpsAlertProcessor
from store.db import make_engine, sessions


def test_overview_lists_ops_alerts(env, client: TestClient) -> None:  # type: ignore[no-untyped-def]
    alert = {"kind": "source_failing", "source": "feed-1", "message": "信源「示例论坛」连续 3 次采集失败",
             "at": "2026-12-01T08:00:00+00:00"}
    OpsAlertProcessor(sessions(make_engine(env.store))).process(
        [Record("ops.alerts", 0, 0, b"k", orjson.dumps(alert))])
    login(client, "boss")
    page = client.get("/overview")
    assert page.status_code == 200
    assert "运维告警" in page.text and "信源采集失败" in page.text and "连续 3 次采集失败" in page.text
    assert "待发送" in page.text
