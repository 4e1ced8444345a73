"""Deadline clocks: opened at discovery from the grade's clock specs, run from the store.

The ticker (:func:`tick`) finds clocks whose reminder or due time has passed, claims each by a
compare-and-set on its row (so two tickers never send the same reminder), and queues reminders
to the receivers and escalations to the lead, the desk and the leader the profile names.
Nothing lives in process memory: a restarted router picks up where the store says.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from router import notify
from router.policy import CASE_STATUSES, ClockSpec, Profile
from router.settings import RouterSettings
from router.timeutil import utc
from store.case_tables import CaseClockRow, CaseEventRow
from store.items import insert_for
from store.tables import CaseRow

log = logging.getLogger(__name__)
SYSTEM = "系统"


def _remind_at(spec: ClockSpec | None, due_at: datetime, started_at: datetime, sent: int) -> datetime | None:
    if spec is None or sent >= len(spec.remind_before):
        return None
    moment = due_at - timedelta(minutes=spec.remind_before[sent].minutes)
    return max(moment, started_at)


def clock_values(profile: Profile, case_id: int, grade: str, start: datetime) -> list[dict]:
    """The rows of the grade's clocks for a case, started at ``start`` (discovery)."""
    rows = []
    for spec in profile.clocks_for(grade):
        due_at = profile.calendar.due(start, spec.due)
        rows.append({
            "case_id": case_id, "clock_id": spec.id, "name": spec.name, "grade": grade, "started_at": utc(start),
            "due_at": due_at, "working_days": bool(spec.due.working_days),
            "remind_at": _remind_at(spec, due_at, utc(start), 0), "reminders_sent": 0, "status": "running",
            "stop_on": spec.stop_on, "met_at": None, "breached_at": None,
        })
    return rows


def insert(session: Session, rows: list[dict]) -> None:
    """Insert clock rows in one statement; a clock already open (case, clock, grade) is kept as it is."""
    if rows:
        stmt = insert_for(session, CaseClockRow).on_conflict_do_nothing(
            index_elements=[CaseClockRow.case_id, CaseClockRow.clock_id, CaseClockRow.grade])
        session.connection().execute(stmt, rows)


def open_clocks(session: Session, profile: Profile, case: CaseRow, grade: str, start: datetime) -> list[str]:
    """Start the grade's clocks (idempotent per case, clock and grade); returns their ids."""
    rows = clock_values(profile, case.id, grade, start)
    insert(session, rows)
    return [r["clock_id"] for r in rows]


def restart_acknowledgement(session: Session, profile: Profile, case: CaseRow, now: datetime) -> list[str]:
    """After a 转办 the new lead must sign: the grade's 签收 clocks run again, from now."""
    rows = [r for r in clock_values(profile, case.id, case.grade, now) if r["stop_on"] == "已签收"]
    for row in rows:
        # A new id per transfer (the case's version) keeps every earlier clock in the record.
        row["clock_id"] = f"{row['clock_id']}#{case.version}"
    insert(session, rows)
    return [r["clock_id"] for r in rows]


def stop_for_status(session: Session, case: CaseRow, status: str, now: datetime) -> list[str]:
    """Meet the running clocks a status stops (a later status meets earlier stops too)."""
    reached = CASE_STATUSES.index(status)
    stops = [s for s in CASE_STATUSES if CASE_STATUSES.index(s) <= reached]
    rows = session.scalars(select(CaseClockRow).where(
        CaseClockRow.case_id == case.id, CaseClockRow.status == "running", CaseClockRow.stop_on.in_(stops))).all()
    for row in rows:
        row.status, row.met_at, row.remind_at = "met", now, None
    return [r.clock_id for r in rows]


def cancel_running(session: Session, case: CaseRow, now: datetime, *, grade: str | None = None) -> list[str]:
    """Cancel running clocks (of one superseded grade, or all when the case closes)."""
    query = select(CaseClockRow).where(CaseClockRow.case_id == case.id, CaseClockRow.status == "running")
    if grade is not None:
        query = query.where(CaseClockRow.grade == grade)
    rows = session.scalars(query).all()
    for row in rows:
        row.status, row.remind_at = "cancelled", None
    return [r.clock_id for r in rows]


def complete(session: Session, case: CaseRow, clock_id: str, now: datetime) -> bool:
    rows = session.scalars(select(CaseClockRow).where(
        CaseClockRow.case_id == case.id, CaseClockRow.clock_id == clock_id, CaseClockRow.status == "running")).all()
    for row in rows:
        row.status, row.met_at, row.remind_at = "met", now, None
    return bool(rows)


def tick(session: Session, profile: Profile, settings: RouterSettings, now: datetime) -> dict[str, int]:
    """Send due reminders and escalate breached clocks; returns counts. Commit is the caller's."""
    counts = {"reminders": 0, "breaches": 0}
    specs = {s.id: s for s in profile.clocks}
    due_reminders = session.scalars(select(CaseClockRow).where(
        CaseClockRow.status == "running", CaseClockRow.remind_at.is_not(None),
        CaseClockRow.remind_at <= now).order_by(CaseClockRow.remind_at).limit(500)).all()
    for clock in due_reminders:
        sent = clock.reminders_sent
        claimed = session.execute(update(CaseClockRow).where(
            CaseClockRow.id == clock.id, CaseClockRow.reminders_sent == sent, CaseClockRow.status == "running").values(
            reminders_sent=sent + 1,
            remind_at=_remind_at(specs.get(clock.clock_id.partition("#")[0]), utc(clock.due_at), utc(clock.started_at),
                                 sent + 1),
        ).execution_options(synchronize_session=False)).rowcount
        if not claimed:
            continue
        case = session.get(CaseRow, clock.case_id)
        assert case is not None
        note = f"{clock.name} 将于 {profile.calendar.local(clock.due_at):%Y-%m-%d %H:%M} 到期"
        notify.enqueue(session, profile, settings, case, purpose="remind", discriminator=f"{clock.id}.{sent}",
                       departments=[case.department_id, *(case.assisting or [])], now=now, note=note)
        _event(session, case, "clock_reminded", {"clock": clock.clock_id, "grade": clock.grade, "note": note}, now)
        counts["reminders"] += 1
        log.info("reminder for clock %s", clock.clock_id, extra={"case": case.id, "item": case.item_id})
    breached = session.scalars(select(CaseClockRow).where(
        CaseClockRow.status == "running", CaseClockRow.due_at <= now).order_by(CaseClockRow.due_at).limit(500)).all()
    for clock in breached:
        claimed = session.execute(update(CaseClockRow).where(
            CaseClockRow.id == clock.id, CaseClockRow.status == "running").values(
            status="breached", breached_at=now, remind_at=None).execution_options(
            synchronize_session=False)).rowcount
        if not claimed:
            continue
        case = session.get(CaseRow, clock.case_id)
        assert case is not None
        spec = specs.get(clock.clock_id.partition("#")[0])
        targets = [profile.resolve_target(t) for t in (spec.escalate_to if spec else ("desk", "leader"))]
        purpose = "unacknowledged" if clock.stop_on == "已签收" else "breach"
        note = f"{clock.name} 已于 {profile.calendar.local(clock.due_at):%Y-%m-%d %H:%M} 超时"
        notify.enqueue(session, profile, settings, case, purpose=purpose, discriminator=str(clock.id),
                       departments=[case.department_id, *targets], now=now, note=note)
        _event(session, case, "clock_breached",
               {"clock": clock.clock_id, "grade": clock.grade, "escalated_to": targets, "note": note}, now)
        counts["breaches"] += 1
        log.warning("clock %s breached, escalated to %s", clock.clock_id, ",".join(targets),
                    extra={"case": case.id, "item": case.item_id})
    return counts


def _event(session: Session, case: CaseRow, action: str, detail: dict, now: datetime) -> None:
    session.add(CaseEventRow(case_id=case.id, at=now, actor=SYSTEM, action=action, from_status=case.status,
                             to_status=case.status, detail=detail))
