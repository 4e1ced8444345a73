"""The registry of source kinds is the one list: the contract, the pollers and the stages agree with it."""

from __future__ import annotations

from typing import get_args

from collectors.forwarded import KIND as FORWARDED
from collectors.kinds import REGISTRY as POLLERS
from core.contracts import SourceKind
from core.sourcekinds import ITEM_KINDS, KINDS, never_own_notice


def test_the_contract_names_the_registered_kinds() -> None:
    assert set(get_args(SourceKind)) == set(KINDS)


def test_every_polled_kind_has_its_poller_and_only_those() -> None:
    assert {k.name for k in KINDS.values() if k.polled} == set(POLLERS)
    assert all(POLLERS[name].name == name for name in POLLERS)
    assert FORWARDED in KINDS and not KINDS[FORWARDED].polled


def test_a_superiors_forwarded_note_is_never_the_offices_own_notice() -> None:
    assert never_own_notice(FORWARDED)
    assert not any(never_own_notice(k) for k in KINDS if k != FORWARDED)
    assert not never_own_notice("no-such-kind")


def test_items_never_carry_the_search_kind() -> None:
    """A search source's items carry the kind of what it found; grading and routing never see ``search``."""
    assert "search" not in ITEM_KINDS and set(ITEM_KINDS) == set(KINDS) - {"search"}
