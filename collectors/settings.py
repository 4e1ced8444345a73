"""Settings of the collector service: the shared tables plus the flat keys of ``[collectors]``."""

from __future__ import annotations

import msgspec

from core.settings import KafkaSettings, LogSettings, StoreSettings

DEFAULT_USER_AGENT = "YuqingCollector/0.1 (+https://example.invalid/yuqing; public-opinion monitoring)"


class CollectorSettings(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    kafka: KafkaSettings = KafkaSettings()
    store: StoreSettings = StoreSettings()
    log: LogSettings = LogSettings()
    # The source registry (YAML); relative paths are taken from the working directory.
    sources: str = "sources.yaml"
    user_agent: str = DEFAULT_USER_AGENT
    proxy: str | None = None
    # How many requests run at once in all, and per host (politeness).
    concurrency: int = 64
    per_host_concurrency: int = 2
    # Pause between two requests to the same host.
    per_host_delay_s: float = 0.5
    connect_timeout_s: float = 10.0
    read_timeout_s: float = 20.0
    # A whole poll of one source may not take longer than this.
    poll_timeout_s: float = 300.0
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    retries: int = 3
    backoff_base_s: float = 0.5
    backoff_max_s: float = 60.0
    # Longest Retry-After honoured inside one poll; a longer one ends the poll and is kept for the next.
    max_retry_after_s: float = 120.0
    respect_robots: bool = True
    # Scheduling jitter as a fraction of each source's interval.
    jitter: float = 0.1
    # Articles fetched per poll of a list page, at most (news and forum kinds).
    max_articles_per_poll: int = 50
    # Health alerts on ops.alerts.
    alert_after_failures: int = 3
    quiet_factor: float = 4.0
    min_quiet_s: float = 3600.0
    publish_timeout_s: float = 30.0
    # Items published in one broker round trip.
    publish_batch: int = 100
    # Several instances divide the sources by host, each holding a lease it renews every third of
    # this; a dead instance's hosts go to the others when its leases run out. Keep it well below the
    # shortest interval_s, so that a dead instance's sources are taken over within one poll interval.
    lease_ttl_s: float = 30.0

    def __post_init__(self) -> None:
        positive = ("concurrency", "per_host_concurrency", "max_bytes", "publish_batch",
                    "max_articles_per_poll", "alert_after_failures")
        for name in positive:
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1")
        for name in ("connect_timeout_s", "read_timeout_s", "poll_timeout_s", "publish_timeout_s", "lease_ttl_s"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be > 0")
        if self.per_host_delay_s < 0 or self.backoff_base_s < 0 or self.retries < 0 or self.max_redirects < 0:
            raise ValueError("delays, retries and max_redirects must be >= 0")
        if not 0 <= self.jitter < 1:
            raise ValueError("jitter must be within [0, 1)")
        if self.proxy is not None and not self.proxy.startswith(("http://", "https://", "socks5://")):
            raise ValueError("proxy must be an http://, https:// or socks5:// URL")
        if not self.user_agent.strip() or not self.user_agent.isascii():
            raise ValueError("user_agent must be non-empty ASCII (HTTP headers are ASCII)")
