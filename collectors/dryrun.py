"""One poll of one source with nothing written and nothing published (``sources check --poll``)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import msgspec

from collectors import health
from collectors.fetch import Fetcher
from collectors.publish import DryRunPublisher
from collectors.service import Collector
from collectors.settings import CollectorSettings
from collectors.sources import LoadedSource
from collectors.state import CollectorStore
from core.contracts import RawItem
from core.settings import StoreSettings
from store.db import migrate


async def dry_poll(settings: CollectorSettings, source: LoadedSource) -> tuple[list[RawItem], health.PollOutcome]:
    # A throw-away store: the real seen-set and cursor stay untouched, so every item shows.
    with tempfile.TemporaryDirectory(prefix="yuqing-dry-") as tmp:
        store_settings = StoreSettings(url=f"sqlite:///{Path(tmp) / 'dry.db'}")
        migrate(store_settings)
        settings = msgspec.structs.replace(settings, store=store_settings)
        store = CollectorStore(store_settings)
        publisher = DryRunPublisher()
        fetcher = Fetcher(settings)
        try:
            outcome = await Collector(settings, store, publisher, fetcher).poll(source)
        finally:
            await fetcher.close()
            store.close()
        return publisher.items, outcome
