"""From a kind's :class:`Candidate` to a RawItem and its revision, against the seen-set.

new item → revision 0; same content and counts → nothing; changed counts or text → the same id
with revision + 1; a counts-only re-read of an unknown item → nothing (the full item comes when
its page is fetched).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime

import msgspec

from collectors.kinds.base import Candidate
from collectors.sources import SourceSpec
from collectors.state import Seen, Staged
from collectors.textnorm import simplified
from collectors.urls import BadURL, canonical
from core.contracts import (
    MAX_QUERIES,
    MAX_REGION_HINTS,
    MAX_TEXT_CHARS,
    MAX_TITLE_CHARS,
    MAX_URL_CHARS,
    RawItem,
    decode,
    encode,
    item_id_for,
    to_builtins,
)


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


# Appended to a text cut at the contract's limit, so a reader knows the rest was not collected.
TRUNCATED_MARK = "……（正文过长，超出部分未采集）"
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def fit(text: str, limit: int, mark: str = "") -> str:
    """``text`` without characters no store keeps, cut to ``limit`` characters (ending in ``mark``)."""
    text = _UNSTORABLE.sub("", text)
    if len(text) <= limit:
        return text
    return text[: limit - len(mark)] + mark


def build(spec: SourceSpec, candidate: Candidate, fetched_at: datetime) -> RawItem:
    """The RawItem of a candidate, fitted to the contract's limits; ValueError when it cannot be."""
    url = canonical(candidate.url)
    if not url.startswith(("http://", "https://")):
        raise BadURL(f"不是 http(s) 链接 (not an http(s) URL: {url[:200]!r})")
    if len(url) > MAX_URL_CHARS:
        raise BadURL(f"链接过长 (URL of {len(url)} characters, limit {MAX_URL_CHARS}: {url[:120]!r}…)")
    source = spec.source
    if candidate.tier is not None and candidate.tier != source.tier:
        source = msgspec.structs.replace(source, tier=candidate.tier)
    if candidate.kind is not None and candidate.kind != source.kind:
        source = msgspec.structs.replace(source, kind=candidate.kind)
    text = fit(candidate.text, MAX_TEXT_CHARS, TRUNCATED_MARK)
    simple = fit(simplified(text), MAX_TEXT_CHARS, TRUNCATED_MARK)
    return RawItem(
        id=item_id_for(url), source=source, url=url, title=fit(candidate.title, MAX_TITLE_CHARS), text=text,
        text_simplified=simple if simple != text else None,
        author=fit(candidate.author, 256) or None if candidate.author else None,
        published_at=candidate.published_at, fetched_at=fetched_at, engagement=candidate.engagement,
        region_hints=tuple(fit(h, 64) for h in candidate.region_hints[:MAX_REGION_HINTS]),
        parent_id=item_id(candidate.parent_url) if candidate.parent_url else None,
        queries=tuple(fit(q, 256) for q in candidate.queries[:MAX_QUERIES]))


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
