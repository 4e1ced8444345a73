"""Every user-visible string in Chinese: audit lines in words with department names, local times to
the minute, clock durations, SMTP and model errors; direction controls never reach the page."""

from __future__ import annotations

import re

from console_helpers import Env, csrf_of, login
from console_seed import scored, seed
from fastapi.testclient import TestClient
from sqlalchemy import update

from console import labels_zh
from console.db import Store
from store.case_tables import NotificationRow

RAW = ("transferred", "assisting_set", "incident_joined", "clock_breached", "{'", "': '", "：housing", "：education",
       "ack-1", "30m", "8h", "+00:00")


def _post(client: TestClient, case_id: int, action: str, **data: str):  # type: ignore[no-untyped-def]
    page = client.get(f"/cases/{case_id}")
    version = re.search(r'name="version" value="(\d+)"', page.text)
    return client.post(f"/cases/{case_id}/{action}", data={"csrf": csrf_of(page.text),
                                                           "version": version.group(1) if version else "0", **data})


def _visible(html: str) -> str:
    """The page's text as a person sees it (tags, attribute values and form values removed)."""
    body = html.split("<main>", 1)[1]
    body = re.sub(r"<(select|script)[^>]*>.*?</\1>", " ", body, flags=re.S)
    return re.sub(r"<[^>]+>", " ", body)


def test_case_audit_log_reads_in_words(env: Env, client: TestClient) -> None:
    case_id = env.cases["housing"]
    login(client, "desk")
    assert _post(client, case_id, "transfer", to="education", reason="涉及学区").status_code == 200
    assert _post(client, case_id, "assist", departments="emergency", reason="联合处置").status_code == 200
    store = Store(env.store)
    try:
        with store.sessions() as session, session.begin():
            session.execute(update(NotificationRow).where(NotificationRow.case_id == case_id).values(
                status="undeliverable", last_error="SMTP 失败: ConnectionRefusedError: [Errno 111] Connection refused"))
    finally:
        store.close()
    page = client.get(f"/cases/{case_id}").text
    text = _visible(page)
    assert "转办" in text and "原：市住房和城乡建设局" in text and "新：市教育局" in text, text[-3000:]
    assert "设定会办" in text and "新：市应急管理办公室" in text
    assert "无法连接服务器（连接被拒绝）" in text and "ConnectionRefusedError" not in page
    assert "签收（30分钟未签收升级）" in text or "签收（8小时未签收升级）" in text
    for raw in RAW:
        assert raw not in text, raw
    assert not re.search(r"\d{2}:\d{2}:\d{2}", text)  # local times to the minute


def test_users_audit_log_in_words(env: Env, client: TestClient) -> None:
    login(client, "root")
    page = client.get("/users")
    text = _visible(page.text)
    for word in ("新增账号", "登录", "角色：监测员", "部门：市住房和城乡建设局"):
        assert word in text, word
    for raw in ("user_created", "login", "{'", "'role'"):
        assert raw not in text, raw
    refused = client.post("/users", data={"csrf": csrf_of(page.text), "username": "h2", "password": "long-enough-1",
                                          "role": "handler"})
    assert refused.status_code == 400 and "须指定所属部门" in refused.text and "--department" not in refused.text


def test_direction_controls_never_reach_the_page(env: Env, client: TestClient) -> None:
    ids = seed(env.store, env.profile, [scored("c-rtl", topic="住房", title="\u202e员理管\u202c紧急通知",
                                               source="\u2067论坛\u2069")])
    login(client, "root")
    page = client.get("/users")
    created = client.post("/users", data={"csrf": csrf_of(page.text), "username": "rtl", "role": "desk",
                                          "display_name": "\u202e员理管", "password": "long-enough-1"})
    assert created.status_code == 200
    for path in ("/", f"/cases/{ids[0]}", "/users", "/cases/export.csv"):
        body = client.get(path).content.decode("utf-8-sig")
        assert not re.search("[\u202a-\u202e\u2066-\u2069\u200e\u200f]", body), path
    assert "员理管紧急通知" in client.get("/").text
    assert 'dir="auto"' in client.get("/").text and "<bdi" in client.get(f"/cases/{ids[0]}").text


def test_channel_and_model_errors_in_chinese() -> None:
    cases = {
        "SMTP 550: b'5.1.1 User unknown'": "邮件服务器拒绝（代码 550）",
        "SMTP 认证失败: 535": "邮件服务器认证失败，请检查发信账号与密码",
        "SMTP 失败: TimeoutError: timed out": "连接超时",
        "SMTP 失败: gaierror: [Errno -2] Name or service not known": "服务器地址无法解析",
        "HTTP 502: Bad Gateway": "对方服务器返回错误（HTTP 502）",
        "收件人被拒: ['a@b']": "收件人被邮件服务器拒收",
    }
    for raw, words in cases.items():
        assert labels_zh.delivery_error(raw) == words
    assert labels_zh.model_error("模型版本不存在: v9 (see `yuqing models list`)") == "模型版本不存在: v9"
    assert labels_zh.model_error("invalid model version '../x'") == "模型版本名称无效"
    assert labels_zh.label_error("topic 'x' is not a base topic (住房, 教育)") == "所选主题不是基础主题之一"
    assert labels_zh.clock_text("签收（30m未签收升级）") == "签收（30分钟未签收升级）"
    assert labels_zh.clock_text("2wd 内答复；8h 提醒") == "2个工作日 内答复；8小时 提醒"


def test_deadline_lines_name_departments_and_durations_in_words() -> None:
    from console import eventlog

    names = {"housing": "市住房和城乡建设局", "gov-office": "市人民政府办公室"}
    phrases = eventlog.phrases(
        "clock_breached", {"clock": "ack-1", "grade": "重大", "owner": "housing", "escalated_to": ["gov-office"],
                           "note": "签收（30m未签收升级）已于 2026-12-01 10:00 超时"},
        dept=lambda d: names.get(d or "", d or ""), case_ref=str, local=str,
        clock=lambda c: labels_zh.clock_text({"ack-1": "签收（30m未签收升级）"}.get(c, c)))
    assert phrases == ["时限：签收（30分钟未签收升级）", "分级：重大", "责任单位：市住房和城乡建设局",
                       "升级至：市人民政府办公室", "说明：签收（30分钟未签收升级）已于 2026-12-01 10:00 超时"]
