"""Cases: one item before the department that answers for it, with a state machine and an audit log.

新建 → 已预警 → 已签收 → 处置中 → 已回应 → 办结 → 已评估, plus 转办 (to another department, with a
reason), 会办 (a lead and assisting departments) and grade changes (with a reason). Every change
appends a :class:`store.case_tables.CaseEventRow`; nothing is ever deleted. :class:`CaseService`
is the API the CLI and the web console call; invalid requests raise :class:`CaseError` with a
message in Chinese for the operator.
"""

from __future__ import annotations

import functools
import logging
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from core.contracts import ScoredItem
from core.errors import ConfigError
from core.settings import StoreSettings
from core.sourcekinds import never_own_notice
from router import approvals, clocks, disclosure, notify, receipts
from router.policy import CASE_STATUSES, OPEN_STATUSES, Decision, Labels, Profile
from router.settings import RouterSettings
from router.timeutil import now as utcnow
from router.timeutil import utc
from store.case_tables import CaseClockRow, CaseEventRow, NotificationRow
from store.db import make_engine, sessions
from store.tables import CaseRow, ItemRow

log = logging.getLogger(__name__)

NEW, ALERTED, ACKED, HANDLING, RESPONDED, CLOSED, EVALUATED = CASE_STATUSES
# The forward steps of the state machine; 转办 and grade changes are separate operations.
TRANSITIONS: dict[str, frozenset[str]] = {
    NEW: frozenset({ALERTED, ACKED}),
    ALERTED: frozenset({ACKED}),
    ACKED: frozenset({HANDLING, RESPONDED}),
    HANDLING: frozenset({RESPONDED}),
    RESPONDED: frozenset({HANDLING, CLOSED}),
    CLOSED: frozenset({EVALUATED}),
    EVALUATED: frozenset(),
}
OPEN = OPEN_STATUSES
TRANSFERABLE = (NEW, ALERTED, ACKED, HANDLING)
SYSTEM = "系统"


class CaseError(Exception):
    """A request the case does not allow; the message is for the operator."""


class CaseNotFound(CaseError):
    pass


# ---------------------------------------------------------------------------------------------
# Opening and updating cases from scored items (the processor's side)


BELOW_INTAKE = "below_intake"
# An official response (通报, 情况说明) to an incident that already has a case: it joins that case.
RESPONSE = "response"


class ResponseFinder(Protocol):
    """Which incident's case an official response answers (incidents.IncidentsHook)."""

    def candidate(self, scored: ScoredItem) -> bool:
        """Whether the item may be an official response (no store access)."""
        ...

    def target(self, session: Session, scored: ScoredItem, now: datetime) -> Any:
        """The incident (``incident_id``, ``case_id``) it answers, or None."""
        ...


def labels_for(profile: Profile, scored: ScoredItem, grade: str) -> Labels:
    item = scored.item
    region = item.source.region or (item.region_hints[0] if item.region_hints else None)
    text = f"{item.title}\n{item.text}"
    return Labels(topic=profile.base_to_topic.get(scored.topic), base_topic=scored.topic, grade=grade, region=region,
                  source_kind=item.source.kind, source_tier=item.source.tier, text=text,
                  signals=signals_in(profile, text))


def signals_in(profile: Profile, text: str) -> frozenset[str]:
    """The emergency signals (死亡, 受伤 …) in a text, by the profile's grading lexicon (classifier.grading);
    its default lexicon when the profile has no grading.yaml."""
    rules = _grading(str(profile.path.parent) if profile.path else "")
    if rules is not None:
        return frozenset(rules.find_signals(text))
    from classifier.grading import DEFAULT_SIGNALS

    return frozenset(name for name, terms in DEFAULT_SIGNALS.items() if any(t in text for t in terms))


@functools.lru_cache(maxsize=16)
def _grading(folder: str) -> Any:
    from classifier.grading import load_rules

    if not folder or not (Path(folder) / "grading.yaml").is_file():
        return None
    try:
        return load_rules(Path(folder))
    except ConfigError as exc:
        log.warning("no grading lexicon for signals in %s: %s", folder, exc)
        return None


def _saved_labels(labels: Labels) -> dict[str, Any]:
    # Kept with the case so a clock opened later (a grade change, a 转办) sees the same labels.
    return {"topic": labels.topic, "base_topic": labels.base_topic, "source_kind": labels.source_kind,
            "source_tier": labels.source_tier, "text": labels.text[:2000], "signals": sorted(labels.signals)}


def open_or_update(session: Session, profile: Profile, settings: RouterSettings, scored: ScoredItem,
                   now: datetime) -> tuple[CaseRow | None, str]:
    """Create the item's case, or apply a re-score to it; idempotent per item id.

    Returns the case and what happened: ``created``, ``unchanged``, ``upgraded``, ``inhibited``,
    ``lower``, or ``below_intake`` (no case: the item is under the profile's intake).
    """
    ((case, outcome),) = open_batch(session, profile, settings, [scored], now)
    return case, outcome


def open_batch(session: Session, profile: Profile, settings: RouterSettings, batch: Sequence[ScoredItem],
               now: datetime, responses: ResponseFinder | None = None) -> list[tuple[CaseRow | None, str]]:
    """Open the cases of a batch of scored items (the item id is the key; replays change nothing).

    New cases, their audit lines, clocks and outbox rows are written in a few bulk statements;
    an item that already has a case (or appears twice) is a re-score, handled one by one. An item
    below the profile's intake opens no case (``None``, ``below_intake``); it is stored all the same.
    An official response to an incident that has a case (``responses`` finds it) opens none either:
    it joins that case (the case, ``response``) and the incidents hook records it as the response.
    """
    ids = list(dict.fromkeys(s.item.id for s in batch))
    existing = {c.item_id: c for c in session.scalars(select(CaseRow).where(CaseRow.item_id.in_(ids)))}
    fresh: dict[str, tuple[ScoredItem, CaseRow, Decision, str]] = {}
    below: set[str] = set()
    answered: dict[str, CaseRow] = {}
    for scored in batch:
        if scored.item.id in existing or scored.item.id in fresh or scored.item.id in answered:
            continue
        # An item of a kind that is never the office's own notice (a 转办单) is never its response.
        target = (responses.target(session, scored, now)
                  if responses is not None and not never_own_notice(scored.item.source.kind) else None)
        joined = session.get(CaseRow, target.case_id) if target is not None else None
        if joined is not None:
            answered[scored.item.id] = joined
            log.info("official response joins case %s (incident %s)", joined.id, target.incident_id,
                     extra={"case": joined.id, "item": scored.item.id})
            continue
        grade, grade_note = profile.grade_for(scored.grade.level, scored.grade.rank)
        if not profile.intake.admits(scored.negativity, scored.relevance, profile.rank(grade), profile,
                                     scored.item.source.tier, scored.item.engagement, scored.item.source.kind):
            below.add(scored.item.id)
            continue
        below.discard(scored.item.id)
        labels = labels_for(profile, scored, grade)
        decision = profile.route(labels, now)
        routing = {
            "path": list(decision.path), "lead": decision.lead, "assisting": list(decision.assisting),
            "copies": list(decision.copies),
            "reasons": [*([grade_note] if grade_note else []), *decision.reasons,
                        *([f"研判使用的策略为 {scored.profile}，转办按 {profile.name}"]
                          if scored.profile != profile.name else [])],
            "grade_reasons": list(scored.grade.reasons), "base_topic": scored.topic, "policy": profile.name,
            "silenced": decision.silence is not None,
            "labels": _saved_labels(labels),
            "posted_at": utc(scored.item.published_at).isoformat() if scored.item.published_at else None,
        }
        case = CaseRow(
            item_id=scored.item.id, profile=profile.name, topic=decision.topic, grade=grade,
            grade_rank=profile.rank(grade), department_id=decision.lead, status=NEW, routing=routing,
            discovered_at=utc(scored.item.fetched_at), created_at=now, updated_at=now, region=labels.region,
            assisting=list(decision.assisting), version=0)
        fresh[scored.item.id] = (scored, case, decision, grade)
    if fresh:
        # The unique item_id makes a concurrent duplicate fail the batch, which is then retried.
        session.add_all([case for _, case, _, _ in fresh.values()])
        session.flush()
    clock_rows: list[dict] = []
    outbox: list[dict] = []
    events: list[dict] = []
    for scored, case, decision, grade in fresh.values():
        events.append(event_values(case, SYSTEM, "created", None, NEW, {"routing": case.routing, "grade": grade}, now))
        rows = clocks.clock_values(profile, case.id, grade, case.discovered_at, lead=case.department_id,
                                   region=case.region, labels=clocks.case_labels(case),
                                   posted_at=scored.item.published_at)
        clock_rows.extend(rows)
        late = clocks.uncovered(profile, rows)
        if late:
            events.append(event_values(case, SYSTEM, clocks.UNCOVERED_EVENT, NEW, NEW, late, now))
        if decision.silence is not None:
            events.append(event_values(
                case, SYSTEM, "silenced", NEW, NEW,
                {"reason": decision.silence.reason, "until": decision.silence.until.isoformat(),
                 "by": decision.silence.by}, now))
        else:
            item = scored.item
            facts = notify.ItemFacts(title=item.title, text=item.text, source_name=item.source.name, url=item.url,
                                     views=item.engagement.views, replies=item.engagement.replies)
            lines = sorted((notify.ClockFacts(r["name"], r["due_at"], working_days=r["working_days"]) for r in rows),
                           key=lambda c: c.due_at)
            shared = notify.sheet(profile, case, facts, lines)
            for purpose, departments in (("alert", [decision.lead]), ("assist", decision.assisting),
                                         ("copy", decision.copies)):
                outbox.extend(notify.build(profile, settings, case, facts, lines, purpose=purpose,
                                           departments=departments, discriminator=grade, now=now, shared=shared))
        log.info("case opened for %s (%s, %s)", decision.lead, decision.topic, grade,
                 extra={"case": case.id, "item": case.item_id})
    append_events(session, events)
    clocks.insert(session, clock_rows)
    notify.insert(session, outbox)
    results: list[tuple[CaseRow | None, str]] = []
    created: set[str] = set()
    for scored in batch:
        item_id = scored.item.id
        if item_id in answered:
            results.append((answered[item_id], RESPONSE))
            continue
        if item_id in below and item_id not in fresh:
            results.append((None, BELOW_INTAKE))
            continue
        if item_id in fresh and item_id not in created:
            created.add(item_id)
            results.append((fresh[item_id][1], "created"))
            continue
        case = existing.get(item_id) or fresh[item_id][1]
        grade, _ = profile.grade_for(scored.grade.level, scored.grade.rank)
        results.append((case, _rescore(session, profile, settings, case, scored, grade, now)))
    return results


def _rescore(session: Session, profile: Profile, settings: RouterSettings, case: CaseRow, scored: ScoredItem,
             grade: str, now: datetime) -> str:
    if grade == case.grade or grade not in profile.grades or case.status not in OPEN:
        return "unchanged"
    new_rank = profile.rank(grade)
    detail = {"from": case.grade, "to": grade, "reasons": list(scored.grade.reasons), "model": scored.model_version}
    if new_rank < case.grade_rank:
        change_grade_in_session(session, profile, settings, case, grade, "研判升级：" + "；".join(scored.grade.reasons),
                      SYSTEM, now)
        return "upgraded"
    # A lower grade while a graver one is open: recorded, never re-sent when a rule inhibits it.
    if profile.mutes(case.grade, grade):
        if not _has_event(session, case, "inhibited", grade):
            record_event(session, case, SYSTEM, "inhibited", case.status, case.status, {**detail, "grade": grade}, now)
        return "inhibited"
    if not _has_event(session, case, "lower_grade_suggested", grade):
        record_event(session, case, SYSTEM, "lower_grade_suggested", case.status, case.status,
                     {**detail, "grade": grade}, now)
    return "lower"


def _has_event(session: Session, case: CaseRow, action: str, grade: str) -> bool:
    rows = session.scalars(select(CaseEventRow.detail).where(
        CaseEventRow.case_id == case.id, CaseEventRow.action == action)).all()
    return any(d.get("grade") == grade for d in rows)


def change_grade_in_session(session: Session, profile: Profile, settings: RouterSettings, case: CaseRow, grade: str,
                            reason: str, actor: str, now: datetime) -> None:
    """Re-grade a case inside the caller's transaction: new clocks, notices and an audit line."""
    old = case.grade
    case.grade, case.grade_rank, case.updated_at = grade, profile.rank(grade), now
    case.version += 1
    cancelled = clocks.cancel_running(session, case, now, grade=old)
    opened = clocks.open_clocks(session, profile, case, grade, utc(case.discovered_at))
    record_event(session, case, actor, "grade_changed", case.status, case.status,
           {"from": old, "to": grade, "reason": reason, "clocks_cancelled": cancelled, "clocks_opened": opened,
            "grade": grade}, now)
    routing = case.routing or {}
    notify.enqueue(session, profile, settings, case, purpose="regrade", discriminator=grade,
                   departments=[case.department_id, *(case.assisting or []), *routing.get("copies", [])],
                   now=now, note=f"{old} → {grade}：{reason}")


def record_event(session: Session, case: CaseRow, actor: str, action: str, from_status: str | None,
                 to_status: str | None, detail: dict[str, Any], now: datetime) -> None:
    """Append a line to the case's audit log, inside the caller's transaction."""
    session.add(CaseEventRow(**event_values(case, actor, action, from_status, to_status, detail, now)))


def event_values(case: CaseRow, actor: str, action: str, from_status: str | None, to_status: str | None,
                 detail: dict[str, Any], now: datetime) -> dict[str, Any]:
    """An audit line as values, for :func:`append_events`."""
    return {"case_id": case.id, "at": now, "actor": actor, "action": action, "from_status": from_status,
            "to_status": to_status, "detail": detail}


_INSERT_EVENT = CaseEventRow.__table__.insert()


def append_events(session: Session, rows: list[dict[str, Any]]) -> None:
    """Append many audit lines (:func:`event_values`) in one statement, after those already added:
    a batch writes thousands, and one ORM object each (read back for its id) costs more than the
    rest of the line."""
    if rows:
        session.flush()  # the lines added before keep their place in the log
        session.connection().execute(_INSERT_EVENT, rows)


def mark_alerted(session: Session, case_id: int, department_id: str, now: datetime) -> None:
    """The first delivered alert to the lead moves a new case to 已预警."""
    case = session.get(CaseRow, case_id)
    if case is None or case.status != NEW or case.department_id != department_id:
        return
    case.status, case.updated_at = ALERTED, now
    case.version += 1
    record_event(session, case, SYSTEM, "alerted", NEW, ALERTED, {"department": department_id}, now)


# ---------------------------------------------------------------------------------------------
# The case API (CLI and console)


@dataclass(frozen=True, slots=True)
class CaseView:
    id: int
    item_id: str
    title: str
    url: str
    source: str
    profile: str
    topic: str
    grade: str
    grade_rank: int
    status: str
    department_id: str
    assisting: tuple[str, ...]
    copies: tuple[str, ...]
    region: str | None
    discovered_at: datetime
    updated_at: datetime
    acknowledged_at: datetime | None
    closed_at: datetime | None
    version: int
    routing: dict[str, Any]


@dataclass(frozen=True, slots=True)
class EventView:
    id: int
    at: datetime
    actor: str
    action: str
    from_status: str | None
    to_status: str | None
    detail: dict[str, Any]


@dataclass(frozen=True, slots=True)
class ClockView:
    clock_id: str
    name: str
    grade: str
    started_at: datetime
    due_at: datetime
    status: str
    reminders_sent: int
    met_at: datetime | None
    breached_at: datetime | None
    # The department that owes it, and a warning when its working days run past the calendar.
    owner: str = ""
    calendar_warning: str = ""


@dataclass(frozen=True, slots=True)
class NotificationView:
    id: int
    purpose: str
    department_id: str
    channel_kind: str
    status: str
    attempts: int
    next_attempt_at: datetime
    last_error: str | None
    sent_at: datetime | None


@dataclass(frozen=True, slots=True)
class CaseDetail:
    case: CaseView
    events: tuple[EventView, ...]
    clocks: tuple[ClockView, ...]
    notifications: tuple[NotificationView, ...]


def _view(case: CaseRow, item: ItemRow | None) -> CaseView:
    routing = case.routing or {}
    return CaseView(
        id=case.id, item_id=case.item_id, title=item.title if item else "", url=item.url if item else "",
        source=item.source_name if item else "", profile=case.profile, topic=case.topic, grade=case.grade,
        grade_rank=case.grade_rank, status=case.status, department_id=case.department_id,
        assisting=tuple(case.assisting or ()), copies=tuple(routing.get("copies", ())), region=case.region,
        discovered_at=utc(case.discovered_at), updated_at=utc(case.updated_at),
        acknowledged_at=utc(case.acknowledged_at) if case.acknowledged_at else None,
        closed_at=utc(case.closed_at) if case.closed_at else None, version=case.version, routing=routing)


class CaseService:
    """The case API. Each call is one transaction; ``expected_version`` guards concurrent edits."""

    def __init__(self, store: StoreSettings | sessionmaker[Session], profile: Profile | Callable[[], Profile],
                 settings: RouterSettings | None = None) -> None:
        self._sessions = store if isinstance(store, sessionmaker) else sessions(make_engine(store))
        self._profile = profile if callable(profile) else (lambda: profile)
        self._settings = settings or RouterSettings()

    @property
    def profile(self) -> Profile:
        return self._profile()

    # -- reading

    def list(self, *, status: str | None = None, department: str | None = None, grade: str | None = None,
             open_only: bool = False, limit: int = 100) -> list[CaseView]:
        with self._sessions() as session:
            query = select(CaseRow, ItemRow).join(ItemRow, ItemRow.id == CaseRow.item_id)
            if status:
                if status not in CASE_STATUSES:
                    raise CaseError(f"没有“{status}”这一状态；可选：{'、'.join(CASE_STATUSES)}")
                query = query.where(CaseRow.status == status)
            if open_only:
                query = query.where(CaseRow.status.in_(OPEN))
            if department:
                query = query.where(CaseRow.department_id == department)
            if grade:
                query = query.where(CaseRow.grade == grade)
            query = query.order_by(CaseRow.grade_rank, CaseRow.discovered_at.desc()).limit(limit)
            return [_view(c, i) for c, i in session.execute(query).all()]

    def show(self, case_id: int) -> CaseDetail:
        with self._sessions() as session:
            case = self._get(session, case_id)
            item = session.get(ItemRow, case.item_id)
            events = self._events(session, case_id)
            clock_rows = session.scalars(select(CaseClockRow).where(CaseClockRow.case_id == case_id)
                                         .order_by(CaseClockRow.due_at)).all()
            notes = session.scalars(select(NotificationRow).where(NotificationRow.case_id == case_id)
                                    .order_by(NotificationRow.id)).all()
            profile = self.profile
            return CaseDetail(
                case=_view(case, item),
                events=tuple(EventView(e.id, utc(e.at), e.actor, e.action, e.from_status, e.to_status, e.detail)
                             for e in events),
                clocks=tuple(ClockView(c.clock_id, c.name, c.grade, utc(c.started_at), utc(c.due_at), c.status,
                                       c.reminders_sent, utc(c.met_at) if c.met_at else None,
                                       utc(c.breached_at) if c.breached_at else None,
                                       owner=c.owner or case.department_id,
                                       calendar_warning=profile.calendar.beyond_coverage(
                                           utc(c.started_at), utc(c.due_at)) if c.working_days else "")
                             for c in clock_rows),
                notifications=tuple(NotificationView(n.id, n.purpose, n.department_id, n.channel_kind, n.status,
                                                     n.attempts, utc(n.next_attempt_at), n.last_error,
                                                     utc(n.sent_at) if n.sent_at else None) for n in notes))

    def upward_reports(self, case_id: int, clock_id: str | None = None) -> list[Any]:
        """The upward reports (快报, 《网上舆情》, 专报 …) the case owes, written from it (router/upward.py)."""
        from router import upward

        with self._sessions() as session:
            self._get(session, case_id)
            return upward.for_case(session, self.profile, case_id, clock_id)

    # -- state machine

    def acknowledge(self, case_id: int, actor: str, *, department_id: str | None = None,
                    expected_version: int | None = None) -> CaseView:
        """签收. By the lead: the case moves to 已签收; by an assisting or copied office: noted only."""
        def apply(session: Session, case: CaseRow, now: datetime) -> None:
            dept = department_id or case.department_id
            if dept != case.department_id:
                involved = {*(case.assisting or []), *(case.routing or {}).get("copies", [])}
                if dept not in involved:
                    raise CaseError(f"{self._name(dept)} 不是案件 {case.id} 的主办、会办或抄送单位，不能签收")
                signed = session.scalars(select(CaseEventRow.detail).where(
                    CaseEventRow.case_id == case.id, CaseEventRow.action == "receipt")).all()
                if not any(d.get("department") == dept for d in signed):  # a second click adds nothing
                    record_event(session, case, actor, "receipt", case.status, case.status, {"department": dept}, now)
                return
            if case.status == ACKED or case.status not in (NEW, ALERTED):
                if case.acknowledged_at is not None:
                    raise CaseError(f"案件 {case.id} 已于 {self._local(case.acknowledged_at)} 签收，无需重复签收")
                raise CaseError(f"案件 {case.id} 当前为“{case.status}”，不能签收")
            case.acknowledged_at = now
            self._move(session, case, ACKED, actor, now, {"department": dept})
        return self._apply(case_id, expected_version, apply, actor)

    def acknowledge_receipt(self, token: str, secret: str | None = None) -> CaseView:
        """签收 by a one-click link; the token names the case and the department."""
        receipt = receipts.verify(token, secret or receipts.receipt_key(self._settings))
        if not isinstance(receipt, receipts.Receipt):
            raise CaseError(receipt.reason)
        try:
            return self.acknowledge(receipt.case_id, f"签收链接:{receipt.department_id}",
                                    department_id=receipt.department_id)
        except CaseError as exc:
            if "无需重复签收" in str(exc):
                return self.get(receipt.case_id)
            raise

    def get(self, case_id: int) -> CaseView:
        with self._sessions() as session:
            case = self._get(session, case_id)
            return _view(case, session.get(ItemRow, case.item_id))

    def start_handling(self, case_id: int, actor: str, note: str = "", *,
                       expected_version: int | None = None) -> CaseView:
        return self._step(case_id, HANDLING, actor, {"note": note}, expected_version)

    def respond(self, case_id: int, actor: str, note: str, *, expected_version: int | None = None) -> CaseView:
        if not note.strip():
            raise CaseError("回应须写明回应内容或发布渠道")

        def apply(session: Session, case: CaseRow, now: datetime) -> None:
            self._check(case, RESPONDED)
            # The regulation lets no unit respond on its own: every sign-off of the grade comes first.
            self._require_steps(session, case, approvals.RESPOND, "回应")
            self._move(session, case, RESPONDED, actor, now, {"note": note})
        return self._apply(case_id, expected_version, apply, actor)

    def _require_steps(self, session: Session, case: CaseRow, before: str, doing: str) -> None:
        lacking = approvals.missing(self.profile.approvals, case.grade, self._events(session, case.id), before)
        if lacking:
            raise CaseError(f"案件 {case.id} 尚不能{doing}：" + "；".join(
                a.describe(self.profile.departments) + "，尚未" + a.verb for a in lacking))

    def flag(self, case_id: int, flag_id: str, actor: str, note: str, *, department_id: str | None = None,
             expected_version: int | None = None) -> CaseView:
        """Declare a circumstance (把握不准, 需市局协调, 上级要求调查) on a case: the steps that name it
        become required, and the departments who give them are told."""
        spec = self._flag_spec(flag_id)
        if not note.strip():
            raise CaseError(f"标记“{spec.name}”须写明情况说明")

        def apply(session: Session, case: CaseRow, now: datetime) -> None:
            if case.status not in OPEN:
                raise CaseError(f"案件 {case.id} 已“{case.status}”，不能再标记")
            if not spec.applies(case.grade):
                only = "、".join(sorted(spec.grades, key=self.profile.rank))
                raise CaseError(f"案件 {case.id} 为{case.grade}，“{spec.name}”只适用于{only}")
            events = self._events(session, case.id)
            if spec.id in approvals.flags_on(events):
                raise CaseError(f"案件 {case.id} 已标记“{spec.name}”")
            steps = [a for a in self.profile.approvals if a.flag == spec.id and a.applies(case.grade, {spec.id})]
            record_event(session, case, actor, approvals.FLAGGED, case.status, case.status,
                         {"flag": spec.id, "name": spec.name, "note": note, "department": department_id,
                          "requires": [a.id for a in steps]}, now)
            case.version += 1
            case.updated_at = now
            session.flush()
            # Who must act is told now: the steps' givers (the lead itself is told in its own words).
            givers = list(dict.fromkeys(d for a in steps for d in a.givers(case.department_id)))
            wanted = "；".join(a.describe(self.profile.departments, with_flag=False) for a in steps)
            notify.enqueue(session, self.profile, self._settings, case, purpose="flag",
                           discriminator=f"{spec.id}.{case.version}", departments=givers, now=now,
                           note=f"{spec.name}：{note}。{wanted}", with_receipt=False)
        return self._apply(case_id, expected_version, apply, actor)

    def unflag(self, case_id: int, flag_id: str, actor: str, reason: str, *,
               expected_version: int | None = None) -> CaseView:
        """Withdraw a flag raised by mistake (the reason is kept); steps already given stay on record."""
        spec = self._flag_spec(flag_id)
        if not reason.strip():
            raise CaseError(f"撤销标记“{spec.name}”须写明理由")

        def apply(session: Session, case: CaseRow, now: datetime) -> None:
            if case.status not in OPEN:
                raise CaseError(f"案件 {case.id} 已“{case.status}”，不能撤销标记")
            if spec.id not in approvals.flags_on(self._events(session, case.id)):
                raise CaseError(f"案件 {case.id} 没有标记“{spec.name}”")
            record_event(session, case, actor, approvals.UNFLAGGED, case.status, case.status,
                         {"flag": spec.id, "name": spec.name, "reason": reason}, now)
            case.version += 1
            case.updated_at = now
        return self._apply(case_id, expected_version, apply, actor)

    def _flag_spec(self, flag_id: str) -> approvals.Flag:
        spec = next((f for f in self.profile.flags if f.id == flag_id), None)
        if spec is None:
            known = "、".join(f"{f.id}（{f.name}）" for f in self.profile.flags) or "无（本预案未规定视情形的环节）"
            raise CaseError(f"没有“{flag_id}”这一标记；可选：{known}")
        return spec

    def approve(self, case_id: int, approval_id: str, actor: str, note: str, *, department_id: str | None = None,
                participants: Sequence[str] = (), expected_version: int | None = None) -> CaseView:
        """Record a step: a sign-off (审定, 审批, 审核, 同意) or a record (书面报告, 会商研判意见, 调查报告);
        ``department_id`` limits who may give it; a record with ``to`` is sent to those departments."""
        spec = next((a for a in self.profile.approvals if a.id == approval_id), None)
        if spec is None:
            known = "、".join(f"{a.id}（{a.label}）" for a in self.profile.approvals) or "无（本预案未规定审定）"
            raise CaseError(f"没有“{approval_id}”这一审定环节；可选：{known}")
        if not note.strip():
            raise CaseError(f"{spec.label}须写明意见（同意的稿件或修改意见）" if spec.kind == approvals.SIGNOFF
                            else f"{spec.label}须写明其内容")
        taking_part = list(dict.fromkeys(d for d in participants if d))
        for dept in taking_part:
            if dept not in self.profile.departments:
                raise CaseError(f"没有 id 为“{dept}”的部门")
        if spec.participants and not taking_part:
            raise CaseError(f"{spec.label}须写明参加的部门")
        if taking_part and not spec.participants:
            raise CaseError(f"{spec.label}不登记参加部门")

        def apply(session: Session, case: CaseRow, now: datetime) -> None:
            if department_id is not None and not spec.may_give(department_id, case.department_id):
                who = self._name(department_id)
                raise CaseError(f"{spec.describe(self.profile.departments)}，{who}不能{spec.verb}")
            last = CLOSED if spec.before == approvals.CLOSE else RESPONDED
            if case.status not in OPEN or (last == RESPONDED and case.status == RESPONDED):
                when = "办结前" if last == CLOSED else "回应前"
                raise CaseError(f"案件 {case.id} 当前为“{case.status}”，{when}才需{spec.label}")
            events = self._events(session, case.id)
            flags = approvals.flags_on(events)
            if not spec.applies(case.grade, flags):
                if spec.flag and spec.flag not in flags and (not spec.grades or case.grade in spec.grades):
                    raise CaseError(f"案件 {case.id} 未标记“{spec.flag_name}”，无需{spec.label}；"
                                    f"须先标记“{spec.flag_name}”并写明情况")
                raise CaseError(f"案件 {case.id} 为{case.grade}，本预案不要求{spec.label}")
            done = approvals.given(events)
            first = [a for a in self.profile.approvals if a.id in spec.after and a.applies(case.grade, flags)
                     and a.id not in done]
            if first:
                raise CaseError(f"须先{'、'.join(a.label for a in first)}，再{spec.label}")
            detail: dict[str, Any] = {"approval": spec.id, "what": spec.what, "verb": spec.verb, "note": note,
                                      "department": department_id}
            if spec.to:
                detail["sent_to"] = list(spec.to)
            if taking_part:
                detail["participants"] = taking_part
            record_event(session, case, actor, approvals.APPROVED, case.status, case.status, detail, now)
            case.version += 1
            case.updated_at = now
            session.flush()
            if spec.to:
                # 报, 请求: the record goes to the departments the regulation names.
                notify.enqueue(session, self.profile, self._settings, case, purpose="submit",
                               discriminator=f"{spec.id}.{case.version}", departments=spec.to, now=now,
                               note=f"{spec.label}：{note}", with_receipt=False)
            # 报审: whoever gives the step that waited on this one is told it is now theirs.
            done = {**done, spec.id: detail}
            due = {a.id for a in self.profile.approvals if a.applies(case.grade, flags)}
            for step in self.profile.approvals:
                if (spec.id in step.after and step.id in due and step.id not in done
                        and all(a in done for a in step.after if a in due)):
                    notify.enqueue(session, self.profile, self._settings, case, purpose="submit",
                                   discriminator=f"{step.id}.{case.version}",
                                   departments=step.givers(case.department_id), now=now,
                                   note=f"{spec.label}已登记，待{step.label}：{note}", with_receipt=False)
        return self._apply(case_id, expected_version, apply, actor)

    def disclose(self, case_id: int, kind: str, caliber: str, actor: str, content: str, *, department_id: str,
                 media: str = "", expected_version: int | None = None) -> CaseView:
        """Record an interview or a disclosure (接受媒体采访、对外披露信息): given by the case's outlet
        (统一出口), citing a 口径 given on the case (统一口径), stating no figure outside it (统一数据)."""
        rule = self.profile.disclosure
        if rule is None:
            raise CaseError("本预案未规定对外披露的登记（profile 未设 disclosure）")
        if kind not in rule.kinds:
            raise CaseError(f"没有“{kind}”这一对外披露方式；可选：{'、'.join(rule.kinds)}")
        if not content.strip():
            raise CaseError(f"登记{kind}须写明对外披露的要点（事实、数据、口径）")
        if not department_id:
            raise CaseError(f"登记{kind}须写明由哪个部门的{disclosure.SPEAKER}对外发布（统一出口）")
        if department_id not in self.profile.departments:
            raise CaseError(f"没有 id 为“{department_id}”的部门")

        def apply(session: Session, case: CaseRow, now: datetime) -> None:
            events = self._events(session, case.id)
            steps = disclosure.citable(rule, self.profile.approvals, case.grade, approvals.flags_on(events))
            if not rule.may_speak(department_id, case.department_id):
                outlet = "或".join(self._name(d) for d in rule.speakers(case.department_id))
                raise CaseError(f"统一出口：案件 {case.id} 的{kind}须由{outlet}的{disclosure.SPEAKER}统一进行，"
                                f"{self._name(department_id)}不能对外发布；请将材料交{outlet}")
            latest = approvals.given_events(events)
            ready = [a for a in steps if a.id in latest]
            if not ready:
                wanted = "；".join(a.describe(self.profile.departments) for a in steps) or "本案分级无经审核的口径"
                raise CaseError(f"统一口径：案件 {case.id} 尚无经审核的口径，不能登记{kind}；须先登记：{wanted}")
            cited = next((a for a in ready if a.id == caliber), None)
            if cited is None:
                raise CaseError(f"统一口径：{kind}须引用本案已登记的口径："
                                + "、".join(f"{a.id}（{a.label}）" for a in ready) + f"；“{caliber}”不在其中")
            source = latest[cited.id]
            text = str((source.detail or {}).get("note", ""))
            stray = disclosure.unmatched(content, text) if rule.figures else ()
            if stray:
                raise CaseError(f"统一数据：披露要点中的数字 {'、'.join(stray)} 不见于所引口径（{cited.label}，"
                                f"{self._local(source.at)} {source.actor}；口径以登记时写明的内容为准）。"
                                f"请按口径更正后登记；数据有变的，先更新口径（{cited.label}）再对外披露")
            record_event(session, case, actor, disclosure.DISCLOSED, case.status, case.status,
                         {"disclosure_kind": kind, "department": department_id, "caliber": cited.id,
                          "caliber_label": cited.label, "caliber_event": source.id, "content": content,
                          "media": media, "figures": list(disclosure.figures(content))}, now)
            case.version += 1
            case.updated_at = now
        return self._apply(case_id, expected_version, apply, actor)

    def close(self, case_id: int, actor: str, summary: str, *, expected_version: int | None = None) -> CaseView:
        """办结, with the summary (起因、性质、影响、责任、经验教训) for the case library."""
        if not summary.strip():
            raise CaseError("办结须填写处置总结（起因、性质、影响、责任、经验教训）")

        def apply(session: Session, case: CaseRow, now: datetime) -> None:
            self._check(case, CLOSED)
            self._require_steps(session, case, approvals.CLOSE, "办结")
            case.closed_at = now
            # Clocks that 办结 meets are met first; whatever still runs is cancelled with the case.
            self._move(session, case, CLOSED, actor, now, {"summary": summary})
            cancelled = clocks.cancel_running(session, case, now)
            if cancelled:
                record_event(session, case, actor, "clocks_cancelled", CLOSED, CLOSED, {"clocks": cancelled}, now)
        return self._apply(case_id, expected_version, apply, actor)

    def evaluate(self, case_id: int, actor: str, assessment: str, *,
                 expected_version: int | None = None) -> CaseView:
        if not assessment.strip():
            raise CaseError("评估须填写评估意见")
        return self._step(case_id, EVALUATED, actor, {"assessment": assessment}, expected_version)

    def transfer(self, case_id: int, to_department: str, reason: str, actor: str, *,
                 expected_version: int | None = None) -> CaseView:
        """转办: a new lead, who must sign again; the reason is required."""
        profile = self.profile
        if to_department not in profile.departments:
            raise CaseError(f"没有 id 为“{to_department}”的部门；可选：{'、'.join(profile.departments)}")
        if not reason.strip():
            raise CaseError("转办须写明理由")

        def apply(session: Session, case: CaseRow, now: datetime) -> None:
            if case.status not in TRANSFERABLE:
                raise CaseError(f"案件 {case.id} 当前为“{case.status}”，已回应或办结的案件不能转办")
            if to_department == case.department_id:
                raise CaseError(f"案件 {case.id} 已由 {self._name(to_department)} 主办，无需转办")
            old = case.department_id
            case.department_id = to_department
            case.assisting = [d for d in (case.assisting or []) if d != to_department]
            case.acknowledged_at = None
            from_status, to_status = case.status, ALERTED
            case.status, case.updated_at = to_status, now
            case.version += 1
            session.flush()
            stopped, started = clocks.restart_acknowledgement(session, profile, case, old, now)
            record_event(session, case, actor, "transferred", from_status, to_status,
                         {"from": old, "to": to_department, "reason": reason, "clocks_stopped": stopped,
                          "clocks_started": started}, now)
            notify.enqueue(session, profile, self._settings, case, purpose="transfer",
                           discriminator=f"{old}>{to_department}.{case.version}", departments=[to_department],
                           now=now, note=f"由 {self._name(old)} 转办：{reason}")
        return self._apply(case_id, expected_version, apply, actor)

    def set_assisting(self, case_id: int, assisting: list[str], actor: str, reason: str = "", *,
                      lead: str | None = None, expected_version: int | None = None) -> CaseView:
        """会办: name the assisting departments (and, optionally, a new lead in the same step)."""
        profile = self.profile
        for dept in [*assisting, *([lead] if lead else [])]:
            if dept not in profile.departments:
                raise CaseError(f"没有 id 为“{dept}”的部门")

        def apply(session: Session, case: CaseRow, now: datetime) -> None:
            if case.status not in OPEN:
                raise CaseError(f"案件 {case.id} 已“{case.status}”，不能调整会办单位")
            if lead and lead != case.department_id:
                raise CaseError("更换主办单位请用转办（须写明理由）")
            new = [d for d in dict.fromkeys(assisting) if d != case.department_id]
            added = [d for d in new if d not in (case.assisting or [])]
            record_event(session, case, actor, "assisting_set", case.status, case.status,
                   {"from": list(case.assisting or []), "to": new, "reason": reason}, now)
            case.assisting, case.updated_at = new, now
            case.version += 1
            session.flush()
            notify.enqueue(session, profile, self._settings, case, purpose="assist",
                           discriminator=f"v{case.version}", departments=added, now=now, note=reason)
        return self._apply(case_id, expected_version, apply, actor)

    def change_grade(self, case_id: int, grade: str, reason: str, actor: str, *,
                     expected_version: int | None = None) -> CaseView:
        """A grade change with its reason; the new grade's clocks start from discovery."""
        profile = self.profile
        if grade not in profile.grades:
            raise CaseError(f"“{grade}”不是本策略的分级；可选：{'、'.join(profile.grades)}")
        if not reason.strip():
            raise CaseError("调整分级须写明理由")

        def apply(session: Session, case: CaseRow, now: datetime) -> None:
            if case.status not in OPEN:
                raise CaseError(f"案件 {case.id} 已“{case.status}”，不能调整分级")
            if grade == case.grade:
                raise CaseError(f"案件 {case.id} 已是“{grade}”")
            change_grade_in_session(session, profile, self._settings, case, grade, reason, actor, now)
        return self._apply(case_id, expected_version, apply, actor)

    def complete_clock(self, case_id: int, clock_id: str, actor: str, note: str = "") -> CaseView:
        """Mark a deadline met that no status stops (e.g. 书面报告已报送)."""
        def apply(session: Session, case: CaseRow, now: datetime) -> None:
            if not clocks.complete(session, case, clock_id, now):
                raise CaseError(f"案件 {case.id} 没有正在计时的“{clock_id}”时限")
            record_event(session, case, actor, "clock_met", case.status, case.status,
                         {"clock": clock_id, "note": note}, now)
            case.version += 1
            case.updated_at = now
        return self._apply(case_id, None, apply, actor)

    # -- helpers

    @staticmethod
    def _events(session: Session, case_id: int) -> Sequence[CaseEventRow]:
        return session.scalars(select(CaseEventRow).where(CaseEventRow.case_id == case_id)
                               .order_by(CaseEventRow.id)).all()

    def _step(self, case_id: int, to_status: str, actor: str, detail: dict[str, Any],
              expected_version: int | None) -> CaseView:
        def apply(session: Session, case: CaseRow, now: datetime) -> None:
            self._check(case, to_status)
            self._move(session, case, to_status, actor, now, detail)
        return self._apply(case_id, expected_version, apply, actor)

    @staticmethod
    def _check(case: CaseRow, to_status: str) -> None:
        if to_status not in TRANSITIONS[case.status]:
            allowed = "、".join(sorted(TRANSITIONS[case.status], key=CASE_STATUSES.index)) or "无（已是最终状态）"
            raise CaseError(f"案件 {case.id} 当前为“{case.status}”，不能直接变为“{to_status}”；可变为：{allowed}")

    def _move(self, session: Session, case: CaseRow, to_status: str, actor: str, now: datetime,
              detail: dict[str, Any]) -> None:
        met = clocks.stop_for_status(session, case, to_status, now)
        record_event(session, case, actor, "status", case.status, to_status, {**detail, "clocks_met": met}, now)
        case.status, case.updated_at = to_status, now
        case.version += 1

    def _apply(self, case_id: int, expected_version: int | None,
               apply: Callable[[Session, CaseRow, datetime], None], actor: str) -> CaseView:
        if not actor.strip():
            raise CaseError("须写明操作人（谁做的）")
        with self._sessions() as session, session.begin():
            case = self._get(session, case_id, lock=True)
            if expected_version is not None and case.version != expected_version:
                raise CaseError(f"案件 {case.id} 已被他人修改（版本 {case.version}），请刷新后重试")
            now = utcnow()
            apply(session, case, now)
            session.flush()
            view = _view(case, session.get(ItemRow, case.item_id))
        log.info("case changed: %s %s", view.status, view.department_id, extra={"case": case_id, "item": view.item_id})
        return view

    @staticmethod
    def _get(session: Session, case_id: int, lock: bool = False) -> CaseRow:
        query = select(CaseRow).where(CaseRow.id == case_id)
        if lock:
            query = query.with_for_update()
        case = session.scalar(query)
        if case is None:
            raise CaseNotFound(f"没有编号为 {case_id} 的案件")
        return case

    def _name(self, dept_id: str) -> str:
        dept = self.profile.departments.get(dept_id)
        return dept.name if dept else dept_id

    def _local(self, moment: datetime) -> str:
        return self.profile.calendar.local(moment).strftime("%Y-%m-%d %H:%M")


# ---------------------------------------------------------------------------------------------
# Summary for `yuqing status`


def summary(store_settings: StoreSettings, now: datetime | None = None) -> dict[str, Any]:
    """Counts by status, grade and department; undeliverable notifications; overdue clocks."""
    moment = utc(now) if now else utcnow()
    engine = make_engine(store_settings)
    try:
        with sessions(engine)() as session:
            rows = session.execute(select(CaseRow.status, CaseRow.grade, CaseRow.department_id)).all()
            undeliverable = session.execute(
                select(NotificationRow.id, NotificationRow.case_id, NotificationRow.department_id,
                       NotificationRow.channel_kind, NotificationRow.last_error)
                .where(NotificationRow.status == "undeliverable").order_by(NotificationRow.id.desc()).limit(20)).all()
            undeliverable_count = session.scalar(
                select(func.count()).select_from(NotificationRow).where(NotificationRow.status == "undeliverable"))
            pending = session.scalar(
                select(func.count()).select_from(NotificationRow).where(NotificationRow.status == "pending"))
            overdue = session.execute(
                select(CaseClockRow.case_id, CaseClockRow.clock_id, CaseClockRow.name, CaseClockRow.due_at,
                       CaseClockRow.status, func.coalesce(CaseClockRow.owner, CaseRow.department_id).label("owner"))
                .join(CaseRow, CaseRow.id == CaseClockRow.case_id)
                .where(CaseRow.status.in_(OPEN))
                .where((CaseClockRow.status == "breached")
                       | ((CaseClockRow.status == "running") & (CaseClockRow.due_at <= moment)))
                .order_by(CaseClockRow.due_at).limit(50)).all()
    except SQLAlchemyError as exc:
        return {"error": f"store unavailable: {type(exc).__name__}"}
    finally:
        engine.dispose()
    return {
        "cases": len(rows),
        "by_status": dict(Counter(r.status for r in rows)),
        "by_grade": dict(Counter(r.grade for r in rows)),
        "by_department": dict(Counter(r.department_id for r in rows)),
        "open": sum(1 for r in rows if r.status in OPEN),
        "notifications_pending": pending or 0,
        "undeliverable": undeliverable_count or 0,
        "undeliverable_recent": [
            {"id": u.id, "case": u.case_id, "department": u.department_id, "channel": u.channel_kind,
             "error": u.last_error} for u in undeliverable],
        "overdue_clocks": len(overdue),
        "overdue": [{"case": o.case_id, "clock": o.clock_id, "name": o.name, "due_at": utc(o.due_at).isoformat(),
                     "status": o.status, "owner": o.owner} for o in overdue],
    }
