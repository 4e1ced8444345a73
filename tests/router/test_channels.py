"""Channel plugins against real HTTP receivers and a real SMTP server on 127.0.0.1."""

from __future__ import annotations

import email
import urllib.parse
from email import policy as email_policy

import httpx
import pytest
from router_helpers import Receiver, Smtp, hurried, router_settings

from core.errors import Failure
from core.settings import StoreSettings
from router.channels import CHANNELS, Message, Sent, dingtalk_sign, feishu_sign, verify_webhook

MESSAGE = Message(key="yuqing-notification-7", subject="【舆情预警】[一般] 房屋漏水（案件 7）",
                  text="舆情监测转办单\n编号：7", html="<html><body><h2>舆情监测转办单</h2></body></html>",
                  payload={"case_id": 7, "receipt_url": "http://console.test/receipts/t"})
SETTINGS = router_settings(StoreSettings(url="sqlite:///unused.db"))


@pytest.fixture
def client() -> httpx.Client:
    with httpx.Client() as c:
        yield c


def test_registry_is_explicit() -> None:
    assert set(CHANNELS) == {"webhook", "wecom", "dingtalk", "feishu", "email", "sms"}


def test_signed_webhook(receiver: Receiver, client: httpx.Client) -> None:
    result = CHANNELS["webhook"].send({"kind": "webhook", "url": receiver.url + "/h", "secret": "hook"},
                                      MESSAGE, SETTINGS, client)
    assert isinstance(result, Sent)
    (request,) = receiver.requests
    assert request.json()["subject"] == MESSAGE.subject  # UTF-8, not \\u escapes
    assert "舆情".encode() in request.body
    assert request.headers["X-Yuqing-Notification"] == MESSAGE.key
    assert verify_webhook("hook-secret", request.headers["X-Yuqing-Timestamp"], request.body,
                          request.headers["X-Yuqing-Signature"])
    assert not verify_webhook("wrong", request.headers["X-Yuqing-Timestamp"], request.body,
                              request.headers["X-Yuqing-Signature"])


def test_missing_secret_is_not_retried(receiver: Receiver, client: httpx.Client) -> None:
    result = CHANNELS["webhook"].send({"kind": "webhook", "url": receiver.url, "secret": "nope"}, MESSAGE,
                                      SETTINGS, client)
    assert isinstance(result, Failure) and not result.retry and "nope" in result.reason


def test_http_failures_say_whether_to_retry(receiver: Receiver, client: httpx.Client) -> None:
    target = {"kind": "webhook", "url": receiver.url}
    receiver.script = [("status", 500), ("status", 400), ("status", 429), ("hang",)]
    # The 4th send meets a receiver that hangs until the test is over, with a short timeout of its
    # own: it times out however slow the host (a 2 s sleep against a 1 s timeout could be read as
    # answered by a client scheduled late). The others keep the helpers' 10 s, which no prompt
    # answer misses on a loaded host.
    short = hurried(SETTINGS)
    results = [CHANNELS["webhook"].send(target, MESSAGE, short if n == 3 else SETTINGS, client) for n in range(5)]
    assert [type(r).__name__ for r in results] == ["Failure", "Failure", "Failure", "Failure", "Sent"]
    assert [r.retry for r in results[:4]] == [True, False, True, True]  # type: ignore[union-attr]
    assert "超时" in results[3].reason  # type: ignore[union-attr]
    unreachable = CHANNELS["webhook"].send({"kind": "webhook", "url": "http://127.0.0.1:1/x"}, MESSAGE, SETTINGS,
                                           client)
    assert isinstance(unreachable, Failure) and unreachable.retry


def test_dingtalk_signature_and_errcodes(receiver: Receiver, client: httpx.Client) -> None:
    target = {"kind": "dingtalk", "url": receiver.url + "/robot/send?access_token=abc", "secret": "ding"}
    result = CHANNELS["dingtalk"].send(target, MESSAGE, SETTINGS, client)
    assert isinstance(result, Sent)
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(receiver.requests[0].path).query)
    assert query["access_token"] == ["abc"]
    timestamp = int(query["timestamp"][0])
    assert urllib.parse.quote_plus(query["sign"][0]) == dingtalk_sign("ding-secret", timestamp)
    assert receiver.requests[0].json()["msgtype"] == "markdown"
    receiver.script = [("json", {"errcode": 130101, "errmsg": "send too fast"}),
                       ("json", {"errcode": 310000, "errmsg": "sign not match"}), ("garbage",)]
    busy, refused, garbage = (CHANNELS["dingtalk"].send(target, MESSAGE, SETTINGS, client) for _ in range(3))
    assert isinstance(busy, Failure) and busy.retry
    assert isinstance(refused, Failure) and not refused.retry and "310000" in refused.reason
    assert isinstance(garbage, Failure) and garbage.retry


def test_feishu_signature(receiver: Receiver, client: httpx.Client) -> None:
    target = {"kind": "feishu", "url": receiver.url + "/hook", "secret": "fei"}
    assert isinstance(CHANNELS["feishu"].send(target, MESSAGE, SETTINGS, client), Sent)
    body = receiver.requests[0].json()
    assert body["sign"] == feishu_sign("fei-secret", int(body["timestamp"]))
    assert body["content"]["text"].startswith(MESSAGE.subject)
    receiver.script = [("json", {"code": 19021, "msg": "sign match fail"})]
    result = CHANNELS["feishu"].send(target, MESSAGE, SETTINGS, client)
    assert isinstance(result, Failure) and not result.retry


def test_wecom_markdown_and_rate_limit_code(receiver: Receiver, client: httpx.Client) -> None:
    target = {"kind": "wecom", "url": receiver.url + "/cgi-bin/webhook/send?key=k"}
    assert isinstance(CHANNELS["wecom"].send(target, MESSAGE, SETTINGS, client), Sent)
    assert MESSAGE.subject in receiver.requests[0].json()["markdown"]["content"]
    receiver.script = [("json", {"errcode": 45009, "errmsg": "api freq out of limit"})]
    result = CHANNELS["wecom"].send(target, MESSAGE, SETTINGS, client)
    assert isinstance(result, Failure) and result.retry


def test_email_transfer_form_html_and_text(smtp: Smtp, client: httpx.Client) -> None:
    settings = router_settings(StoreSettings(url="sqlite:///unused.db"), smtp_host=smtp.host, smtp_port=smtp.port)
    result = CHANNELS["email"].send({"kind": "email", "to": ["desk@example.org"]}, MESSAGE, settings, client)
    assert isinstance(result, Sent)
    (envelope,) = smtp.handler.messages
    assert envelope.rcpt_tos == ["desk@example.org"]
    mail = email.message_from_bytes(envelope.content, policy=email_policy.default)
    assert mail["Subject"] == MESSAGE.subject
    assert mail["X-Yuqing-Notification"] == MESSAGE.key
    assert mail.get_body(("plain",)).get_content().replace("\r\n", "\n").strip() == MESSAGE.text
    assert "舆情监测转办单" in mail.get_body(("html",)).get_content()
    no_one = CHANNELS["email"].send({"kind": "email", "to": []}, MESSAGE, settings, client)
    assert isinstance(no_one, Failure) and not no_one.retry


def test_email_server_down_is_retried(client: httpx.Client) -> None:
    settings = router_settings(StoreSettings(url="sqlite:///unused.db"), smtp_host="127.0.0.1", smtp_port=1)
    result = CHANNELS["email"].send({"kind": "email", "to": ["a@example.org"]}, MESSAGE, settings, client)
    assert isinstance(result, Failure) and result.retry


def test_sms_gateway(receiver: Receiver, client: httpx.Client) -> None:
    settings = router_settings(StoreSettings(url="sqlite:///unused.db"), sms_gateway_url=receiver.url + "/sms",
                               sms_gateway_token="tok")
    assert isinstance(CHANNELS["sms"].send({"kind": "sms", "to": ["13800000001"]}, MESSAGE, settings, client), Sent)
    request = receiver.requests[0]
    assert request.json()["phones"] == ["13800000001"]
    assert "http://console.test/receipts/t" in request.json()["text"]
    assert request.headers["Authorization"] == "Bearer tok"
    unset = CHANNELS["sms"].send({"kind": "sms", "to": ["1"]}, MESSAGE, SETTINGS, client)
    assert isinstance(unset, Failure) and not unset.retry
