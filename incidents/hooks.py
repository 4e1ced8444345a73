"""The router side of incidents: a per-item hook for ``RouterProcessor(on_routed=[...])``.

The hook runs in the router's batch transaction after the item's case is opened: it assigns the
item to its incident, links a new incident to that case, and compares the incident's grade with
the grade of the incident's case. When the incident is graver, ``on_upgrade`` gets the case and
the change (new grade, reasons, whether it is the profile's gravest: then the leaders are to be
told). The router supplies the callbacks, so this package never changes cases itself.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import event
from sqlalchemy.orm import Session

from core.contracts import ScoredItem
from incidents.config import IncidentRules, default_rules
from incidents.service import (
    Assignment,
    GradeChange,
    ResponseTarget,
    assign,
    finish,
    is_response,
    link_case,
    prepare,
    response_target,
)
from store.tables import CaseRow

log = logging.getLogger(__name__)

UpgradeCallback = Callable[[Session, CaseRow, GradeChange, datetime], None]
AssignmentCallback = Callable[[Session, CaseRow, Assignment, datetime], None]
FinishCallback = Callable[[Session], None]


class IncidentsHook:
    """``hook(session, scored, case, outcome, now)``: the router's ``RoutedHook``.

    * ``on_upgrade(session, incident_case, change, now)``: the incident is graver than its case.
    * ``on_joined(session, item_case, assignment, now)``: the item joined an existing incident (its
      own case is a repeat of the incident's: the router may fold it in or silence it).
    * ``on_response(session, incident_case, assignment, now)``: the office's own response arrived.
    * ``on_finish(session)``: the batch (or a part of it) is done; a callback that buffered its
      writes per item does them now, in the same transaction.
    ``assignments`` keeps the batch's results for the caller (cleared by :meth:`take`).
    """

    def __init__(self, rules: IncidentRules | None = None, *, on_upgrade: UpgradeCallback | None = None,
                 on_joined: AssignmentCallback | None = None, on_response: AssignmentCallback | None = None,
                 on_finish: FinishCallback | None = None) -> None:
        self.rules = rules or default_rules()
        self.on_upgrade = on_upgrade
        self.on_joined = on_joined
        self.on_response = on_response
        self.on_finish = on_finish
        self.assignments: list[Assignment] = []

    # The router's ResponseFinder (router.cases): an official response joins its incident's case.
    def candidate(self, scored: ScoredItem) -> bool:
        """Whether ``scored`` may be an official response (own tier or source and a response term)."""
        return is_response(scored, self.rules)

    def target(self, session: Session, scored: ScoredItem, now: datetime) -> ResponseTarget | None:
        """The incident (with a case) that ``scored``, an official response, answers: the router joins
        the item to that case instead of opening one (see :func:`incidents.service.response_target`)."""
        return response_target(session, scored, now, self.rules)

    def prepare(self, session: Session, items: list[ScoredItem]) -> None:
        """Called once per router batch before the per-item calls (see :func:`incidents.service.prepare`)."""
        prepare(session, items, self.rules)

    def finish(self, session: Session) -> None:
        """Called after the per-item calls of a batch (or of each part of it), before it commits: the
        grouping's buffered writes (see :func:`incidents.service.finish`), then ``on_finish``."""
        finish(session)
        if self.on_finish is not None:
            self.on_finish(session)

    @staticmethod
    def _case(session: Session, case_id: int) -> CaseRow | None:
        # Kept referenced for the batch's transaction: every item of a story asks for the same case.
        cases: dict[int, CaseRow | None] = session.info.setdefault("incident_cases", {})
        transaction = session.get_transaction()
        if session.info.get("incident_cases_tx") is not transaction:
            cases.clear()
            session.info["incident_cases_tx"] = transaction
        if case_id not in cases:
            cases[case_id] = session.get(CaseRow, case_id)
        return cases[case_id]

    def take(self) -> list[Assignment]:
        done, self.assignments = self.assignments, []
        return done

    def __call__(self, session: Session, scored: ScoredItem, case: CaseRow | None, outcome: str,
                 now: datetime) -> None:
        self._finish_at_commit(session)
        # The incidents this batch locked are written once, when the router's batch flushes or
        # commits, not once per item: a story with hundreds of items in a batch is one UPDATE.
        with session.no_autoflush:
            self._call(session, scored, case, outcome, now)

    def _finish_at_commit(self, session: Session) -> None:
        # A caller that never calls finish() (one item at a time, outside the router) loses
        # nothing: what the hook and its callbacks buffered is written before the commit. After
        # the router's own finish() there is nothing left, so this writes nothing.
        key = f"incidents_hook_finish_{id(self)}"
        if not session.info.get(key):
            event.listen(session, "before_commit", self.finish)
            session.info[key] = True

    def _call(self, session: Session, scored: ScoredItem, case: CaseRow | None, outcome: str,
              now: datetime) -> None:
        # Items under the profile's intake open no case; they still count for the incident.
        a = assign(session, scored, now, self.rules)
        self.assignments.append(a)
        case_id = a.case_id
        if case is not None and case_id is None:
            # The incident's case is the case of its first item that has one.
            link_case(session, a.incident_id, case.id, now)
            case_id = case.id
        if case_id is None:
            return
        incident_case = case if case is not None and case.id == case_id else self._case(session, case_id)
        if incident_case is None:
            log.warning("incident case %s is gone", case_id, extra={"item": a.item_id, "incident": a.incident_id})
            return
        if case is not None and case.id != incident_case.id and a.how != "replay" and self.on_joined is not None:
            self.on_joined(session, case, a, now)
        if (a.grade is not None and a.grade_rank is not None and self.on_upgrade is not None
                and a.grade_rank < incident_case.grade_rank):
            change = a.upgrade or GradeChange(
                a.incident_id, incident_case.grade, a.grade, incident_case.grade_rank, a.grade_rank, a.grade_reasons,
                applied=True, to_top=a.grade_rank == 0)
            if change.from_grade != incident_case.grade:
                # The case may lag the incident (e.g. a person changed it): say what the case had.
                change = GradeChange(change.incident_id, incident_case.grade, change.to_grade,
                                     incident_case.grade_rank, change.to_rank, change.reasons, True, change.to_top)
            log.info("incident graver than its case: %s → %s", change.from_grade, change.to_grade,
                     extra={"item": a.item_id, "incident": a.incident_id, "case": incident_case.id})
            self.on_upgrade(session, incident_case, change, now)
        if a.responded_now and self.on_response is not None:
            self.on_response(session, incident_case, a, now)
