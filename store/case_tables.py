"""Tables of the router: the case audit log, deadline clocks and the notification outbox.

Nothing here is ever deleted: a case keeps every event, clock and notification it ever had, so
no report can be late, missed or hidden without a trace (002 第二十六条). Timestamps are stored
in UTC; SQLite hands them back naive, :func:`router.timeutil.utc` makes them aware again.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from store.tables import Base


class CaseEventRow(Base):
    """One line of a case's append-only audit log: who did what, when."""

    __tablename__ = "case_events"
    __table_args__ = (Index("ix_case_events_case", "case_id", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    actor: Mapped[str] = mapped_column(String(128))
    action: Mapped[str] = mapped_column(String(32))
    from_status: Mapped[str | None] = mapped_column(String(16))
    to_status: Mapped[str | None] = mapped_column(String(16))
    detail: Mapped[dict] = mapped_column(JSON)


class CaseClockRow(Base):
    """A deadline of a case's grade, started at discovery, run from the store by the ticker."""

    __tablename__ = "case_clocks"
    __table_args__ = (
        UniqueConstraint("case_id", "clock_id", "grade", name="uq_case_clocks_case_clock_grade"),
        Index("ix_case_clocks_status_due", "status", "due_at"),
        Index("ix_case_clocks_status_remind", "status", "remind_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    clock_id: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(128))
    grade: Mapped[str] = mapped_column(String(32))
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    working_days: Mapped[bool] = mapped_column(Boolean, default=False)
    # The next reminder still to send (None once all reminders went out).
    remind_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    reminders_sent: Mapped[int] = mapped_column(Integer, default=0)
    # running → met | breached | cancelled (a graver grade superseded it, or the case closed).
    status: Mapped[str] = mapped_column(String(16))
    stop_on: Mapped[str | None] = mapped_column(String(16))
    met_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    breached_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The department that owes the clock (reminded, told first on breach); None on rows written
    # before owners existed: the case's lead then.
    owner: Mapped[str | None] = mapped_column(String(64))


class NotificationRow(Base):
    """The outbox: one message to one channel of one department.

    A worker claims a row by setting a lease (compare-and-set on ``lease_until``), sends, and
    marks it ``sent`` in its own transaction; a crashed worker's lease runs out and another one
    takes the row over. ``dedupe_key`` makes enqueueing idempotent under replays.
    """

    __tablename__ = "notifications"
    __table_args__ = (
        UniqueConstraint("dedupe_key", name="uq_notifications_dedupe"),
        Index("ix_notifications_status_next", "status", "next_attempt_at"),
        Index("ix_notifications_case", "case_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    dedupe_key: Mapped[str] = mapped_column(String(255))
    purpose: Mapped[str] = mapped_column(String(32))
    department_id: Mapped[str] = mapped_column(String(64))
    channel_kind: Mapped[str] = mapped_column(String(32))
    # The channel as the profile declared it when the message was queued (secrets by name only).
    channel: Mapped[dict] = mapped_column(JSON)
    subject: Mapped[str] = mapped_column(Text)
    body_text: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    payload: Mapped[dict] = mapped_column(JSON)
    # pending → sent | undeliverable; suppressed = silenced or inhibited (kept, never sent).
    status: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    # Sends that went out but got no answer: one is retried (with the idempotency key), a second
    # is not, so a receiver that takes messages and then resets never gets a flood of copies.
    uncertain: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    lease_owner: Mapped[str | None] = mapped_column(String(64))
    lease_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
