"""A real HTTP server on 127.0.0.1 for the collectors' tests, and helpers to poll one source."""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from recorded_http import Server

from collectors import sources
from collectors.fetch import Fetcher
from collectors.health import PollOutcome
from collectors.publish import DryRunPublisher
from collectors.service import Collector
from collectors.settings import CollectorSettings
from collectors.state import CollectorStore
from core.settings import StoreSettings


@pytest.fixture
def http_server() -> Iterator[Server]:
    server = Server().start()
    try:
        yield server
    finally:
        server.close()


@pytest.fixture
def fixtures(shared_dir: Path) -> Path:
    return shared_dir / "fixtures"


def fast_settings(store: StoreSettings | None = None, **overrides: Any) -> CollectorSettings:
    # Timeouts are bounds for failure against a server on 127.0.0.1 in this very process: on a slow,
    # loaded host its answer (a feed of a megabyte, say) can take longer than 1 s. A test of a
    # timeout sets its own short one.
    values: dict[str, Any] = dict(retries=1, backoff_base_s=0.01, backoff_max_s=0.05, per_host_delay_s=0.0,
                                  connect_timeout_s=10.0, read_timeout_s=10.0, poll_timeout_s=60.0,
                                  max_retry_after_s=2.0)
    values.update(overrides)
    if store is not None:
        values["store"] = store
    return CollectorSettings(**values)


def load_source(entry: dict[str, Any]) -> sources.LoadedSource:
    base = {"id": "t-src", "name": "测试信源", "interval_s": 60}
    base.update(entry)
    return sources.parse({"sources": [base]})[0]


@dataclass
class Polled:
    outcome: PollOutcome
    publisher: DryRunPublisher
    store: CollectorStore


def poll_once(settings: CollectorSettings, source: sources.LoadedSource,
              store: CollectorStore | None = None, publisher: DryRunPublisher | None = None) -> Polled:
    store = store or CollectorStore(settings.store)
    publisher = publisher or DryRunPublisher()

    async def go() -> PollOutcome:
        fetcher = Fetcher(settings)
        try:
            return await Collector(settings, store, publisher, fetcher).poll(source)
        finally:
            await fetcher.close()

    return Polled(asyncio.run(go()), publisher, store)


def weibo_responses(fixtures: Path) -> dict[str, Any]:
    """The JSON objects of the recorded m.weibo.cn session (a .js file of ``let name = {...}``)."""
    src = (fixtures / "weibo_json" / "gottaegbert_weiboAPI_response.js").read_text(encoding="utf-8")
    found = {m.group(1): json.loads(m.group(2))
             for m in re.finditer(r"^let (\w+) = (\{.*?^\});?\s*$", src, re.M | re.S)}
    assert found, "no JSON objects found in the weibo fixture"
    return found


# Helpers as fixtures: test modules here are not a package, so they cannot import this file.
@pytest.fixture
def settings_for() -> Callable[..., CollectorSettings]:
    return fast_settings


@pytest.fixture
def source_of() -> Callable[[dict[str, Any]], sources.LoadedSource]:
    return load_source


@pytest.fixture
def collect() -> Callable[..., Polled]:
    return poll_once


@pytest.fixture
def weibo(fixtures: Path) -> dict[str, Any]:
    return weibo_responses(fixtures)
