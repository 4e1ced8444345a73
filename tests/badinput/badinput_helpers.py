"""Helpers of the bad-input corpus: a real HTTP server on 127.0.0.1 and one poll of one source."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

from collectors import sources
from collectors.fetch import Fetcher
from collectors.health import PollOutcome
from collectors.publish import DryRunPublisher
from collectors.service import Collector
from collectors.settings import CollectorSettings
from collectors.state import CollectorStore
from core.settings import StoreSettings


def settings(store: StoreSettings, **overrides: Any) -> CollectorSettings:
    # Timeouts are bounds for failure (no retry here): a page from 127.0.0.1 in this process can take
    # longer than 2 s to arrive on a slow, loaded host, and a timeout would replace the bad input's own failure.
    values: dict[str, Any] = dict(retries=0, backoff_base_s=0.01, backoff_max_s=0.05, per_host_delay_s=0.0,
                                  connect_timeout_s=10.0, read_timeout_s=10.0, poll_timeout_s=45.0,
                                  max_retry_after_s=0.5, store=store)
    values.update(overrides)
    return CollectorSettings(**values)


def source(entry: dict[str, Any]) -> sources.LoadedSource:
    base = {"id": "bad-src", "name": "坏输入信源", "interval_s": 60}
    base.update(entry)
    return sources.parse({"sources": [base]})[0]


@dataclass
class Polled:
    outcome: PollOutcome
    publisher: DryRunPublisher


def poll(settings: CollectorSettings, loaded: sources.LoadedSource) -> Polled:
    store = CollectorStore(settings.store)
    publisher = DryRunPublisher()

    async def go() -> PollOutcome:
        fetcher = Fetcher(settings)
        try:
            return await Collector(settings, store, publisher, fetcher).poll(loaded)
        finally:
            await fetcher.close()

    try:
        return Polled(asyncio.run(go()), publisher)
    finally:
        store.close()
