"""The pollers of the polled source kinds (core.sourcekinds declares every kind and what it means
downstream): one module each, all behind :class:`kinds.base.Kind`."""

from __future__ import annotations

from collectors.kinds.base import Kind
from collectors.kinds.forum import ForumKind
from collectors.kinds.microblog import MicroblogKind
from collectors.kinds.news import NewsKind
from collectors.kinds.replay import ReplayKind
from collectors.kinds.rss import RssKind
from collectors.kinds.search import SearchKind

REGISTRY: dict[str, type[Kind]] = {
    "rss": RssKind,
    "news": NewsKind,
    "forum": ForumKind,
    "microblog": MicroblogKind,
    "replay": ReplayKind,
    "search": SearchKind,
}
