"""Settings of the console: the shared tables plus the flat keys of ``[console]``."""

from __future__ import annotations

from ipaddress import ip_network
from pathlib import Path

import msgspec

from core.settings import KafkaSettings, LogSettings, StoreSettings, load
from store.install import is_known_default

TABLE = "console"


class ConsoleSettings(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    kafka: KafkaSettings = KafkaSettings()
    store: StoreSettings = StoreSettings()
    log: LogSettings = LogSettings()
    host: str = "127.0.0.1"
    port: int = 8080
    # HMAC key of the login-form CSRF tokens (at least 16 characters). None: the install's own,
    # generated once and kept in the store.
    secret_key: str | None = None
    # Secure cookies travel over HTTPS only; browsers also accept them on http://127.0.0.1 and localhost.
    cookie_secure: bool = True
    session_idle_minutes: int = 120
    session_max_hours: int = 12
    # Login throttling. Per account: after this many failures each try waits login_backoff_seconds,
    # doubling per further failure, at most the window (browsers where the account logged in before
    # are exempt). Per address, separately: this many failures in the window block the address.
    login_max_failures: int = 5
    login_window_minutes: int = 15
    login_backoff_seconds: int = 30
    login_address_max_failures: int = 20
    # Reverse proxies in front of the console (addresses or CIDR blocks): behind them the client's
    # address is read from X-Forwarded-For. Empty: the peer's address is the client's.
    trusted_proxies: tuple[str, ...] = ()
    # The policy profile (departments, grades): the same one the router uses.
    profile: str = "city-gov"
    # The classifier's model registry; empty: the models page shows the shipped model only.
    models_dir: str = "var/models"
    # The office's keyword scheme (关键词方案, the file [classifier] keywords names), shown to analysts.
    keywords: str = ""
    # Live updates: how often the console looks for changed cases (seconds; pushed to the pages as
    # server-sent events), and how often a page polls instead when it cannot hold a stream open.
    live_poll_seconds: float = 1.0
    refresh_seconds: int = 15
    search_max_chars: int = 100
    page_size: int = 50

    def __post_init__(self) -> None:
        if not 0 < self.port < 65536:
            raise ValueError("port must be within 1..65535")
        if self.secret_key is not None:
            if is_known_default(self.secret_key):
                raise ValueError("secret_key is a known default: set a random one, or leave it out to use the "
                                 "install's own")
            if len(self.secret_key) < 16:
                raise ValueError("secret_key must have at least 16 characters")
        if self.session_idle_minutes < 1 or self.session_max_hours < 1:
            raise ValueError("session_idle_minutes and session_max_hours must be >= 1")
        if self.login_max_failures < 1 or self.login_window_minutes < 1 or self.login_backoff_seconds < 1:
            raise ValueError("login_max_failures, login_window_minutes and login_backoff_seconds must be >= 1")
        if self.login_address_max_failures < self.login_max_failures:
            raise ValueError("login_address_max_failures must be >= login_max_failures (one account's "
                             "failures must not block the address for every other account)")
        for proxy in self.trusted_proxies:
            try:
                ip_network(proxy, strict=False)
            except ValueError as exc:
                raise ValueError(f"trusted_proxies: {proxy!r} is not an address or CIDR block") from exc
        if not 0.1 <= self.live_poll_seconds <= 60:
            raise ValueError("live_poll_seconds must be within 0.1..60")
        if self.refresh_seconds < 1 or not 1 <= self.search_max_chars <= 1000 or not 1 <= self.page_size <= 500:
            raise ValueError("refresh_seconds >= 1, search_max_chars within 1..1000, page_size within 1..500")


def load_settings(path: Path | None = None) -> ConsoleSettings:
    return load(ConsoleSettings, TABLE, path)
