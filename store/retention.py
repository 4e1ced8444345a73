"""Data lifecycle: what is kept how long (``[ops] keep_*_days``), and the pruning that enforces it.

One pass, each step in its own short transaction, every step idempotent (two replicas pruning at
once do no harm):

1. the collectors' copy of an item (``collector_seen.payload``) is emptied once the store holds
   the item: from then on its text lives in ``items.text`` only (text stored once); the seen
   row itself stays, so the item is never collected again;
2. the text of items older than ``keep_raw_text_days`` without an open case is emptied (title,
   link, source and counts stay, for statistics and reports);
3. scores older than ``keep_scores_days`` of items without a case are deleted;
4. closed cases older than ``keep_closed_cases_days`` are deleted with their clocks,
   notifications and case log;
5. the console's audit log, sent ops alerts and old heartbeats older than ``keep_audit_days``.

0 days keeps for ever. Items with an open case are never touched.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import delete, exists, select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from core import metrics
from core.contracts import utcnow
from core.settings import OpsSettings
from store.case_tables import CaseClockRow, CaseEventRow, NotificationRow
from store.collector_tables import CollectorSeenRow
from store.console_tables import ConsoleAuditRow
from store.ops_tables import HeartbeatRow, OpsAlertRow
from store.tables import CaseRow, ItemRow, ScoredItemRow

log = logging.getLogger(__name__)
CHUNK = 2000


@dataclass
class Pruned:
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, what: str, n: int) -> None:
        if n:
            self.counts[what] = self.counts.get(what, 0) + n
            metrics.PRUNED.labels(what).inc(n)


def _cutoff(now: datetime, days: int) -> datetime | None:
    return now - timedelta(days=days) if days > 0 else None


def _chunked(factory: sessionmaker[Session], ids_query, apply) -> int:  # type: ignore[no-untyped-def]
    """Apply ``apply(session, ids)`` to the ids ``ids_query`` selects, a chunk per transaction."""
    total = 0
    while True:
        with factory() as session, session.begin():
            ids = list(session.scalars(ids_query.limit(CHUNK)))
            if not ids:
                return total
            apply(session, ids)
            total += len(ids)
        if len(ids) < CHUNK:
            return total


def prune(factory: sessionmaker[Session], ops: OpsSettings, open_statuses: Iterable[str],
          now: datetime | None = None) -> Pruned:
    """One pass of the retention rules; ``open_statuses``: the case statuses that are not closed."""
    moment = now or utcnow()
    still_open = tuple(open_statuses)
    done = Pruned()

    # 1. Text stored once: the seen-set's copy goes once the store has the item (this revision or newer).
    stored = exists().where(ItemRow.id == CollectorSeenRow.item_id, ItemRow.revision >= CollectorSeenRow.revision)
    with factory() as session, session.begin():
        result = session.execute(update(CollectorSeenRow)
                                 .where(CollectorSeenRow.published.is_(True), CollectorSeenRow.payload != "", stored)
                                 .values(payload="").execution_options(synchronize_session=False))
        done.add("seen_payload", int(result.rowcount or 0))

    open_case = exists().where(CaseRow.item_id == ItemRow.id, CaseRow.status.in_(still_open))

    # 2. Raw text.
    cutoff = _cutoff(moment, ops.keep_raw_text_days)
    if cutoff is not None:
        query = select(ItemRow.id).where(ItemRow.fetched_at < cutoff, ItemRow.text != "", ~open_case)
        done.add("item_text", _chunked(factory, query, lambda s, ids: s.execute(
            update(ItemRow).where(ItemRow.id.in_(ids)).values(text="").execution_options(synchronize_session=False))))

    # 3. Scores of items that never became a case.
    cutoff = _cutoff(moment, ops.keep_scores_days)
    if cutoff is not None:
        no_case = ~exists().where(CaseRow.item_id == ScoredItemRow.item_id)
        query = select(ScoredItemRow.item_id).where(ScoredItemRow.scored_at < cutoff, no_case)
        done.add("scores", _chunked(factory, query, lambda s, ids: s.execute(
            delete(ScoredItemRow).where(ScoredItemRow.item_id.in_(ids)))))

    # 4. Closed cases with everything about them.
    cutoff = _cutoff(moment, ops.keep_closed_cases_days)
    if cutoff is not None:
        query = select(CaseRow.id).where(CaseRow.status.not_in(still_open), CaseRow.closed_at.is_not(None),
                                         CaseRow.closed_at < cutoff)

        def drop_cases(session: Session, ids: list[int]) -> None:
            for table in (NotificationRow, CaseClockRow, CaseEventRow):
                session.execute(delete(table).where(table.case_id.in_(ids)))
            session.execute(delete(CaseRow).where(CaseRow.id.in_(ids)))

        done.add("closed_cases", _chunked(factory, query, drop_cases))

    # 5. The audit log and operational leftovers.
    cutoff = _cutoff(moment, ops.keep_audit_days)
    with factory() as session, session.begin():
        if cutoff is not None:
            done.add("audit", int(session.execute(delete(ConsoleAuditRow).where(ConsoleAuditRow.at < cutoff)).rowcount
                                  or 0))
            done.add("ops_alerts", int(session.execute(delete(OpsAlertRow).where(
                OpsAlertRow.status != "pending", OpsAlertRow.raised_at < cutoff)).rowcount or 0))
        done.add("heartbeats", int(session.execute(delete(HeartbeatRow).where(
            HeartbeatRow.last_seen < moment - timedelta(days=7))).rowcount or 0))
    if done.counts:
        log.info("retention: %s", ", ".join(f"{k} {v}" for k, v in sorted(done.counts.items())))
    return done


def prune_loop(factory: sessionmaker[Session], ops: OpsSettings, open_statuses: Iterable[str],
               stop: threading.Event) -> None:
    """Prune every ``prune_every_hours`` (the first pass a minute after start); store outages are waited out."""
    wait = 60.0
    with metrics.HEALTH.beating("retention", stale_after_s=ops.prune_every_hours * 3600 * 2 + 600) as beat:
        while not stop.wait(wait):
            beat()
            try:
                prune(factory, ops, open_statuses)
                wait = ops.prune_every_hours * 3600
            except SQLAlchemyError as exc:
                log.warning("retention: store unavailable (%s); retrying in 10 minutes", type(exc).__name__)
                wait = 600.0
