"""Writing items and scores, idempotently: the item id is the key, a replay changes nothing."""

from __future__ import annotations

from sqlalchemy import Insert
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
        "payload": to_builtins(item),
    }


def upsert_item(session: Session, item: RawItem) -> None:
    """Insert the item, or update it when this is a newer revision (engagement re-read)."""
    values = item_values(item)
    stmt = insert_for(session, ItemRow).values(**values)
    updates = {k: stmt.excluded[k] for k in values if k != "id"}
    stmt = stmt.on_conflict_do_update(
        index_elements=[ItemRow.id], set_=updates, where=ItemRow.revision < stmt.excluded.revision)
    session.execute(stmt)


def upsert_scored(session: Session, scored: ScoredItem) -> None:
    upsert_item(session, scored.item)
    values = {
        "item_id": scored.item.id,
        "negativity": scored.negativity,
        "relevance": scored.relevance,
        "topic": scored.topic,
        "grade": scored.grade.level,
        "grade_rank": scored.grade.rank,
        "grade_reasons": list(scored.grade.reasons),
        "model_version": scored.model_version,
        "profile": scored.profile,
        "scored_at": scored.scored_at,
    }
    stmt = insert_for(session, ScoredItemRow).values(**values)
    stmt = stmt.on_conflict_do_update(
        index_elements=[ScoredItemRow.item_id],
        set_={k: stmt.excluded[k] for k in values if k != "item_id"})
    session.execute(stmt)
