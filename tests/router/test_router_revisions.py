"""An item's revisions may reach the router out of order (items.scored is keyed by story, and an edit
may change its story): an older revision than one already routed changes nothing."""

from __future__ import annotations

import msgspec
from router_helpers import router_settings, scored
from sqlalchemy import select

from core.contracts import ScoredItem, encode
from core.settings import StoreSettings
from core.stage import Record
from policies import profile_dir
from router import policy
from router.service import SUPERSEDED, RouterProcessor
from store.db import make_engine, sessions
from store.tables import CaseRow, ItemRow, ScoredItemRow


def _revision(base: ScoredItem, revision: int, negativity: float, text: str) -> ScoredItem:
    return msgspec.structs.replace(base, negativity=negativity,
                                   item=msgspec.structs.replace(base.item, revision=revision, text=text))


def _stored(store_settings: StoreSettings, item_id: str) -> tuple[int, float, int]:
    with sessions(make_engine(store_settings))() as session:
        item = session.get(ItemRow, item_id)
        score = session.get(ScoredItemRow, item_id)
        cases = len(session.scalars(select(CaseRow).where(CaseRow.item_id == item_id)).all())
        assert item is not None and score is not None
        return item.revision, score.negativity, cases


def test_an_older_revision_after_a_newer_one_changes_nothing(store_settings: StoreSettings) -> None:
    processor = RouterProcessor(router_settings(store_settings), policy.load(profile_dir("city-gov")))
    base = scored("rev-1")
    edited = _revision(base, 1, 0.95, "业主反映房屋漏水，多次投诉无果，昨天天花板塌了一块。")
    original = _revision(base, 0, 0.6, base.item.text)
    processor.process([Record("items.scored", 3, 0, b"story-b", encode(edited))])
    processor.process([Record("items.scored", 1, 0, b"story-a", encode(original))])
    assert processor.counts.get(SUPERSEDED) == 1
    assert _stored(store_settings, "rev-1") == (1, 0.95, 1)
    # Both in one batch, the newer first: the same.
    other = scored("rev-2")
    batch = [_revision(other, 1, 0.95, "改过的正文"), _revision(other, 0, 0.6, other.item.text)]
    processor.process([Record("items.scored", n, 0, b"k", encode(s)) for n, s in enumerate(batch)])
    assert processor.counts.get(SUPERSEDED) == 2
    assert _stored(store_settings, "rev-2") == (1, 0.95, 1)
    # A replay of the newest revision is still routed (idempotently), never taken as superseded.
    processor.process([Record("items.scored", 3, 1, b"story-b", encode(edited))])
    assert processor.counts.get(SUPERSEDED) == 2 and _stored(store_settings, "rev-1") == (1, 0.95, 1)
