"""The router reads the source kind's declared property (core.sourcekinds), never the kind's name: an
item of a kind that is never the office's own notice never joins an incident's case as its response."""

from __future__ import annotations

import dataclasses

import msgspec
import pytest
from sqlalchemy import select

from core import sourcekinds
from core.contracts import ScoredItem, encode
from core.settings import StoreSettings
from core.stage import Record
from incidents.routing import router_hook
from policies import profile_dir
from router import policy
from router.cases import RESPONSE
from router.service import RouterProcessor
from router.settings import RouterSettings
from store.db import make_engine, sessions
from store.tables import CaseRow
from tests.incidents.story import PROFILE, story


def _route(store_settings: StoreSettings, kind: str) -> tuple[list[str], int]:
    """The story's first post, then the office's 通报 of it carried by a source of ``kind``: the items
    that opened cases, and how many joined a case as its response."""
    profile = policy.load(profile_dir(PROFILE) / "profile.yaml")
    settings = RouterSettings(store=store_settings, rate_per_minute={}, receipt_secret="test-secret")
    hook = router_hook(settings, profile)
    processor = RouterProcessor(settings, profile, sessions(make_engine(store_settings)), on_routed=[hook],
                                responses=hook)
    items = dict(story())
    notice: ScoredItem = items["official response"]
    notice = msgspec.structs.replace(notice, negativity=0.8, item=msgspec.structs.replace(
        notice.item, source=msgspec.structs.replace(notice.item.source, kind=kind)))
    for offset, scored in enumerate([items["forum post"], notice]):
        processor.process([Record("items.scored", 0, offset, scored.item.id.encode(), encode(scored))])
    with sessions(make_engine(store_settings))() as session:
        opened = sorted(c.item_id for c in session.scalars(select(CaseRow)))
    return opened, processor.counts.get(RESPONSE, 0)


def _declare(monkeypatch: pytest.MonkeyPatch, kind: str, never_own_notice: bool) -> None:
    monkeypatch.setitem(sourcekinds.KINDS, kind,
                        dataclasses.replace(sourcekinds.KINDS[kind], never_own_notice=never_own_notice))


def test_a_kind_declared_never_the_offices_notice_opens_its_own_case(
        store_settings: StoreSettings, monkeypatch: pytest.MonkeyPatch) -> None:
    _declare(monkeypatch, "microblog", True)
    assert _route(store_settings, "microblog") == (["s1-forum", "s7-official"], 0)


def test_the_property_not_the_name_keeps_a_forwarded_note_from_answering(
        store_settings: StoreSettings, monkeypatch: pytest.MonkeyPatch) -> None:
    _declare(monkeypatch, "forwarded", False)
    assert _route(store_settings, "forwarded") == (["s1-forum"], 1), "undeclared, the 通报 answers the story"


def test_a_forwarded_note_never_answers_the_story(store_settings: StoreSettings) -> None:
    assert _route(store_settings, "forwarded") == (["s1-forum", "s7-official"], 0)


def test_the_incident_grouping_never_counts_such_an_item_as_the_response(monkeypatch: pytest.MonkeyPatch) -> None:
    from incidents.config import default_rules
    from incidents.service import is_response

    notice = dict(story())["official response"]
    assert is_response(notice, default_rules())
    _declare(monkeypatch, notice.item.source.kind, True)
    assert not is_response(notice, default_rules())
