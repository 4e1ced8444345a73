"""Settings of the router: the shared tables plus the flat keys of ``[router]``."""

from __future__ import annotations

import msgspec

from core.settings import KafkaSettings, LogSettings, StoreSettings
from router.masking import MASKS
from store.install import is_known_default

# Once the shipped default: links signed with it can be forged, so it is refused.
DEFAULT_RECEIPT_SECRET = "change-me"
DEFAULT_RATES = {"webhook": 600, "wecom": 20, "dingtalk": 20, "feishu": 100, "email": 120, "sms": 60}


class RouterSettings(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    kafka: KafkaSettings = KafkaSettings()
    store: StoreSettings = StoreSettings()
    log: LogSettings = LogSettings()
    # The policy profile: a shipped name (policies.SHIPPED) or an office's own folder.
    profile: str = "city-gov"
    # Seconds between checks of the profile file; a changed file is reloaded, a bad one ignored.
    reload_interval_s: float = 10.0
    # E-mail (舆情监测转办单 as HTML and plain text).
    smtp_host: str = "127.0.0.1"
    smtp_port: int = 25
    smtp_user: str | None = None
    smtp_password: str | None = None
    smtp_from: str = "yuqing@localhost"
    smtp_starttls: bool = False
    smtp_ssl: bool = False
    # SMS through an HTTP gateway: POST JSON {"phones": [...], "text": "..."}.
    sms_gateway_url: str | None = None
    sms_gateway_token: str | None = None
    # Secrets of signed channels (generic webhook HMAC, 钉钉/飞书 signatures), by the name the
    # profile's channel refers to in its ``secret`` key; a profile never holds a secret itself.
    webhook_secrets: dict[str, str] = msgspec.field(default_factory=dict)
    # Receipt links (签收): HMAC key, console base URL, validity. No key: the install's own, generated
    # once and kept in the store (router.receipts.receipt_key).
    receipt_secret: str | None = None
    console_base_url: str = "http://127.0.0.1:8080"
    receipt_ttl_hours: float = 24.0 * 14
    # Delivery: HTTP timeout (connect, each read), retries with exponential backoff and jitter
    # over ``delivery_retry_for_s`` (a receiver down for hours still gets every message), lease
    # of a claimed row.
    delivery_timeout_s: float = 10.0
    # The deadline of one whole send (connect, request, answer): a receiver trickling a byte per
    # read timeout is cut off here. None: 1.5 x delivery_timeout_s (within the lease).
    delivery_deadline_s: float | None = None
    delivery_max_attempts: int = 40
    delivery_retry_for_s: float = 6 * 3600.0
    delivery_backoff_s: float = 5.0
    delivery_backoff_max_s: float = 1800.0
    # Sends in flight at once to one receiver (URL, SMTP server, gateway): the bulkhead that keeps
    # one slow or broken receiver from taking every delivery thread.
    delivery_per_receiver: int = 1
    delivery_lease_s: float = 60.0
    delivery_poll_s: float = 1.0
    delivery_batch: int = 50
    # Delivery threads: a slow robot or SMTP server must not hold up every other message.
    delivery_workers: int = 4
    # Messages per minute per channel (robots limit senders: 钉钉 20/min, 企业微信 20/min).
    rate_per_minute: dict[str, int] = msgspec.field(default_factory=lambda: dict(DEFAULT_RATES))
    # Personal numbers masked in everything sent outside the console (router.masking.MASKS:
    # phone, id_card, bank_card); an empty list sends them as they are.
    mask_pii: list[str] = msgspec.field(default_factory=lambda: list(MASKS))
    # Operations alerts (ops.alerts: sources failing or quiet, stages restarting) sent to the desk.
    ops_alerts: bool = True
    # Seconds between clock ticks (reminders, breaches, escalation).
    tick_s: float = 15.0
    # Group items into incidents (reposts and follow-ups of one story) and re-grade their cases.
    incidents: bool = True
    # Hold back the alerts of an item that joined an existing incident: one alert per story,
    # plus its re-grades. The item's case and its audit line are kept all the same.
    incidents_fold_joined: bool = True
    # Seconds between sweeps of the incident index (ageing out, 平息 proposals).
    incidents_sweep_s: float = 300.0

    @property
    def send_deadline_s(self) -> float:
        if self.delivery_deadline_s is not None:
            return self.delivery_deadline_s
        return min(1.5 * self.delivery_timeout_s, (self.delivery_timeout_s + self.delivery_lease_s) / 2)

    def __post_init__(self) -> None:
        if self.receipt_secret is not None and (is_known_default(self.receipt_secret) or not self.receipt_secret):
            raise ValueError("receipt_secret is a known default (anyone could sign receipts with it): "
                             "set a random one, or leave it out to use the install's own")
        unknown = sorted(set(self.mask_pii) - set(MASKS))
        if unknown:
            raise ValueError(f"mask_pii: unknown kind {unknown[0]!r}; known: {', '.join(MASKS)}")
        if self.delivery_deadline_s is not None and self.delivery_deadline_s <= 0:
            raise ValueError("delivery_deadline_s must be > 0")
        if self.delivery_workers < 1:
            raise ValueError("delivery_workers must be >= 1")
        if self.delivery_max_attempts < 1:
            raise ValueError("delivery_max_attempts must be >= 1")
        if self.delivery_timeout_s <= 0 or self.delivery_backoff_s <= 0 or self.delivery_lease_s <= 0:
            raise ValueError("delivery_timeout_s, delivery_backoff_s and delivery_lease_s must be > 0")
        if self.delivery_lease_s <= self.send_deadline_s:
            raise ValueError("delivery_lease_s must exceed the send deadline (delivery_deadline_s, default "
                             "1.5 x delivery_timeout_s), or a slow send is taken twice")
        if self.delivery_retry_for_s <= 0 or self.delivery_per_receiver < 1:
            raise ValueError("delivery_retry_for_s must be > 0 and delivery_per_receiver >= 1")
        if self.tick_s <= 0 or self.delivery_poll_s <= 0:
            raise ValueError("tick_s and delivery_poll_s must be > 0")
