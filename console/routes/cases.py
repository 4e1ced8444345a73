"""The 预警台 (inbox), its live rows, the case page and the case actions, the case library."""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response, StreamingResponse
from sqlalchemy import select

from console import access, audit, eventlog, inbox, live
from console.access import AccessDenied
from console.roles import HANDLER, LEADER, Principal
from console.web import Id, Posted, WebError, checked, client_ip, console, posted, principal, redirect, render
from core.contracts import utcnow
from router import approvals, disclosure
from router.cases import OPEN, TRANSFERABLE, CaseDetail, CaseError
from router.policy import CASE_STATUSES, Profile
from store.case_tables import CaseEventRow
from store.tables import CaseRow, ItemRow

log = logging.getLogger(__name__)
router = APIRouter()
Form = Annotated[Posted, Depends(posted)]
Who = Annotated[Principal, Depends(principal)]
REVIEW_FIELDS = (("cause", "起因"), ("nature", "性质"), ("impact", "影响"), ("responsibility", "责任"),
                 ("lessons", "经验教训"))


def _filter(request: Request) -> inbox.InboxFilter:
    app = console(request)
    try:
        return inbox.InboxFilter.parse(dict(request.query_params), app.settings.search_max_chars)
    except inbox.FilterError as exc:
        raise WebError(400, str(exc)) from exc


def _choices(request: Request) -> dict:
    app = console(request)
    profile = app.profile
    return {"grades": profile.grades, "topics": list(profile.topics),
            "departments": [(d.id, d.name) for d in profile.departments.values()],
            "statuses": inbox.STATUS_NAMES, "periods": inbox.PERIOD_NAMES, "kinds": inbox.SOURCE_KIND_NAMES,
            "tiers": inbox.TIER_NAMES, "unsigned_states": inbox.UNSIGNED}


def _render_inbox(request: Request, who: Principal, template: str) -> tuple[Response, inbox.InboxPage]:
    access.require(who, "cases.read", "查看案件")
    app = console(request)
    flt = _filter(request)
    with app.store.sessions() as session:
        page = inbox.load_page(session, who, flt, app.settings.page_size, utcnow(), app.profile.calendar.tz)
    return render(request, template, who, page=page, flt=flt, **_choices(request)), page


@router.get("/")
def inbox_page(request: Request, who: Who) -> Response:
    return _render_inbox(request, who, "inbox.html")[0]


@router.get("/inbox/rows")
def inbox_rows(request: Request, who: Who) -> Response:
    """The inbox rows alone, for the page's live refresh (polling fetch)."""
    response, page = _render_inbox(request, who, "inbox_rows.html")
    response.headers["X-Total"] = str(page.total)
    response.headers["X-Unsigned"] = str(page.unsigned)
    return response


@router.get("/inbox/events")
async def inbox_events(request: Request, who: Who) -> Response:
    """Server-sent events: the person's 未签收 count now and after every change of the cases."""
    access.require(who, "cases.read", "查看案件")
    app = console(request)

    def count() -> int:
        with app.store.sessions() as session:
            return live.unsigned_count(session, who)

    return StreamingResponse(live.stream(app.live, count, request.is_disconnected), media_type="text/event-stream",
                             headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})


def _case_context(request: Request, who: Principal, case_id: int) -> dict:
    app = console(request)
    with app.store.sessions() as session:
        case = access.visible_case(session, who, case_id)
        item = session.get(ItemRow, case.item_id)
        review = session.scalars(select(CaseEventRow).where(
            CaseEventRow.case_id == case.id, CaseEventRow.to_status == "办结", CaseEventRow.action == "status")
            .order_by(CaseEventRow.id.desc())).first()
        incident = access.incident_view(session, who, case)
        detail = app.cases.show(case_id)
        clock_names = {c.clock_id: c.name for c in detail.clocks} if detail.clocks else {}
        log_lines = eventlog.render(session, who, detail.events, dept=app.dept_name, local=app.local,
                                    clock_names={**{s.id: s.name for s in app.profile.clocks}, **clock_names})
    routing = detail.case.routing or {}
    is_lead = who.role != HANDLER or case.department_id == who.department_id
    given = approvals.given(detail.events)
    raised = approvals.flags_on(detail.events)
    profile = app.profile
    may_flag = (who.can("cases.act") or who.can("cases.approve")) and is_lead

    def mine(a: approvals.Approval) -> bool:
        # A sign-off is a leader's; a record (书面报告, 会商意见) may be entered by the department that writes it.
        if not (who.can("cases.approve") or (a.kind == approvals.RECORD and who.can("cases.act"))):
            return False
        # A leader or handler gives it for their own department; the desk records one given on paper.
        return who.role not in (LEADER, HANDLER) or (
            who.department_id is not None and a.may_give(who.department_id, case.department_id))

    open_for = {approvals.RESPOND: detail.case.status in OPEN and detail.case.status != "已回应",
                approvals.CLOSE: detail.case.status in OPEN}
    signoffs = [{"id": a.id, "describe": a.describe(profile.departments), "label": a.label, "verb": a.verb,
                 "given": given.get(a.id), "mine": mine(a) and open_for[a.before], "before": a.before,
                 "participants": a.participants}
                for a in approvals.required(profile.approvals, detail.case.grade, raised)]
    flags = {"raised": [{"id": f.id, "name": f.name, "note": raised[f.id].get("note", "")}
                        for f in profile.flags if f.id in raised],
             "choices": [(f.id, f.name + (f"（{f.basis}）" if f.basis else "")) for f in profile.flags
                         if f.id not in raised and f.applies(detail.case.grade)] if may_flag else [],
             "may": may_flag and detail.case.status in OPEN}
    speaking = _disclosures(who, detail, profile)
    # An assisting department signs once; its receipt is an event, the case status stays the lead's.
    signed = any(e.action == "receipt" and (e.detail or {}).get("department") == who.department_id
                 for e in detail.events)
    return {"detail": detail, "case": detail.case, "item": item, "routing": routing, "is_lead": is_lead,
            "incident": incident, "signed": signed, "log_lines": log_lines,
            "review": (review.detail or {}).get("summary", "") if review else "",
            "open": detail.case.status in OPEN, "transferable": detail.case.status in TRANSFERABLE,
            "signoffs": signoffs, "flags": flags, "has_flags": bool(profile.flags), "disclosures": speaking,
            "statuses": CASE_STATUSES, "review_fields": REVIEW_FIELDS, **_choices(request)}


def _disclosures(who: Principal, detail: CaseDetail, profile: Profile) -> dict | None:
    """The 对外披露 card: the rule in words, what was recorded, and the form for the outlet's spokesperson."""
    rule = profile.disclosure
    if rule is None:
        return None
    case = detail.case
    steps = disclosure.citable(rule, profile.approvals, case.grade, approvals.flags_on(detail.events))
    given = approvals.given_events(detail.events)
    speakers = rule.speakers(case.department_id)
    # The 网络发言人 is a leader of the outlet (分管领导); the desk records one given on the spokesperson's behalf.
    may = who.can("cases.approve") and (who.role != LEADER or who.department_id in speakers)
    return {"rule": rule.describe(profile.departments, steps), "kinds": rule.kinds,
            "recorded": [e.detail or {} for e in disclosure.recorded(detail.events)],
            "cite": [(a.id, a.label, str((given[a.id].detail or {}).get("note", ""))) for a in steps if a.id in given],
            "speakers": speakers, "may": may, "choose": who.role != LEADER}


@router.get("/cases/{case_id}")
def case_page(request: Request, case_id: Id, who: Who) -> Response:
    context = _case_context(request, who, case_id)
    app = console(request)
    with app.store.sessions() as session, session.begin():
        audit.record(session, who.username, "case_viewed", f"case:{case_id}", ip=client_ip(request))
    return render(request, "case.html", who, **context)


ACTIONS = {"ack", "handle", "respond", "close", "evaluate", "transfer", "assist", "grade", "approve", "flag",
           "unflag", "disclose"}


@router.post("/cases/{case_id}/{action}")
def case_action(request: Request, case_id: Id, action: str, who: Who, data: Form) -> Response:
    values = checked(request, who, data)
    if action not in ACTIONS:
        raise WebError(404, f"没有“{action[:20]}”这一操作")
    app = console(request)
    try:
        version = int(values.get("version", "")[:12])
    except ValueError as exc:
        raise WebError(400, "缺少案件版本号，请刷新页面后重试") from exc
    with app.store.sessions() as session:
        case = access.visible_case(session, who, case_id)
    service = app.cases
    actor = who.actor
    try:
        if action == "ack":
            access.require(who, "cases.act", "签收")
            dept = who.department_id if who.role == HANDLER else None
            service.acknowledge(case_id, actor, department_id=dept, expected_version=version)
            done = "已签收"
        elif action == "handle":
            access.require(who, "cases.act", "处置案件")
            access.require_lead(who, case, "开始处置")
            service.start_handling(case_id, actor, values.get("note", ""), expected_version=version)
            done = "已开始处置"
        elif action == "respond":
            access.require(who, "cases.act", "记录回应")
            access.require_lead(who, case, "记录回应")
            service.respond(case_id, actor, values.get("note", ""), expected_version=version)
            done = "已记录回应"
        elif action == "close":
            access.require(who, "cases.act", "办结案件")
            access.require_lead(who, case, "办结")
            missing = [label for key, label in REVIEW_FIELDS if not values.get(key, "").strip()]
            if missing:
                raise WebError(400, f"办结须填写评估总结：{'、'.join(missing)} 未填写，未作任何修改")
            summary = "\n".join(f"{label}：{values[key].strip()}" for key, label in REVIEW_FIELDS)
            service.close(case_id, actor, summary, expected_version=version)
            done = "已办结，评估总结已存入案例库"
        elif action == "approve":
            spec = next((a for a in app.profile.approvals if a.id == values.get("approval")), None)
            # A record is written by a department (its handler may enter it); a sign-off is a leader's.
            if spec is None or spec.kind != approvals.RECORD or not who.can("cases.act"):
                access.require(who, "cases.approve", "审定回应")
            # A leader signs for their own department; the desk records a sign-off given on paper.
            dept = who.department_id if who.role in (LEADER, HANDLER) else None
            service.approve(case_id, values.get("approval", ""), actor, values.get("note", ""), department_id=dept,
                            participants=[d for d in data.lists.get("participants", []) if d],
                            expected_version=version)
            done = "已登记" + (spec.label if spec else "")
        elif action == "disclose":
            # 统一出口: the outlet's spokesperson (a leader), or the desk recording on their behalf.
            access.require(who, "cases.approve", "登记对外披露")
            dept = who.department_id if who.role == LEADER else values.get("department") or case.department_id
            service.disclose(case_id, values.get("kind", ""), values.get("caliber", ""), actor,
                             values.get("content", ""), department_id=dept or "", media=values.get("media", ""),
                             expected_version=version)
            done = "已登记" + values.get("kind", "对外披露")[:20]
        elif action in ("flag", "unflag"):
            if not (who.can("cases.act") or who.can("cases.approve")):
                raise AccessDenied(f"{who.role_name}无权标记特殊情形")
            access.require_lead(who, case, "标记特殊情形")
            if action == "flag":
                dept = who.department_id if who.role in (LEADER, HANDLER) else None
                service.flag(case_id, values.get("flag", ""), actor, values.get("note", ""), department_id=dept,
                             expected_version=version)
                done = "已标记，须办环节已通知相关部门"
            else:
                service.unflag(case_id, values.get("flag", ""), actor, values.get("reason", ""),
                               expected_version=version)
                done = "已撤销标记"
        elif action == "evaluate":
            access.require(who, "cases.evaluate", "评估")
            service.evaluate(case_id, actor, values.get("assessment", ""), expected_version=version)
            done = "已评估"
        elif action == "transfer":
            access.require(who, "cases.route", "转办")
            access.require_lead(who, case, "转办")
            service.transfer(case_id, values.get("to", ""), values.get("reason", ""), actor, expected_version=version)
            done = f"已转办至 {app.dept_name(values.get('to'))}"
        elif action == "assist":
            access.require(who, "cases.route", "设定会办")
            access.require_lead(who, case, "设定会办单位")
            depts = [d for d in data.lists.get("departments", []) if d]
            service.set_assisting(case_id, depts, actor, values.get("reason", ""), expected_version=version)
            done = "已设定会办单位"
        else:
            access.require(who, "cases.grade", "调整分级")
            service.change_grade(case_id, values.get("grade", ""), values.get("reason", ""), actor,
                                 expected_version=version)
            done = f"分级已调整为 {values.get('grade')}"
    except CaseError as exc:
        log.info("case action %s refused: %s", action, exc, extra={"case": case_id})
        return render(request, "case.html", who, status=409, error=str(exc),
                      **_case_context(request, who, case_id))
    except (AccessDenied, WebError) as exc:
        status = exc.status if isinstance(exc, WebError) else 403
        message = exc.message if isinstance(exc, WebError) else str(exc)
        if isinstance(exc, AccessDenied):
            with app.store.sessions() as session, session.begin():
                audit.record(session, who.username, "access_denied", request.url.path[:128],
                             {"method": "POST", "reason": message}, client_ip(request))
        return render(request, "case.html", who, status=status, error=message, **_case_context(request, who, case_id))
    # A handler who transferred the case away no longer sees it: back to the inbox.
    target = f"/cases/{case_id}"
    if action == "transfer" and who.role == HANDLER:
        target = "/"
    return redirect(target, flash=f"案件 {case_id}：{done}")


@router.get("/library")
def library(request: Request, who: Who) -> Response:
    """案例库: the closed cases with their 评估总结, within the person's scope."""
    access.require(who, "cases.read", "查看案例库")
    app = console(request)
    flt = _filter(request)
    q = flt.q
    with app.store.sessions() as session:
        query = access.cases_with_items(who).where(CaseRow.status.in_(("办结", "已评估")))
        if q:
            query = query.where(ItemRow.title.icontains(q, autoescape=True))
        rows = session.execute(query.order_by(CaseRow.closed_at.desc(), CaseRow.id.desc()).limit(200)).all()
        ids = [c.id for c, _ in rows]
        summaries: dict[int, str] = {}
        if ids:
            for ev in session.scalars(select(CaseEventRow).where(
                    CaseEventRow.case_id.in_(ids), CaseEventRow.action == "status",
                    CaseEventRow.to_status == "办结").order_by(CaseEventRow.id)):
                summaries[ev.case_id] = (ev.detail or {}).get("summary", "")
    entries = [{"case": c, "item": i, "summary": summaries.get(c.id, "")} for c, i in rows]
    return render(request, "library.html", who, entries=entries, q=q)
