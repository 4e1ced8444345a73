"""From a kind's :class:`Candidate` to a RawItem and its revision, against the seen-set.

new item → revision 0; same content and counts → nothing; changed counts or text → the same id
with revision + 1; a counts-only re-read of an unknown item → nothing (the full item comes when
its page is fetched).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

import msgspec

from collectors.kinds.base import Candidate
from collectors.sources import SourceSpec
from collectors.state import Seen, Staged
from collectors.textnorm import simplified
from collectors.urls import canonical
from core.contracts import RawItem, decode, encode, item_id_for, to_builtins


@dataclass(frozen=True, slots=True)
class Built:
    item: RawItem
    content_hash: str
    staged: Staged


def content_hash(title: str, text: str) -> str:
    return hashlib.sha256(f"{title}\n{text}".encode()).hexdigest()


def item_id(url: str) -> str:
    return item_id_for(canonical(url))


def _engagement(item: RawItem) -> dict:
    return to_builtins(item.engagement)


def build(spec: SourceSpec, candidate: Candidate, fetched_at: datetime) -> RawItem:
    url = canonical(candidate.url)
    source = spec.source
    if candidate.tier is not None and candidate.tier != source.tier:
        source = msgspec.structs.replace(source, tier=candidate.tier)
    simple = simplified(candidate.text)
    return RawItem(
        id=item_id_for(url), source=source, url=url, title=candidate.title[:1000], text=candidate.text,
        text_simplified=simple if simple != candidate.text else None,
        author=candidate.author[:256] if candidate.author else None, published_at=candidate.published_at,
        fetched_at=fetched_at, engagement=candidate.engagement, region_hints=candidate.region_hints,
        parent_id=item_id(candidate.parent_url) if candidate.parent_url else None)


def decide(spec: SourceSpec, candidate: Candidate, seen: Seen | None, fetched_at: datetime) -> Built | None:
    """What to publish for ``candidate``, or None when nothing changed."""
    if candidate.engagement_only:
        if seen is None:
            return None
        previous = decode(seen.payload.encode("utf-8"), RawItem)
        if to_builtins(candidate.engagement) == seen.engagement:
            return None
        item = msgspec.structs.replace(previous, engagement=candidate.engagement, fetched_at=fetched_at,
                                       revision=seen.revision + 1)
        return _built(item, seen.content_hash)
    item = build(spec, candidate, fetched_at)
    digest = content_hash(item.title, item.text)
    if seen is not None:
        if seen.content_hash == digest and seen.engagement == _engagement(item):
            return None
        item = msgspec.structs.replace(item, revision=seen.revision + 1)
    return _built(item, digest)


def _built(item: RawItem, digest: str) -> Built:
    payload = encode(item).decode("utf-8")
    return Built(item, digest, Staged(item.id, item.url, digest, _engagement(item), item.revision, payload))
