"""The one registry of source kinds: what every stage may know of a kind, declared once.

How a kind is polled lives with the collectors (:data:`collectors.kinds.REGISTRY`, keyed by these
names); what the classifier, the router and the console need to know of the items of a kind is a
property declared here and read where it matters, never a kind's name tested in a stage. What an
office decides about a kind stays profile data (``intake.always_kinds``, a grading gate's ``kinds``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import get_args

from core.contracts import SourceKind


@dataclass(frozen=True, slots=True)
class KindSpec:
    """One source kind."""

    name: str
    label: str  # shown to users
    # The collectors poll it (it has a poller in collectors.kinds.REGISTRY); else it is entered by hand.
    polled: bool = True
    # Items travel with this kind. A search source's items carry the kind of what it found (a weibo
    # found by search is a microblog post for grading), never ``search``.
    on_items: bool = True
    # An item of this kind is never the office's own notice (通报, 情况说明), whatever its words: the
    # classifier finds no official notice in it and the router never joins it to an incident's case
    # as the office's response. A superior's 转办单 asks the office to act (its 转办意见 often says 回应).
    never_own_notice: bool = False


KINDS: dict[str, KindSpec] = {
    k.name: k for k in (
        KindSpec("rss", "RSS订阅"),
        KindSpec("news", "新闻网站"),
        KindSpec("forum", "论坛贴吧"),
        KindSpec("microblog", "微博"),
        KindSpec("replay", "回放"),
        KindSpec("search", "关键词搜索", on_items=False),
        # A 转办单 a superior body forwarded (省局、市委网信办), entered by hand (collectors/forwarded.py).
        KindSpec("forwarded", "上级转办", polled=False, never_own_notice=True),
    )
}
if set(KINDS) != set(get_args(SourceKind)):
    raise RuntimeError(f"core.contracts.SourceKind {sorted(get_args(SourceKind))} and the registry of source "
                       f"kinds {sorted(KINDS)} name different kinds")

# The kinds items carry, in registry order (a grade model's features follow this order).
ITEM_KINDS: tuple[str, ...] = tuple(k.name for k in KINDS.values() if k.on_items)


def never_own_notice(kind: str) -> bool:
    """Whether an item of ``kind`` is never the office's own notice (an unknown kind may be one)."""
    spec = KINDS.get(kind)
    return spec is not None and spec.never_own_notice
