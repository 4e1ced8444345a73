"""Reports: every field of seed 000 第十一条, edits kept, DOCX and PDF exports; drafts are personal
for handlers; the overview."""

from __future__ import annotations

import io
import re

import pytest
from console_helpers import csrf_of, login
from fastapi.testclient import TestClient

from console.exports import ExportError, cjk_font
from console.reports import EVENT_FIELDS


def _save(client: TestClient, path: str, then: str = "save", **edits: str):  # type: ignore[no-untyped-def]
    page = client.get(path)
    assert page.status_code == 200, page.text[:300]
    fields = dict(re.findall(r'name="(kind|case|date|draft|version)" value="([^"]*)"', page.text))
    data = {"csrf": csrf_of(page.text), "then": then, **fields, **edits}
    return client.post("/reports/save", data=data, follow_redirects=False)


def test_event_report_has_every_field_of_article_11(env, client: TestClient) -> None:  # type: ignore[no-untyped-def]
    login(client, "desk")
    page = client.get(f"/reports/new?kind=event&case={env.cases['county']}").text
    for _, label in EVENT_FIELDS:
        assert f">{label}<" in page, label
    assert "中央媒体网" in page and "灵山县某小区地面塌陷" in page and "1,200" in page


def test_report_edit_save_and_export(env, client: TestClient) -> None:  # type: ignore[no-untyped-def]
    login(client, "desk")
    response = _save(client, f"/reports/new?kind=event&case={env.cases['county']}", f_cause="地下管网老化导致地面塌陷",
                     title="关于灵山县地面塌陷的负面舆情事件报告")
    assert response.status_code == 303
    draft = response.headers["location"]
    page = client.get(draft).text
    assert "地下管网老化导致地面塌陷" in page
    again = _save(client, draft, then="docx", f_measures="已组织抢修并发布通报")
    assert again.status_code == 303 and again.headers["location"].endswith("export.docx")
    docx = client.get(again.headers["location"])
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    from docx import Document

    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "关于灵山县地面塌陷的负面舆情事件报告" in text and "已组织抢修并发布通报" in text
    for _, label in EVENT_FIELDS:
        assert label in text
    try:
        cjk_font()
    except ExportError:
        pytest.skip("no CJK font installed (apt: fonts-wqy-microhei or fonts-noto-cjk): PDF export not checked")
    pdf = client.get(draft + "/export.pdf")
    assert pdf.status_code == 200 and pdf.content[:5] == b"%PDF-"
    # A report with tables (the monthly one has four) exports too.
    monthly = _save(client, "/reports/new?kind=monthly", then="pdf")
    exported = client.get(monthly.headers["location"])
    assert exported.status_code == 200 and exported.content[:5] == b"%PDF-"
    daily = _save(client, "/reports/new?kind=daily", then="docx")
    assert client.get(daily.headers["location"]).content[:2] == b"PK"


def test_stale_draft_is_not_overwritten(env, client: TestClient) -> None:  # type: ignore[no-untyped-def]
    login(client, "desk")
    draft = _save(client, "/reports/new?kind=daily").headers["location"]
    page = client.get(draft).text
    form = dict(re.findall(r'name="(kind|case|date|draft|version)" value="([^"]*)"', page))
    first = client.post("/reports/save", data={"csrf": csrf_of(page), "then": "save", **form, "f_advice": "甲"})
    assert first.status_code == 200
    second = client.post("/reports/save", data={"csrf": csrf_of(page), "then": "save", **form, "f_advice": "乙"})
    assert second.status_code == 409 and "草稿已被他人修改" in second.text
    assert ">甲</textarea>" in client.get(draft).text


@pytest.mark.parametrize("kind", ["daily", "weekly", "monthly"])
def test_period_reports(env, client: TestClient, kind: str) -> None:  # type: ignore[no-untyped-def]
    login(client, "desk")
    page = client.get(f"/reports/new?kind={kind}").text
    assert "共发现舆情 4 件" in page and "舆情明细" in page
    assert client.get(f"/reports/new?kind={kind}&date=31/01/2026").status_code == 400


def test_handler_reports_hold_only_their_cases(env, client: TestClient) -> None:  # type: ignore[no-untyped-def]
    login(client, "hous")
    page = client.get("/reports/new?kind=daily").text
    assert "共发现舆情 2 件" in page and "招聘会" not in page
    with TestClient(env.app()) as desk:
        login(desk, "desk")
        draft = _save(desk, f"/reports/new?kind=special&case={env.cases['edu']}").headers["location"]
    response = client.get(draft)
    assert response.status_code == 404 and "不是您的草稿" in response.text
    assert client.get(draft + "/export.docx").status_code == 404


def test_special_report(env, client: TestClient) -> None:  # type: ignore[no-untyped-def]
    login(client, "boss")
    page = client.get(f"/reports/new?kind=special&case={env.cases['county']}").text
    for label in ("舆情概述", "传播情况", "研判分级", "处置进展", "下一步工作建议"):
        assert label in page
    assert client.get("/reports/new?kind=special").status_code == 400


def test_overview(env, client: TestClient) -> None:  # type: ignore[no-untyped-def]
    login(client, "boss")
    page = client.get("/overview")
    assert page.status_code == 200
    for title in ("按分级", "按主题", "按主办部门", "按地区", "按来源", "响应时间与时限", "信息源健康"):
        assert title in page.text
    assert "近 30 天：4 件" in page.text
    assert client.get("/overview?period=1y").status_code == 400
