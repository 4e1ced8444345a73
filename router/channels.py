"""Channels: one explicit registry of plugins that deliver a rendered message.

Each plugin's ``send`` returns a :class:`Sent` or a :class:`core.errors.Failure` that says
whether a retry makes sense (timeouts, 5xx, 429 and garbage answers: yes; a refused address or a
bad signature: no). Secrets come from the settings by the name the profile gives, never from the
profile itself. Every message carries the notification's idempotency key so a receiver can
drop the rare duplicate of a crash between sending and recording.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import json
import smtplib
import socket
import ssl
import threading
import time
import urllib.parse
from dataclasses import dataclass, replace
from email.message import EmailMessage
from email.utils import make_msgid
from functools import lru_cache
from typing import Any, Protocol

import httpx

from core.errors import Failure
from router.masking import Masker
from router.settings import RouterSettings


@dataclass(frozen=True, slots=True)
class Message:
    """A notification ready to send: the 转办单 as text and HTML, plus structured fields."""

    key: str  # ASCII idempotency key of the outbox row (router.delivery.idempotency_key)
    subject: str
    text: str
    html: str
    payload: dict[str, Any]


@lru_cache(maxsize=8)
def _masker(kinds: tuple[str, ...]) -> Masker:
    return Masker(kinds)


def outbound(message: Message, settings: RouterSettings) -> Message:
    """The message as it may leave the console: personal numbers masked (``[router] mask_pii``)."""
    masker = _masker(tuple(sorted(settings.mask_pii)))
    if not masker.rules:
        return message
    return replace(message, subject=masker.text(message.subject), text=masker.text(message.text),
                   html=masker.text(message.html), payload=masker.value(message.payload))


@dataclass(frozen=True, slots=True)
class Sent:
    detail: str = ""


Result = Sent | Failure


class Channel(Protocol):
    kind: str
    required: tuple[str, ...]
    optional: tuple[str, ...]

    def send(self, target: dict[str, Any], message: Message, settings: RouterSettings,
             client: httpx.Client) -> Result: ...


def _secret(target: dict[str, Any], settings: RouterSettings) -> str | Failure | None:
    name = target.get("secret")
    if name is None:
        return None
    value = settings.webhook_secrets.get(str(name))
    if value is None:
        return Failure(f"密钥 {name!r} 未在 [router].webhook_secrets 中配置", retry=False)
    return value


class Watchdog:
    """The deadline of one send: when it passes, the sockets of the send are shut down.

    A per-read timeout does not bound a receiver that trickles a byte just inside it; shutting
    the socket makes the blocked read return at once, whatever the library in the middle.
    """

    def __init__(self, seconds: float) -> None:
        self._timer = threading.Timer(seconds, self._fire)
        self._timer.daemon = True
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self.fired = False

    def __enter__(self) -> Watchdog:
        self._timer.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._timer.cancel()

    def watch(self, sock: socket.socket | None) -> None:
        if sock is None:
            return
        with self._lock:
            self._sockets.append(sock)
            fired = self.fired
        if fired:
            _shut(sock)

    def _fire(self) -> None:
        with self._lock:
            self.fired = True
            sockets = list(self._sockets)
        for sock in sockets:
            _shut(sock)


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


def _post(client: httpx.Client, url: str, *, body: bytes, headers: dict[str, str],
          timeout: float, deadline: float | None = None) -> httpx.Response | Failure:
    """POST within ``deadline`` seconds in all. A failure after the whole request went out is
    ``maybe_delivered``: the receiver may have taken it, only its answer is missing."""
    sent = threading.Event()

    with Watchdog(deadline if deadline is not None else timeout * 1.5) as watchdog:
        def trace(event: str, info: dict[str, Any]) -> None:
            if event in ("connection.connect_tcp.complete", "connection.start_tls.complete"):
                stream = info.get("return_value")
                watchdog.watch(stream.get_extra_info("socket") if stream is not None else None)
            elif event == "http11.send_request_body.complete":
                sent.set()

        try:
            # A fresh connection per send, so its socket is known to the watchdog.
            return client.post(url, content=body, timeout=timeout, extensions={"trace": trace},
                               headers={"Content-Type": "application/json; charset=utf-8", "Connection": "close",
                                        **headers})
        except httpx.HTTPError as exc:
            what = "发送超时" if watchdog.fired else (
                "超时" if isinstance(exc, httpx.TimeoutException) else "连接失败")
            if sent.is_set():
                return Failure(f"{what}（请求已发出，未得到应答）: {type(exc).__name__}", retry=True,
                               maybe_delivered=True)
            return Failure(f"{what}: {type(exc).__name__}: {exc}", retry=True)


def _status_failure(response: httpx.Response) -> Failure | None:
    if response.status_code < 300:
        return None
    retry = response.status_code >= 500 or response.status_code in (408, 425, 429)
    after = response.headers.get("Retry-After")
    retry_after = float(after) if after and after.isdigit() else None
    return Failure(f"HTTP {response.status_code}: {response.text[:200]}", retry=retry, retry_after=retry_after)


def _json_answer(response: httpx.Response) -> dict[str, Any] | Failure:
    try:
        answer = response.json()
    except ValueError:
        return Failure(f"应答不是 JSON: {response.text[:200]!r}", retry=True)
    if not isinstance(answer, dict):
        return Failure(f"应答格式不对: {response.text[:200]!r}", retry=True)
    return answer


def _dumps(doc: dict[str, Any]) -> bytes:
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class Webhook:
    """A generic JSON webhook signed with HMAC-SHA256 over ``timestamp.body``."""

    kind = "webhook"
    required = ("url",)
    optional = ("secret",)

    def send(self, target: dict[str, Any], message: Message, settings: RouterSettings,
             client: httpx.Client) -> Result:
        secret = _secret(target, settings)
        if isinstance(secret, Failure):
            return secret
        body = _dumps({"id": message.key, "subject": message.subject, "text": message.text, **message.payload})
        headers = {"X-Yuqing-Notification": message.key}
        if secret:
            timestamp = str(int(time.time()))
            digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
            headers.update({"X-Yuqing-Timestamp": timestamp, "X-Yuqing-Signature": f"sha256={digest}"})
        response = _post(client, str(target["url"]), body=body, headers=headers, timeout=settings.delivery_timeout_s,
                         deadline=settings.send_deadline_s)
        if isinstance(response, Failure):
            return response
        return _status_failure(response) or Sent(f"HTTP {response.status_code}")


def verify_webhook(secret: str, timestamp: str, body: bytes, signature: str) -> bool:
    """For receivers (and tests): check a generic webhook's signature."""
    expected = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(f"sha256={expected}", signature)


def _robot_errcode(answer: dict[str, Any], code_key: str, retry_codes: frozenset[int]) -> Result:
    code = answer.get(code_key)
    if code is None and code_key == "code":
        code = answer.get("StatusCode")
    if not isinstance(code, int):
        return Failure(f"应答缺少 {code_key}: {answer!r:.200}", retry=True)
    if code == 0:
        return Sent(f"{code_key}=0")
    message = answer.get("errmsg") or answer.get("msg") or answer.get("StatusMessage") or ""
    return Failure(f"{code_key}={code}: {message}", retry=code in retry_codes)


class WeCom:
    """企业微信 group robot: markdown to the robot's webhook URL (the key is in the URL)."""

    kind = "wecom"
    required = ("url",)
    optional = ("mentioned_mobile_list",)
    # -1 system busy, 45009 frequency limit.
    retry_codes = frozenset({-1, 45009})

    def send(self, target: dict[str, Any], message: Message, settings: RouterSettings,
             client: httpx.Client) -> Result:
        body = _dumps({"msgtype": "markdown", "markdown": {"content": f"**{message.subject}**\n{message.text}"}})
        return _post_to_robot(client, str(target["url"]), body, settings, "errcode", self.retry_codes)


def _post_to_robot(client: httpx.Client, url: str, body: bytes, settings: RouterSettings, code_key: str,
                   retry_codes: frozenset[int]) -> Result:
    """POST to a chat robot; its HTTP status and then the error code in its JSON answer decide."""
    response = _post(client, url, body=body, headers={}, timeout=settings.delivery_timeout_s,
                     deadline=settings.send_deadline_s)
    if isinstance(response, Failure):
        return response
    failure = _status_failure(response)
    if failure:
        return failure
    answer = _json_answer(response)
    return answer if isinstance(answer, Failure) else _robot_errcode(answer, code_key, retry_codes)


def dingtalk_sign(secret: str, timestamp_ms: int) -> str:
    """钉钉 robot signature: base64(HMAC-SHA256(secret, "timestamp\\nsecret")), URL-encoded."""
    to_sign = f"{timestamp_ms}\n{secret}".encode()
    digest = hmac.new(secret.encode(), to_sign, hashlib.sha256).digest()
    return urllib.parse.quote_plus(base64.b64encode(digest).decode())


class DingTalk:
    """钉钉 robot: markdown, signed with ``timestamp`` and ``sign`` query parameters."""

    kind = "dingtalk"
    required = ("url",)
    optional = ("secret", "at_mobiles")
    # -1 system busy, 130101 sending too fast.
    retry_codes = frozenset({-1, 130101})

    def send(self, target: dict[str, Any], message: Message, settings: RouterSettings,
             client: httpx.Client) -> Result:
        secret = _secret(target, settings)
        if isinstance(secret, Failure):
            return secret
        url = str(target["url"])
        if secret:
            timestamp = int(time.time() * 1000)
            url += ("&" if "?" in url else "?") + f"timestamp={timestamp}&sign={dingtalk_sign(secret, timestamp)}"
        body = _dumps({"msgtype": "markdown", "markdown": {"title": message.subject, "text": message.text},
                       "at": {"atMobiles": list(target.get("at_mobiles") or [])}})
        return _post_to_robot(client, url, body, settings, "errcode", self.retry_codes)


def feishu_sign(secret: str, timestamp_s: int) -> str:
    """飞书 bot signature: base64(HMAC-SHA256(key="timestamp\\nsecret", msg=empty))."""
    key = f"{timestamp_s}\n{secret}".encode()
    return base64.b64encode(hmac.new(key, b"", hashlib.sha256).digest()).decode()


class Feishu:
    """飞书 custom bot: text message, signed in the body."""

    kind = "feishu"
    required = ("url",)
    optional = ("secret",)
    # 9499 and 11232: frequency limited.
    retry_codes = frozenset({9499, 11232})

    def send(self, target: dict[str, Any], message: Message, settings: RouterSettings,
             client: httpx.Client) -> Result:
        secret = _secret(target, settings)
        if isinstance(secret, Failure):
            return secret
        doc: dict[str, Any] = {"msg_type": "text", "content": {"text": f"{message.subject}\n{message.text}"}}
        if secret:
            timestamp = int(time.time())
            doc.update({"timestamp": str(timestamp), "sign": feishu_sign(secret, timestamp)})
        return _post_to_robot(client, str(target["url"]), _dumps(doc), settings, "code", self.retry_codes)


class Email:
    """E-mail through SMTP: the 舆情监测转办单 as plain text and HTML."""

    kind = "email"
    required = ()
    optional = ("to",)

    def send(self, target: dict[str, Any], message: Message, settings: RouterSettings,
             client: httpx.Client) -> Result:
        recipients = [str(r) for r in target.get("to") or []]
        if not recipients:
            return Failure("没有收件人（渠道 to 与部门人员邮箱均为空）", retry=False)
        mail = EmailMessage()
        mail["Subject"] = message.subject
        mail["From"] = settings.smtp_from
        mail["To"] = ", ".join(recipients)
        mail["Message-ID"] = make_msgid(idstring=message.key)
        mail["X-Yuqing-Notification"] = message.key
        mail.set_content(message.text)
        mail.add_alternative(message.html, subtype="html")
        data_sent = threading.Event()
        with Watchdog(settings.send_deadline_s) as watchdog:
            base = smtplib.SMTP_SSL if settings.smtp_ssl else smtplib.SMTP

            class Watched(base):  # type: ignore[valid-type,misc]
                """Its socket is known to the deadline; the message counts as out once DATA begins."""

                def _get_socket(self, host: str, port: int, timeout: float) -> socket.socket:
                    sock = super()._get_socket(host, port, timeout)
                    watchdog.watch(sock)
                    return sock

                def data(self, msg: Any) -> tuple[int, bytes]:
                    data_sent.set()
                    return super().data(msg)

            try:
                kwargs: dict[str, Any] = {"context": ssl.create_default_context()} if settings.smtp_ssl else {}
                smtp: smtplib.SMTP = Watched(timeout=settings.delivery_timeout_s, **kwargs)
                with smtp:
                    smtp.connect(settings.smtp_host, settings.smtp_port)
                    if settings.smtp_starttls:
                        smtp.starttls(context=ssl.create_default_context())
                    if settings.smtp_user:
                        smtp.login(settings.smtp_user, settings.smtp_password or "")
                    refused = smtp.send_message(mail)
            except smtplib.SMTPRecipientsRefused as exc:
                return Failure(f"收件人被拒: {sorted(exc.recipients)}", retry=False)
            except smtplib.SMTPAuthenticationError as exc:
                return Failure(f"SMTP 认证失败: {exc.smtp_code}", retry=False)
            except smtplib.SMTPResponseException as exc:
                return Failure(f"SMTP {exc.smtp_code}: {exc.smtp_error!r:.200}", retry=exc.smtp_code < 500)
            except (smtplib.SMTPException, OSError) as exc:
                what = "SMTP 发送超时" if watchdog.fired else "SMTP 失败"
                if data_sent.is_set():
                    return Failure(f"{what}（邮件已发出，未得到应答）: {type(exc).__name__}", retry=True,
                                   maybe_delivered=True)
                return Failure(f"{what}: {type(exc).__name__}: {exc}", retry=True)
        if refused:
            return Sent(f"部分收件人被拒: {sorted(refused)}")
        return Sent(f"{len(recipients)} 位收件人")


class Sms:
    """SMS through a configurable HTTP gateway: POST JSON {"phones": [...], "text": "..."}."""

    kind = "sms"
    required = ()
    optional = ("to",)

    def send(self, target: dict[str, Any], message: Message, settings: RouterSettings,
             client: httpx.Client) -> Result:
        if not settings.sms_gateway_url:
            return Failure("未配置短信网关 [router].sms_gateway_url", retry=False)
        phones = [str(p) for p in target.get("to") or []]
        if not phones:
            return Failure("没有手机号（渠道 to 与值班人员电话均为空）", retry=False)
        headers = {"X-Yuqing-Notification": message.key}
        if settings.sms_gateway_token:
            headers["Authorization"] = f"Bearer {settings.sms_gateway_token}"
        text = f"{message.subject} {message.payload.get('receipt_url', '')}".strip()
        body = _dumps({"id": message.key, "phones": phones, "text": text})
        response = _post(client, settings.sms_gateway_url, body=body, headers=headers,
                         timeout=settings.delivery_timeout_s, deadline=settings.send_deadline_s)
        if isinstance(response, Failure):
            return response
        return _status_failure(response) or Sent(f"HTTP {response.status_code}")


# The explicit registry: a profile's channel ``kind`` names one of these.
CHANNELS: dict[str, Channel] = {c.kind: c for c in (Webhook(), WeCom(), DingTalk(), Feishu(), Email(), Sms())}
