"""The explicit registry of source kinds: one module each, all behind :class:`kinds.base.Kind`."""

from __future__ import annotations

from collectors.kinds.base import Kind
from collectors.kinds.rss import RssKind

REGISTRY: dict[str, type[Kind]] = {
    "rss": RssKind,
}
