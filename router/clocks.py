"""Deadline clocks: opened at discovery from the grade's clock specs, run from the store.

Each clock names the unit that owes it (``owner``: the lead, the 属地 office, the 领导小组, the
reporter of an upward report). The ticker (:func:`tick`) finds clocks whose reminder or due time
has passed, claims each by a compare-and-set on its row (so two tickers never send the same
reminder), reminds the owner (the lead's own clocks also remind the assisting departments) and, on
breach, tells the owner and the escalation targets the clock names.
Nothing lives in process memory: a restarted router picks up where the store says.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from router import notify
from router.policy import CASE_STATUSES, OPEN_STATUSES, ClockSpec, Labels, Profile
from router.settings import RouterSettings
from router.timeutil import UNCOVERED, utc
from router.timeutil import now as utcnow
from store.case_tables import CaseClockRow, CaseEventRow
from store.items import insert_for
from store.tables import CaseRow

log = logging.getLogger(__name__)
SYSTEM = "系统"
# The audit action of working-day clocks counted past the holiday file.
UNCOVERED_EVENT = "clock_uncovered"


def _remind_at(spec: ClockSpec | None, due_at: datetime, started_at: datetime, sent: int) -> datetime | None:
    if spec is None or sent >= len(spec.remind_before):
        return None
    moment = due_at - timedelta(minutes=spec.remind_before[sent].minutes)
    return max(moment, started_at)


def clock_values(profile: Profile, case_id: int, grade: str, start: datetime, *, lead: str | None = None,
                 region: str | None = None, labels: Labels | None = None,
                 posted_at: datetime | None = None) -> list[dict]:
    """The rows of the grade's clocks that apply to a case, started at discovery (``start``) or, for
    a clock the seed counts from the post, at ``posted_at`` (when known and not later)."""
    rows = []
    for spec in profile.clocks_for(grade, labels):
        begin = utc(start)
        if spec.start == "post" and posted_at is not None and utc(posted_at) < begin:
            begin = utc(posted_at)
        due_at = profile.calendar.due(begin, spec.due)
        rows.append({
            "case_id": case_id, "clock_id": spec.id, "name": spec.marked, "grade": grade, "started_at": begin,
            "due_at": due_at, "working_days": bool(spec.due.working_days),
            "remind_at": _remind_at(spec, due_at, begin, 0), "reminders_sent": 0, "status": "running",
            "stop_on": spec.stop_on, "met_at": None, "breached_at": None,
            "owner": profile.owner_of(spec, lead, region) if lead is not None else None,
        })
    return rows


def uncovered(profile: Profile, rows: list[dict]) -> dict[str, Any] | None:
    """The audit detail for the working-day clocks of ``rows`` counted past the holiday file (only
    weekends skipped), or None: the case says so from the start, and :func:`recount` corrects them
    once the file covers their days."""
    calendar = profile.calendar
    late = [r for r in rows if r["working_days"] and calendar.uncovered(r["due_at"])]
    if not late:
        return None
    names = "、".join(f"{r['name']}（{calendar.local(r['due_at']):%Y-%m-%d %H:%M}）" for r in late)
    return {"clocks": [r["clock_id"] for r in late],
            "note": f"{UNCOVERED}：工作日历只覆盖至 {calendar.holidays.covers_to}，{names} 的到期时间可能有误"}


def recount(session: Session, profile: Profile, now: datetime) -> int:
    """Count again the running clocks a case noted as counted past the holiday file (``clock_uncovered``),
    by the calendar as it is now; each one that moves is noted on its case. Returns how many moved.

    The router calls it at start: bringing the holiday file up to date (a new year's 放假安排) and
    restarting corrects the deadlines counted by weekends alone."""
    specs = {s.id: s for s in profile.clocks}
    noted = session.execute(select(CaseEventRow.case_id, CaseEventRow.detail).join(
        CaseRow, CaseRow.id == CaseEventRow.case_id).where(
        CaseEventRow.action == UNCOVERED_EVENT, CaseRow.status.in_(OPEN_STATUSES))).all()
    wanted = {(case_id, clock_id) for case_id, detail in noted for clock_id in (detail or {}).get("clocks", [])}
    if not wanted:
        return 0
    rows = session.scalars(select(CaseClockRow).where(
        CaseClockRow.case_id.in_({c for c, _ in wanted}), CaseClockRow.status == "running")
        .order_by(CaseClockRow.id).with_for_update()).all()  # two routers starting at once recount once
    moved = 0
    for clock in rows:
        spec = specs.get(clock.clock_id.partition("#")[0])
        if (clock.case_id, clock.clock_id) not in wanted or spec is None or not spec.due.working_days:
            continue
        started, before = utc(clock.started_at), utc(clock.due_at)
        after = profile.calendar.due(started, spec.due)
        if after == before:
            continue
        clock.due_at, clock.remind_at = after, _remind_at(spec, after, started, clock.reminders_sent)
        case = session.get(CaseRow, clock.case_id)
        assert case is not None
        local = profile.calendar.local
        still = f"；仍超出工作日历，{UNCOVERED}" if profile.calendar.uncovered(after) else ""
        _event(session, case, "clock_recounted",
               {"clock": clock.clock_id, "grade": clock.grade,
                "note": f"工作日历已更新（覆盖至 {profile.calendar.holidays.covers_to}），{clock.name} 的到期时间由 "
                        f"{local(before):%Y-%m-%d %H:%M} 改为 {local(after):%Y-%m-%d %H:%M}{still}"}, now)
        moved += 1
        log.info("clock %s recounted by the updated calendar", clock.clock_id,
                 extra={"case": case.id, "item": case.item_id})
    return moved


def case_labels(case: CaseRow) -> Labels | None:
    """The labels a case was routed with (kept in its routing record), for clocks that depend on them."""
    saved = (case.routing or {}).get("labels")
    if not saved:
        return None
    return Labels(topic=saved.get("topic"), base_topic=saved.get("base_topic", ""), grade=case.grade,
                  region=case.region, source_kind=saved.get("source_kind", "news"),
                  source_tier=saved.get("source_tier", "unknown"), text=saved.get("text", ""),
                  signals=frozenset(saved.get("signals", ())))


def insert(session: Session, rows: list[dict]) -> None:
    """Insert clock rows in one statement; a clock already open (case, clock, grade) is kept as it is."""
    if rows:
        stmt = insert_for(session, CaseClockRow).on_conflict_do_nothing(
            index_elements=[CaseClockRow.case_id, CaseClockRow.clock_id, CaseClockRow.grade])
        session.connection().execute(stmt, rows)


def open_clocks(session: Session, profile: Profile, case: CaseRow, grade: str, start: datetime) -> list[str]:
    """Start the grade's clocks (idempotent per case, clock and grade); returns their ids."""
    posted = (case.routing or {}).get("posted_at")
    rows = clock_values(profile, case.id, grade, start, lead=case.department_id, region=case.region,
                        labels=case_labels(case), posted_at=datetime.fromisoformat(posted) if posted else None)
    _insert_noted(session, profile, case, rows, utcnow())
    return [r["clock_id"] for r in rows]


def restart_acknowledgement(session: Session, profile: Profile, case: CaseRow, old_lead: str,
                            now: datetime) -> tuple[list[str], list[str]]:
    """After a 转办 the new lead must sign: the old lead's running 签收 clocks stop (cancelled, kept
    in the record) and the grade's 签收 clocks run again for the new lead, from now.

    Returns (the stopped clock ids, the started clock ids).
    """
    running = session.scalars(select(CaseClockRow).where(
        CaseClockRow.case_id == case.id, CaseClockRow.status == "running",
        CaseClockRow.stop_on == "已签收")).all()
    stopped = []
    for row in running:
        if (row.owner or old_lead) == old_lead:
            row.status, row.remind_at = "cancelled", None
            stopped.append(row.clock_id)
    rows = [r for r in clock_values(profile, case.id, case.grade, now, lead=case.department_id, region=case.region,
                                    labels=case_labels(case)) if r["stop_on"] == "已签收"]
    for row in rows:
        # A new id per transfer (the case's version) keeps every earlier clock in the record.
        row["clock_id"] = f"{row['clock_id']}#{case.version}"
    _insert_noted(session, profile, case, rows, now)
    return stopped, [r["clock_id"] for r in rows]


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
        owner = clock.owner or case.department_id
        # The lead's own deadline concerns the departments assisting it; another unit's duty is its own.
        reminded = [owner, *(case.assisting or [])] if owner == case.department_id else [owner]
        notify.enqueue(session, profile, settings, case, purpose="remind", discriminator=f"{clock.id}.{sent}",
                       departments=reminded, now=now, note=note)
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
        owner = clock.owner or case.department_id
        due = profile.calendar.local(clock.due_at)
        note = f"{clock.name}（责任单位：{_name(profile, owner)}）已于 {due:%Y-%m-%d %H:%M} 超时"
        notify.enqueue(session, profile, settings, case, purpose=purpose, discriminator=str(clock.id),
                       departments=[owner, *targets], now=now, note=note)
        _event(session, case, "clock_breached",
               {"clock": clock.clock_id, "grade": clock.grade, "owner": owner, "escalated_to": targets,
                "note": note}, now)
        counts["breaches"] += 1
        log.warning("clock %s breached, escalated to %s", clock.clock_id, ",".join(targets),
                    extra={"case": case.id, "item": case.item_id})
    return counts


def _name(profile: Profile, dept_id: str) -> str:
    dept = profile.departments.get(dept_id)
    return dept.name if dept else dept_id


def _insert_noted(session: Session, profile: Profile, case: CaseRow, rows: list[dict], now: datetime) -> None:
    """Insert a case's new clocks, noting on the case those counted past the holiday file."""
    insert(session, rows)
    late = uncovered(profile, rows)
    if late:
        _event(session, case, UNCOVERED_EVENT, late, now)


def _event(session: Session, case: CaseRow, action: str, detail: dict, now: datetime) -> None:
    session.add(CaseEventRow(case_id=case.id, at=now, actor=SYSTEM, action=action, from_status=case.status,
                             to_status=case.status, detail=detail))
