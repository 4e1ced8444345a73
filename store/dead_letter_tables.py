"""Dead letters kept in the store: every message a stage refused, with its original bytes.

The ``items.dead`` topic expires with its retention; this table does not, so a refused message is
never lost silently. The key is the refused message's own position (stage, topic, partition,
offset): a replay of the dead-letter topic writes nothing twice.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import BigInteger, DateTime, Integer, LargeBinary, String, Text, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from core.contracts import DeadLetter
from store.items import insert_for
from store.tables import Base


class DeadLetterRow(Base):
    __tablename__ = "dead_letters"

    stage: Mapped[str] = mapped_column(String(64), primary_key=True)
    topic: Mapped[str] = mapped_column(String(255), primary_key=True)
    partition: Mapped[int] = mapped_column(Integer, primary_key=True)
    offset: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    key: Mapped[bytes | None] = mapped_column(LargeBinary)
    value: Mapped[bytes] = mapped_column(LargeBinary)
    error: Mapped[str] = mapped_column(Text)
    failed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    kept_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


def keep(session: Session, letters: Sequence[DeadLetter], kept_at: datetime) -> int:
    """Insert the letters not kept yet; return how many were new."""
    if not letters:
        return 0
    rows = [{"stage": d.stage, "topic": d.topic, "partition": d.partition, "offset": d.offset, "key": d.key,
             "value": d.value, "error": d.error, "failed_at": d.failed_at, "kept_at": kept_at} for d in letters]
    statement = insert_for(session, DeadLetterRow).values(rows).on_conflict_do_nothing()
    return int(session.execute(statement).rowcount or 0)


def recent(session: Session, limit: int = 50, stage: str | None = None) -> list[DeadLetterRow]:
    query = select(DeadLetterRow).order_by(DeadLetterRow.failed_at.desc()).limit(limit)
    if stage:
        query = query.where(DeadLetterRow.stage == stage)
    return list(session.scalars(query))


def count(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(DeadLetterRow)) or 0)
