"""Items the store refuses are dead letters, never a retry for ever; the rest of the batch is stored.

Runs on SQLite and PostgreSQL: the limits are the contract's, so both stores see the same items.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest
from router_helpers import scored, write_profile
from sqlalchemy import func, select, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from core.contracts import ScoredItem, encode
from core.settings import StoreSettings
from core.stage import Record, RetryLater
from router.service import PolicyHolder, RouterProcessor
from router.settings import RouterSettings
from store.db import make_engine, sessions
from store.tables import CaseRow, ItemRow


def _record(offset: int, value: bytes, key: bytes = b"k") -> Record:
    return Record("items.scored", 0, offset, key, value)


def _bad_json(item_id: str, **changes: str) -> bytes:
    """A scored item's JSON with raw field replacements the contract must refuse."""
    data = encode(scored(item_id)).decode()
    for pattern, replacement in changes.items():
        data = re.sub(pattern, replacement, data, count=1)
    return data.encode()


POISON = {
    "views out of range": {r'"views":1200': '"views":99999999999999999999999'},
    "negative replies": {r'"replies":35': '"replies":-1'},
    "NUL in the id": {r'"id":"(poison-[^"]*)"': r'"id":"\1\\u0000x"'},
    "NUL in the text": {r'"text":"': r'"text":"a\\u0000'},
    "lone surrogate in the title": {r'"title":"': r'"title":"\\ud800'},
    "id longer than 64": {r'"id":"(poison-[^"]*)"': '"id":"' + "a" * 65 + '"'},
    "id with a space": {r'"id":"(poison-[^"]*)"': '"id":"a b"'},
    "text of 200 000 characters": {r'"text":"': '"text":"' + "长" * 200_000},
    "negativity NaN": {r'"negativity":0.9': '"negativity":NaN'},
    "rank out of range": {r'"rank":2': '"rank":4294967296'},
    "topic too long": {r'"topic":"住房"': '"topic":"' + "住" * 65 + '"'},
}


@pytest.fixture
def processor(store_settings: StoreSettings, tmp_path: Path) -> RouterProcessor:
    folder = write_profile(tmp_path / "profile", "http://127.0.0.1:9")
    settings = RouterSettings(store=store_settings, profile=str(folder), incidents=False,
                              receipt_secret="test-receipt-secret", webhook_secrets={"hook": "s"})
    return RouterProcessor(settings, PolicyHolder(str(folder)))


def _stored(store: StoreSettings) -> set[str]:
    with sessions(make_engine(store))() as session:
        return set(session.scalars(select(ItemRow.id)))


def test_every_poison_message_is_rejected_and_the_good_ones_stored(processor: RouterProcessor,
                                                                   store_settings: StoreSettings) -> None:
    records = [_record(0, encode(scored("good-0")))]
    for n, changes in enumerate(POISON.values(), start=1):
        records.append(_record(n, _bad_json(f"poison-{n}", **changes)))
    records.append(_record(len(records), encode(scored("good-1"))))
    result = processor.process(records)
    assert len(result.rejected) == len(POISON)
    assert all(r.error for r in result.rejected)
    assert _stored(store_settings) == {"good-0", "good-1"}


def test_a_data_error_of_the_store_is_a_dead_letter_and_the_batch_goes_on(
        store_settings: StoreSettings, tmp_path: Path) -> None:
    """The net below the contract: whatever the store calls bad data is isolated to its item."""
    folder = write_profile(tmp_path / "profile", "http://127.0.0.1:9")
    settings = RouterSettings(store=store_settings, profile=str(folder), incidents=False,
                              receipt_secret="test-receipt-secret", webhook_secrets={"hook": "s"})

    def refuse(session: Session, item: ScoredItem, case: CaseRow | None, outcome: str, now: datetime) -> None:
        if item.item.id.startswith("refused"):
            if store_settings.url.startswith("postgresql"):
                session.execute(text("SELECT CAST('99999999999999999999' AS INTEGER)"))  # a real DataError
            else:
                session.execute(text("INSERT INTO items (id) VALUES (NULL)"))  # a real IntegrityError

    processor = RouterProcessor(settings, PolicyHolder(str(folder)), on_routed=[refuse])
    records = [_record(n, encode(scored(name))) for n, name in enumerate(["ok-a", "refused-b", "ok-c"])]
    result = processor.process(records)
    assert [r.record.offset for r in result.rejected] == [1]
    assert "store refused" in result.rejected[0].error
    assert _stored(store_settings) == {"ok-a", "ok-c"}
    with sessions(make_engine(store_settings))() as session:
        assert session.scalar(select(func.count()).select_from(CaseRow)) == 2


def test_a_store_that_is_away_is_retried_not_dead_lettered(tmp_path: Path) -> None:
    folder = write_profile(tmp_path / "profile", "http://127.0.0.1:9")
    store = StoreSettings(url="postgresql+psycopg://nobody:x@127.0.0.1:1/none")
    settings = RouterSettings(store=store, profile=str(folder), incidents=False,
                              receipt_secret="test-receipt-secret", webhook_secrets={"hook": "s"})
    processor = RouterProcessor(settings, PolicyHolder(str(folder)))
    with pytest.raises(RetryLater) as raised:
        processor.process([_record(0, encode(scored("away-0")))])
    assert isinstance(raised.value.__cause__, OperationalError)
