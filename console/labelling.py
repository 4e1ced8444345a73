"""The analysts' labelling queue and the labelled-case library.

An adapter over the classifier's ``labels`` table: ``classifier.labels`` imports and exports
files but has no call to add one label, so the console writes rows the same way its importer
does (same normalisation, same text hash, same uniqueness), one row per head.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import case as when
from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from classifier.labels import HEADS, LabelError, normalise, text_sha
from console.access import scope
from console.roles import Principal
from core.contracts import utcnow
from store.case_tables import CaseEventRow
from store.classifier_tables import LabelRow
from store.tables import CaseRow, ItemRow, ScoredItemRow

log = logging.getLogger(__name__)
# Case events by which the office's staff corrected the model's call: a person re-graded the case or
# sent it to another department (the topic was wrong). The router's own events are by 系统.
CORRECTIONS = ("grade_changed", "transferred")
SYSTEM_ACTOR = "系统"


@dataclass
class QueueItem:
    item_id: str
    title: str
    text: str
    url: str
    source_name: str
    negativity: float
    relevance: float
    topic: str
    grade: str
    model_version: str
    case_id: int | None
    # The office's staff corrected the model on this case (re-graded it, moved it to another department).
    corrected: bool = False
    # Tone, shown beside adverse-ness so an analyst sees when the two part (None: scored without it).
    emotion: float | None = None

    @property
    def confidence(self) -> float:
        """How sure the model is, 0 (a coin toss) … 1 (certain), from the negativity head."""
        return round(abs(self.negativity - 0.5) * 2, 3)


def queue(session: Session, principal: Principal, profile: str, limit: int = 20, offset: int = 0
          ) -> tuple[list[QueueItem], int]:
    """Scored items nobody labelled yet for ``profile``: first the cases whose call the office's staff
    corrected (the model got them wrong), then the items the model is least sure of (uncertainty
    sampling: negativity nearest 0.5)."""
    labelled = select(LabelRow.item_id).where(LabelRow.item_id.is_not(None), LabelRow.profile == profile,
                                              LabelRow.head == "negativity")
    corrected = exists().where(CaseEventRow.case_id == CaseRow.id, CaseEventRow.action.in_(CORRECTIONS),
                               CaseEventRow.actor != SYSTEM_ACTOR)
    flag = when((corrected, 1), else_=0)
    base = (select(ScoredItemRow, ItemRow, CaseRow.id, flag.label("corrected"))
            .join(ItemRow, ItemRow.id == ScoredItemRow.item_id)
            .outerjoin(CaseRow, CaseRow.item_id == ScoredItemRow.item_id)
            .where(ScoredItemRow.item_id.not_in(labelled)))
    # Items without a case are not secret to anyone; items with one follow the case's access.
    condition = scope(select(CaseRow.id), principal).whereclause
    if condition is not None:
        base = base.where(CaseRow.id.is_(None) | condition)
    total = session.scalar(select(func.count()).select_from(base.subquery())) or 0
    rows = session.execute(base.order_by(flag.desc(), func.abs(ScoredItemRow.negativity - 0.5),
                                         ScoredItemRow.scored_at.desc())
                           .limit(limit).offset(offset)).all()
    return [QueueItem(item_id=i.id, title=i.title, text=i.text, url=i.url, source_name=i.source_name,
                      negativity=s.negativity, relevance=s.relevance, topic=s.topic, grade=s.grade,
                      model_version=s.model_version, case_id=case_id, corrected=bool(fixed),
                      emotion=s.emotion)
            for s, i, case_id, fixed in rows], total


def save_labels(session: Session, item_id: str, labels: dict[str, str], profile: str, who: str) -> int:
    """Store one label per given head for the item (updating an earlier one); returns rows written."""
    item = session.get(ItemRow, item_id)
    if item is None:
        raise LabelError(f"没有编号为 {item_id} 的信息")
    sha = text_sha(item.title, item.text)
    written = 0
    for head, raw in labels.items():
        if head not in HEADS:
            raise LabelError(f"没有“{head}”这一标注项")
        if head == "grade":
            value = raw.strip()
            if not value:
                raise LabelError("分级不能为空")
        else:
            value = normalise(head, raw)
        existing = session.scalar(select(LabelRow).where(LabelRow.head == head, LabelRow.profile == profile,
                                                         LabelRow.text_sha == sha))
        if existing is None:
            session.add(LabelRow(head=head, profile=profile, item_id=item.id, title=item.title, text=item.text,
                                 text_sha=sha, label=value, labelled_by=who, source="console", created_at=utcnow()))
        else:
            existing.label, existing.labelled_by, existing.item_id = value, who, item.id
        written += 1
    log.info("labelled %s by %s", ",".join(labels), who, extra={"item": item_id})
    return written


def library(session: Session, head: str | None, limit: int, offset: int) -> tuple[list[LabelRow], int,
                                                                                 dict[str, int]]:
    query = select(LabelRow)
    if head:
        query = query.where(LabelRow.head == head)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    counts = dict(session.execute(select(LabelRow.head, func.count()).group_by(LabelRow.head)).all())
    rows = list(session.scalars(query.order_by(LabelRow.id.desc()).limit(limit).offset(offset)))
    return rows, total, {str(k): int(v) for k, v in counts.items()}
