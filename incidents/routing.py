"""Reference wiring of incidents into the router: one call builds the ``on_routed`` hook.

    from incidents.routing import router_hook
    processor = RouterProcessor(settings, holder, factory, on_routed=[router_hook(settings, holder)])

* An incident graver than its case re-grades the case in the batch transaction with the router's
  own grade change (new clocks from discovery, ``regrade`` notices to the lead, assisting and
  copied departments, a ``grade_changed`` line in the audit log); a change to the profile's gravest
  grade also notifies the leader the profile names (``escalation.leader``).
* The office's own response and every item that joins an incident are written to the audit log of
  the cases concerned (``incident_responded``, ``incident_joined``).
* :func:`sweep_and_note` (from the clock ticker) ages incidents out of the index and writes a
  ``incident_quiet`` (建议平息) line to the case of each incident proposed for closing.
* ``fold_joined=True`` also holds back the pending notifications of an item that joined an
  existing incident (status ``suppressed``, kept, with the reason in its case's log): staff get
  one alert per story plus the re-grades. Off by default: it changes who is told what, an office
  decides it.

This module uses the router's in-transaction case API (``cases.change_grade_in_session``,
``cases.record_event``); the router owns
them, and this is the place to follow them when they change.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import update
from sqlalchemy.orm import Session

from incidents import text
from incidents.config import IncidentRules
from incidents.hooks import IncidentsHook
from incidents.service import Assignment, GradeChange, Sweep, sweep
from router import cases, notify
from router.policy import Profile
from router.settings import RouterSettings
from store.case_tables import NotificationRow
from store.tables import CaseRow

ACTOR = "系统（事件研判）"


def router_hook(settings: RouterSettings, profile: Callable[[], Profile] | Profile,
                rules: IncidentRules | None = None, *, fold_joined: bool = False) -> IncidentsHook:
    current: Callable[[], Profile] = profile if callable(profile) else (lambda: profile)
    # The router builds its hook at start: the dictionaries load then, not on the first item.
    text.warm_up()

    def regrade(session: Session, case: CaseRow, change: GradeChange, now: datetime) -> None:
        p = current()
        if case.status not in cases.OPEN or change.to_grade not in p.grades:
            return
        if p.rank(change.to_grade) >= case.grade_rank:
            return  # a person (or an earlier batch) already put the case this high
        cases.change_grade_in_session(session, p, settings, case, change.to_grade, change.reason_text, ACTOR, now)
        if change.to_top:
            told = {case.department_id, *(case.assisting or []), *(case.routing or {}).get("copies", [])}
            leader = p.resolve_target("leader")
            if leader not in told:
                notify.enqueue(session, p, settings, case, purpose="regrade",
                               discriminator=f"{change.to_grade}-leader", departments=[leader], now=now,
                               note=change.reason_text)

    def joined(session: Session, item_case: CaseRow, a: Assignment, now: datetime) -> None:
        # Noted per item, written per batch part (finish): one statement per incident, not per item.
        _joins(session).append((item_case, a, now))

    def finish(session: Session) -> None:
        joins = _joins(session)
        pending, joins[:] = list(joins), []
        held: Counter[int] = Counter()
        if fold_joined:
            by_incident: dict[str, list[int]] = {}
            for item_case, a, _ in pending:
                by_incident.setdefault(a.incident_id, []).append(item_case.id)
            for incident_id, case_ids in sorted(by_incident.items()):
                held.update(session.scalars(
                    update(NotificationRow).where(
                        NotificationRow.case_id.in_(case_ids), NotificationRow.status == "pending",
                        NotificationRow.attempts == 0)
                    .values(status="suppressed", last_error=f"归并至事件 {incident_id}")
                    .returning(NotificationRow.case_id).execution_options(synchronize_session=False)))
        events = []
        for item_case, a, now in pending:
            detail = {"incident": a.incident_id, "incident_case": a.case_id, "how": a.how, "reason": a.reason}
            if fold_joined:
                detail["notifications_held"] = held.pop(item_case.id, 0)
            events.append(cases.event_values(item_case, ACTOR, "incident_joined", item_case.status, item_case.status,
                                             detail, now))
        cases.append_events(session, events)

    def responded(session: Session, case: CaseRow, a: Assignment, now: datetime) -> None:
        cases.record_event(session, case, ACTOR, "incident_responded", case.status, case.status,
                     {"incident": a.incident_id, "item": a.item_id,
                      "negativity_before": a.metrics.negativity_before_response}, now)

    return IncidentsHook(rules, on_upgrade=regrade, on_joined=joined, on_response=responded, on_finish=finish)


def _joins(session: Session) -> list[tuple[CaseRow, Assignment, datetime]]:
    """The joins noted in this transaction and not yet written (a failed batch's are dropped with it)."""
    transaction = session.get_transaction()
    noted = session.info.get("incident_joins")
    if noted is None or noted[0] is not transaction:
        noted = (transaction, [])
        session.info["incident_joins"] = noted
    return noted[1]


def sweep_and_note(session: Session, now: datetime, rules: IncidentRules | None = None) -> Sweep:
    """:func:`incidents.sweep`, and an ``incident_quiet`` line (建议平息) in each proposed incident's case log.

    Call it from the router's clock ticker every few minutes, in its own transaction; closing stays
    a person's decision (办结 with a summary).
    """
    swept = sweep(session, now, rules)
    for incident_id, case_id, why in swept.proposals:
        case = session.get(CaseRow, case_id) if case_id is not None else None
        if case is not None and case.status in cases.OPEN:
            cases.record_event(session, case, ACTOR, "incident_quiet", case.status, case.status,
                         {"incident": incident_id, "why": why, "proposal": "建议平息"}, now)
    return swept
