"""Writing items and scores, idempotently: the item id is the key, a replay changes nothing."""

from __future__ import annotations

from collections.abc import Sequence

import msgspec
from sqlalchemy import Insert, bindparam, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from core.contracts import RawItem, ScoredItem, to_builtins
from store.tables import Base, ItemRow, ScoredItemRow


def insert_for(session: Session, table: type[Base]) -> Insert:
    """An INSERT that supports ON CONFLICT on either dialect."""
    if session.get_bind().dialect.name == "postgresql":
        return postgresql.insert(table)
    return sqlite.insert(table)


def item_values(item: RawItem) -> dict:
    return {
        "id": item.id,
        "source_id": item.source.id,
        "source_name": item.source.name,
        "source_kind": item.source.kind,
        "source_tier": item.source.tier,
        "url": item.url,
        "title": item.title,
        "text": item.text,
        "author": item.author,
        "published_at": item.published_at,
        "fetched_at": item.fetched_at,
        "region": item.source.region or (item.region_hints[0] if item.region_hints else None),
        "views": item.engagement.views,
        "replies": item.engagement.replies,
        "reposts": item.engagement.reposts,
        "likes": item.engagement.likes,
        "revision": item.revision,
        "payload": _payload(item),
    }


def _payload(item: RawItem) -> dict:
    """The item as JSON without its text, which ``items.text`` holds: text stored once."""
    doc = to_builtins(item)
    doc.pop("text", None)
    return doc


def raw_item(row: ItemRow) -> RawItem:
    """The stored item as the collectors published it (its payload with the text put back)."""
    return msgspec.convert({**row.payload, "text": row.text}, RawItem, strict=False)


_REVISIONS = select(ItemRow.id, ItemRow.revision).where(ItemRow.id.in_(bindparam("ids", expanding=True)))


def superseded(session: Session, items: Sequence[RawItem]) -> set[tuple[str, int]]:
    """The (id, revision) of the items of which a newer revision is stored, or came earlier in ``items``.

    One item's revisions may reach a consumer out of order (items.scored is keyed by story, and an
    edit may change the story key); what a newer revision already said must not be undone.
    """
    ids = sorted({i.id for i in items})
    stored: dict[str, int] = {row[0]: row[1] for row in session.execute(_REVISIONS, {"ids": ids})}
    seen: dict[str, int] = {}
    out: set[tuple[str, int]] = set()
    for item in items:
        newest = max(stored.get(item.id, -1), seen.get(item.id, -1))
        if item.revision < newest:
            out.add((item.id, item.revision))
        seen[item.id] = max(item.revision, seen.get(item.id, -1))
    return out


def upsert_items(session: Session, items: Sequence[RawItem]) -> None:
    """Insert the items, or update those of which this is a newer revision (engagement re-read),
    in one statement; an item twice in ``items`` keeps its newest revision."""
    newest: dict[str, RawItem] = {}
    for item in items:
        known = newest.get(item.id)
        if known is None or item.revision >= known.revision:
            newest[item.id] = item
    if not newest:
        return
    rows = [item_values(i) for i in newest.values()]
    stmt = insert_for(session, ItemRow)
    stmt = stmt.on_conflict_do_update(
        index_elements=[ItemRow.id], set_={k: stmt.excluded[k] for k in rows[0] if k != "id"},
        where=ItemRow.revision < stmt.excluded.revision)
    session.connection().execute(stmt, rows)


def upsert_scored(session: Session, batch: Sequence[ScoredItem]) -> None:
    """The items and their latest scores of a batch, in two statements; a replay changes nothing."""
    upsert_items(session, [s.item for s in batch])
    latest = {s.item.id: s for s in batch}
    if not latest:
        return
    rows = [{
        "item_id": s.item.id, "negativity": s.negativity, "emotion": s.emotion, "relevance": s.relevance,
        "topic": s.topic,
        "grade": s.grade.level, "grade_rank": s.grade.rank, "grade_reasons": list(s.grade.reasons),
        "model_version": s.model_version, "profile": s.profile, "scored_at": s.scored_at,
    } for s in latest.values()]
    stmt = insert_for(session, ScoredItemRow)
    stmt = stmt.on_conflict_do_update(
        index_elements=[ScoredItemRow.item_id], set_={k: stmt.excluded[k] for k in rows[0] if k != "item_id"})
    session.connection().execute(stmt, rows)
