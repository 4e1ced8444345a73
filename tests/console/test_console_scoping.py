"""An incident spanning two departments: each department's handler sees only its own items, in every
view of the incident (case page timeline, audit log, event report, its DOCX/PDF exports, CSV)."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import timedelta

import pytest
from console_helpers import Env, csrf_of, login
from console_seed import scored, seed_incident
from fastapi.testclient import TestClient

pytest.importorskip("incidents.routing", reason="the incidents package is not importable")

SECRET_TITLE = "城南实验小学食堂饭菜霉变多名学生腹泻送医"
SECRET_SOURCE = "教育秘闻网"
TEXT = ("城南实验小学食堂近日被家长曝光饭菜霉变，多名学生午餐后出现腹泻呕吐症状被送医，"
        "家长质疑学校食堂监管缺位，要求教育部门和市场监管部门彻查食材来源并公开处理结果。")


def make_incident(env: Env) -> tuple[int, int]:
    """An 教育 case first, then a repost of the same text routed to 住房 (another title)."""
    first = scored("inc-edu", topic="教育", grade="重大", title=SECRET_TITLE, text=TEXT, source=SECRET_SOURCE,
                   url="https://edu-secret.example.org/a")
    repost = scored("inc-hous", topic="住房", grade="一般", title="小区家长转发学校周边情况", text=TEXT,
                    source="小区论坛", url="https://forum.example.org/b")
    edu_case, hous_case = seed_incident(env.store, env.profile, [first, repost])
    assert edu_case is not None and hous_case is not None
    return edu_case, hous_case


def _docx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read("word/document.xml").decode()


def test_handler_never_sees_another_departments_item_of_a_shared_incident(env: Env, client: TestClient) -> None:
    edu_case, hous_case = make_incident(env)
    # The desk sees the whole incident, with the education case's title.
    login(client, "desk")
    assert SECRET_TITLE in client.get(f"/cases/{hous_case}").text
    client.cookies.clear()
    login(client, "hous")
    assert client.get(f"/cases/{edu_case}").status_code == 403
    page = client.get(f"/cases/{hous_case}")
    assert page.status_code == 200
    assert "舆情事件" in page.text and "其他部门案件" in page.text
    for secret in (SECRET_TITLE, SECRET_SOURCE, "edu-secret.example.org", f"#{edu_case}<", f"#{edu_case} "):
        assert secret not in page.text, secret
    # The audit line of joining the incident names no foreign case and shows no raw code.
    assert "归入舆情事件" in page.text and "incident_joined" not in page.text and "incident_case" not in page.text
    # The event report and its exports.
    report = client.get(f"/reports/new?kind=event&case={hous_case}")
    assert report.status_code == 200
    assert SECRET_TITLE not in report.text and "edu-secret.example.org" not in report.text
    saved = client.post("/reports/save", data={"csrf": csrf_of(report.text), "kind": "event", "case": str(hous_case),
                                               "title": "", "then": "save"}, follow_redirects=False)
    assert saved.status_code == 303
    draft = re.search(r"/reports/(\d+)", saved.headers["location"]).group(1)  # type: ignore[union-attr]
    docx = client.get(f"/reports/{draft}/export.docx")
    assert docx.status_code == 200 and SECRET_TITLE not in _docx_text(docx.content)
    assert "edu-secret.example.org" not in _docx_text(docx.content)
    pdf = client.get(f"/reports/{draft}/export.pdf")
    assert pdf.status_code in (200, 503)
    special = client.get(f"/reports/new?kind=special&case={hous_case}")
    assert special.status_code == 200 and SECRET_SOURCE not in special.text
    for export in ("/cases/export.csv?status=all", "/", "/library"):
        body = client.get(export)
        assert SECRET_TITLE not in body.content.decode("utf-8-sig"), export


def test_the_education_handler_sees_its_own_first_item_and_not_the_repost_title(env: Env,
                                                                                   client: TestClient) -> None:
    edu_case, _ = make_incident(env)
    login(client, "edu")
    page = client.get(f"/cases/{edu_case}").text
    assert SECRET_TITLE in page and "首发" in page
    assert "小区家长转发学校周边情况" not in page and "forum.example.org" not in page


def test_first_publication_is_labelled_first_not_first_arrival(env: Env, client: TestClient) -> None:
    import msgspec

    from core.contracts import utcnow

    now = utcnow()
    arrived_first = scored("inc-late", topic="住房", grade="一般", title="转载：小区业主反映地下车库渗水", text=TEXT,
                           source="晚发论坛")
    arrived_first = msgspec.structs.replace(arrived_first, item=msgspec.structs.replace(
        arrived_first.item, published_at=now - timedelta(minutes=5)))
    published_first = scored("inc-early", topic="住房", grade="一般", title="小区业主反映地下车库渗水", text=TEXT,
                             source="原发新闻网")
    published_first = msgspec.structs.replace(published_first, item=msgspec.structs.replace(
        published_first.item, published_at=now - timedelta(hours=2)))
    late_case, _ = seed_incident(env.store, env.profile, [arrived_first, published_first])
    login(client, "desk")
    page = client.get(f"/cases/{late_case}").text
    timeline = page.split('id="incident"', 1)[1].split("</section>", 1)[0]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", timeline, re.S)[1:]
    assert len(rows) == 2
    assert "原发新闻网" in rows[0] and "首发" in rows[0]
    assert "晚发论坛" in rows[1] and "首发" not in rows[1]
    assert "首发 <bdi>原发新闻网</bdi>" in timeline
