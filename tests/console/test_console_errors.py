"""No 500 in plain English: out-of-range input gets a clear Chinese 4xx, a real failure the Chinese
error page, both with the security headers; long titles never break a report in any format."""

from __future__ import annotations

import base64
import hashlib
import hmac
import io
import json
import re
import sqlite3
import zipfile

import pytest
from console_helpers import Env, csrf_of, login
from console_seed import scored, seed
from fastapi.testclient import TestClient

HUGE = "99999999999999999999"


def _chinese_page(response, status: int) -> None:  # type: ignore[no-untyped-def]
    assert response.status_code == status, (response.status_code, response.text[:300])
    assert "Content-Security-Policy" in response.headers and response.headers["X-Frame-Options"] == "DENY"
    assert "无法完成" in response.text or "error" in response.text
    assert "Internal Server Error" not in response.text and "Traceback" not in response.text


def test_huge_ids_and_impossible_dates_are_refused_in_chinese(env: Env, client: TestClient) -> None:
    login(client, "root")
    for path in (f"/cases/{HUGE}", f"/reports/{HUGE}", f"/reports/{HUGE}/export.pdf", "/cases/2147483648"):
        _chinese_page(client.get(path), 404)
    page = client.get("/users")
    response = client.post(f"/users/{HUGE}/active", data={"csrf": csrf_of(page.text), "active": "0"})
    _chinese_page(response, 404)
    for query in ("date_from=0001-01-01", "date_to=9999-12-31", "date_from=9999-12-31&date_to=9999-12-31"):
        response = client.get(f"/?{query}")
        _chinese_page(response, 400)
        assert "年至" in response.text
        assert client.get(f"/cases/export.csv?{query}").status_code == 400
    for kind in ("daily", "weekly", "monthly"):
        for day in ("0001-01-01", "9999-12-31"):
            _chinese_page(client.get(f"/reports/new?kind={kind}&date={day}"), 400)
    _chinese_page(client.get(f"/reports/new?kind=event&case={HUGE}"), 400)
    saved = client.post("/reports/save", data={"csrf": csrf_of(page.text), "draft": HUGE, "version": "1"})
    _chinese_page(saved, 400)


def _forged(secret: str, doc: dict) -> str:
    body = base64.urlsafe_b64encode(json.dumps(doc).encode()).rstrip(b"=").decode()
    mac = base64.urlsafe_b64encode(hmac.new(secret.encode(), body.encode(), hashlib.sha256).digest())
    return f"{body}.{mac.rstrip(b'=').decode()}"


def test_a_signed_receipt_with_a_huge_expiry_or_case_is_a_clear_400(env: Env, client: TestClient) -> None:
    secret = env.router_settings.receipt_secret
    for doc in ({"c": env.cases["edu"], "d": "education", "n": "n1", "e": 10**20},
                {"c": 10**20, "d": "education", "n": "n1", "e": 4_000_000_000}):
        response = client.get(f"/receipts/{_forged(secret, doc)}")
        _chinese_page(response, 400)
        assert "签收链接" in response.text


def test_a_broken_store_gives_the_chinese_error_page(env: Env) -> None:
    app = env.app()
    with TestClient(app, raise_server_exceptions=False) as client:
        login(client, "desk")
        path = env.store.url.removeprefix("sqlite:///")
        with sqlite3.connect(path) as db:
            db.execute("DROP TABLE case_clocks")
        response = client.get("/")
        _chinese_page(response, 500)
        assert "服务器内部错误" in response.text


LONG = ("某小区业主反映房屋质量问题" * 77)[:1000]  # 1,000 characters (the contract's limit), no spaces


def _report(client: TestClient, kind: str, **params: str) -> str:
    page = client.get("/reports/new", params={"kind": kind, **params})
    assert page.status_code == 200, page.text[:300]
    saved = client.post("/reports/save", data={"csrf": csrf_of(page.text), "kind": kind, "title": "",
                                               "then": "save", **params}, follow_redirects=False)
    assert saved.status_code == 303
    return re.search(r"/reports/(\d+)", saved.headers["location"]).group(1)  # type: ignore[union-attr]


def test_reports_with_a_thousand_character_title_export_in_every_format(env: Env, client: TestClient) -> None:
    pytest.importorskip("fpdf")
    ids = seed(env.store, env.profile, [scored("c-long", topic="住房", grade="重大", title=LONG, source=LONG[:200])])
    login(client, "desk")
    for kind, params in (("monthly", {}), ("weekly", {}), ("daily", {}), ("event", {"case": str(ids[0])}),
                         ("special", {"case": str(ids[0])})):
        draft = _report(client, kind, **params)
        pdf = client.get(f"/reports/{draft}/export.pdf")
        if pdf.status_code == 503:
            pytest.skip("no CJK font installed for PDF export")
        assert pdf.status_code == 200 and pdf.content[:4] == b"%PDF", (kind, pdf.text[:300])
        docx = client.get(f"/reports/{draft}/export.docx")
        assert docx.status_code == 200
        with zipfile.ZipFile(io.BytesIO(docx.content)) as z:
            assert "某小区业主反映房屋质量问题" in z.read("word/document.xml").decode()
    csv_body = client.get("/cases/export.csv").content.decode("utf-8-sig")
    assert LONG in csv_body
    assert client.get("/cases/export.xlsx").status_code == 200
