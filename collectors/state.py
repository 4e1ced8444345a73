"""The collectors' part of the store: cursors, the seen-set with its published flag, health, errors.

Synchronous SQLAlchemy; the asyncio service calls it through ``asyncio.to_thread``.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, delete, exists, select, tuple_, update
from sqlalchemy.orm import Session

from core.contracts import encode, utcnow
from core.settings import StoreSettings
from store.collector_tables import CollectorErrorRow, CollectorHealthRow, CollectorSeenRow, CollectorSourceStateRow
from store.db import make_engine, sessions
from store.items import insert_for, raw_item
from store.tables import ItemRow

log = logging.getLogger(__name__)
ERRORS_KEPT_PER_SOURCE = 200


@dataclass(frozen=True, slots=True)
class SourceState:
    etag: str | None = None
    last_modified: str | None = None
    cursor: dict[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class Seen:
    item_id: str
    content_hash: str
    engagement: dict[str, Any]
    revision: int
    published: bool
    payload: str


@dataclass(frozen=True, slots=True)
class Staged:
    item_id: str
    url: str
    content_hash: str
    engagement: dict[str, Any]
    revision: int
    payload: str


class CollectorStore:
    def __init__(self, settings: StoreSettings) -> None:
        self.engine = make_engine(settings)
        self._sessions = sessions(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    def session(self) -> Session:
        return self._sessions()

    # -- cursor ----------------------------------------------------------------------------
    def load_state(self, source_id: str) -> SourceState:
        with self.session() as s:
            row = s.get(CollectorSourceStateRow, source_id)
            if row is None:
                return SourceState()
            return SourceState(row.etag, row.last_modified, dict(row.cursor or {}))

    def save_state(self, source_id: str, state: SourceState) -> None:
        values = {"source_id": source_id, "etag": state.etag, "last_modified": state.last_modified,
                  "cursor": state.cursor or {}, "updated_at": utcnow()}
        with self.session() as s, s.begin():
            stmt = insert_for(s, CollectorSourceStateRow).values(**values)
            s.execute(stmt.on_conflict_do_update(
                index_elements=[CollectorSourceStateRow.source_id],
                set_={k: stmt.excluded[k] for k in values if k != "source_id"}))

    # -- seen-set --------------------------------------------------------------------------
    def seen(self, source_id: str, item_ids: Iterable[str]) -> dict[str, Seen]:
        ids = list(set(item_ids))
        found: dict[str, Seen] = {}
        with self.session() as s:
            for start in range(0, len(ids), 500):
                chunk = ids[start:start + 500]
                rows = s.execute(select(CollectorSeenRow).where(
                    CollectorSeenRow.source_id == source_id, CollectorSeenRow.item_id.in_(chunk))).scalars()
                for row in rows:
                    found[row.item_id] = Seen(row.item_id, row.content_hash, dict(row.engagement or {}),
                                              row.revision, row.published, row.payload)
            compacted = [i for i, seen in found.items() if not seen.payload]
            for start in range(0, len(compacted), 500):
                # The retention job emptied the copy once the store held the item: take the store's.
                for item in s.execute(select(ItemRow).where(ItemRow.id.in_(compacted[start:start + 500]))).scalars():
                    payload = encode(raw_item(item)).decode("utf-8")
                    found[item.id] = dataclasses.replace(found[item.id], payload=payload)
        return found

    def is_published(self, source_id: str, item_id: str) -> bool:
        with self.session() as s:
            row = s.get(CollectorSeenRow, (source_id, item_id))
            return row is not None and row.published

    def published_elsewhere(self, source_id: str, item_ids: Iterable[str]) -> set[str]:
        """Which of ``item_ids`` another source has already published (one item, one id)."""
        ids = list(set(item_ids))
        found: set[str] = set()
        with self.session() as s:
            for start in range(0, len(ids), 500):
                chunk = ids[start:start + 500]
                found.update(s.execute(select(CollectorSeenRow.item_id).where(
                    CollectorSeenRow.item_id.in_(chunk), CollectorSeenRow.source_id != source_id,
                    CollectorSeenRow.published.is_(True))).scalars())
        return found

    def stage(self, source_id: str, staged: Sequence[Staged]) -> None:
        """Record items about to be published (published = false) in one transaction."""
        if not staged:
            return
        now = utcnow()
        with self.session() as s, s.begin():
            for item in staged:
                values = {"source_id": source_id, "item_id": item.item_id, "url": item.url,
                          "content_hash": item.content_hash, "engagement": item.engagement,
                          "revision": item.revision, "published": False, "payload": item.payload,
                          "first_seen": now, "last_seen": now, "published_at": None}
                stmt = insert_for(s, CollectorSeenRow).values(**values)
                keep = {"source_id", "item_id", "first_seen"}
                s.execute(stmt.on_conflict_do_update(
                    index_elements=[CollectorSeenRow.source_id, CollectorSeenRow.item_id],
                    set_={k: stmt.excluded[k] for k in values if k not in keep}))

    def mark_published(self, source_id: str, acked: Sequence[tuple[str, int]]) -> None:
        """Only the revision the broker acknowledged: a newer staged one stays pending."""
        if not acked:
            return
        now = utcnow()
        with self.session() as s, s.begin():
            for start in range(0, len(acked), 200):
                chunk = acked[start:start + 200]
                s.execute(update(CollectorSeenRow)
                          .where(CollectorSeenRow.source_id == source_id,
                                 tuple_(CollectorSeenRow.item_id, CollectorSeenRow.revision).in_(chunk))
                          .values(published=True, published_at=now))

    def requeue_unstored(self) -> int:
        """Mark pending again what was published but never reached the store (the broker that
        acknowledged it lost it): the next poll of its source sends it again. Downstream is
        idempotent, so an item that was merely still on its way is stored once all the same."""
        stored = exists().where(ItemRow.id == CollectorSeenRow.item_id, ItemRow.revision >= CollectorSeenRow.revision)
        with self.session() as s, s.begin():
            result = s.execute(update(CollectorSeenRow)
                               .where(CollectorSeenRow.published.is_(True), CollectorSeenRow.payload != "", ~stored)
                               .values(published=False, published_at=None)
                               .execution_options(synchronize_session=False))
            return int(result.rowcount or 0)

    def pending(self, source_id: str) -> list[Seen]:
        with self.session() as s:
            rows = s.execute(select(CollectorSeenRow).where(
                and_(CollectorSeenRow.source_id == source_id, CollectorSeenRow.published.is_(False)))).scalars()
            return [Seen(r.item_id, r.content_hash, dict(r.engagement or {}), r.revision, r.published, r.payload)
                    for r in rows]

    # -- health ----------------------------------------------------------------------------
    def health(self, source_id: str) -> CollectorHealthRow | None:
        with self.session() as s:
            return s.get(CollectorHealthRow, source_id)

    def all_health(self) -> list[CollectorHealthRow]:
        with self.session() as s:
            return list(s.execute(select(CollectorHealthRow).order_by(CollectorHealthRow.source_id)).scalars())

    def save_health(self, row: CollectorHealthRow) -> None:
        with self.session() as s, s.begin():
            s.merge(row)

    def record_errors(self, source_id: str, errors: Sequence[tuple[str, str | None, bool, bool]],
                      at: datetime | None = None) -> None:
        """``errors``: (reason, url, retry, fatal). Keeps the newest few hundred per source."""
        if not errors:
            return
        at = at or utcnow()
        with self.session() as s, s.begin():
            for reason, url, retry, fatal in errors:
                s.add(CollectorErrorRow(source_id=source_id, at=at, reason=reason[:2000], url=url,
                                        retry=retry, fatal=fatal))
            s.flush()
            keep = select(CollectorErrorRow.id).where(CollectorErrorRow.source_id == source_id) \
                .order_by(CollectorErrorRow.id.desc()).limit(ERRORS_KEPT_PER_SOURCE).scalar_subquery()
            s.execute(delete(CollectorErrorRow).where(CollectorErrorRow.source_id == source_id,
                                                      CollectorErrorRow.id.not_in(keep)))

    def recent_errors(self, source_id: str, limit: int = 20) -> list[CollectorErrorRow]:
        with self.session() as s:
            return list(s.execute(select(CollectorErrorRow).where(CollectorErrorRow.source_id == source_id)
                                  .order_by(CollectorErrorRow.id.desc()).limit(limit)).scalars())
