"""Reports: generate, edit, save as draft, export as DOCX or PDF."""

from __future__ import annotations

import logging
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from console import access, audit, exports
from console.reports import CASE_KINDS, KINDS, Report, ReportBuilder, ReportError
from console.roles import DESK, LEADER, Principal
from console.web import (
    Id,
    Posted,
    WebError,
    bounded_id,
    checked,
    client_ip,
    console,
    posted,
    principal,
    redirect,
    render,
)
from core.contracts import utcnow
from store.console_tables import ConsoleReportDraftRow

log = logging.getLogger(__name__)
router = APIRouter()
Form = Annotated[Posted, Depends(posted)]
Who = Annotated[Principal, Depends(principal)]
SHARED_DRAFTS = {DESK, LEADER, "admin"}


def _drafts_query(who: Principal):  # type: ignore[no-untyped-def]
    query = select(ConsoleReportDraftRow)
    if who.role not in SHARED_DRAFTS:
        query = query.where(ConsoleReportDraftRow.created_by == who.username)
    return query


def _draft(session: Session, who: Principal, draft_id: int) -> tuple[ConsoleReportDraftRow, Report]:
    row = session.scalar(_drafts_query(who).where(ConsoleReportDraftRow.id == draft_id))
    if row is None:
        raise WebError(404, f"报告草稿 {draft_id} 不存在，或不是您的草稿")
    if row.kind in CASE_KINDS:
        # A case may have moved to another department since the draft was written.
        access.visible_case(session, who, bounded_id(str(row.params.get("case", "")), "案件编号"))
    return row, Report.from_content(row.kind, row.title, row.params, row.content)


@router.get("/reports")
def reports_home(request: Request, who: Who) -> Response:
    access.require(who, "reports", "使用报告")
    app = console(request)
    with app.store.sessions() as session:
        drafts = session.scalars(_drafts_query(who).order_by(ConsoleReportDraftRow.updated_at.desc()).limit(100)).all()
    today = app.local(utcnow(), "%Y-%m-%d")
    return render(request, "reports.html", who, drafts=drafts, kinds=KINDS, today=today)


@router.get("/reports/new")
def report_new(request: Request, who: Who) -> Response:
    access.require(who, "reports", "使用报告")
    app = console(request)
    kind = request.query_params.get("kind", "")
    params = {k: request.query_params.get(k, "")[:32] for k in ("case", "date")}
    with app.store.sessions() as session:
        try:
            report = ReportBuilder(session, who, app.profile).build(kind, params)
        except ReportError as exc:
            raise WebError(400, str(exc)) from exc
    return render(request, "report_edit.html", who, report=report, draft=None, params=params)


@router.get("/reports/{draft_id}")
def report_open(request: Request, draft_id: Id, who: Who) -> Response:
    access.require(who, "reports", "使用报告")
    app = console(request)
    with app.store.sessions() as session:
        row, report = _draft(session, who, draft_id)
    return render(request, "report_edit.html", who, report=report, draft=row, params=row.params)


@router.post("/reports/save")
def report_save(request: Request, who: Who, data: Form) -> Response:
    access.require(who, "reports", "使用报告")
    values = checked(request, who, data)
    app = console(request)
    then = values.get("then", "save")
    if then not in ("save", "docx", "pdf"):
        raise WebError(400, "未知的操作")
    now = utcnow()
    with app.store.sessions() as session, session.begin():
        draft_id = values.get("draft", "")
        if draft_id:
            row, report = _draft(session, who, bounded_id(draft_id, "草稿编号"))
            try:
                expected = int(values.get("version", "")[:12])
            except ValueError as exc:
                raise WebError(400, "缺少草稿版本号，请刷新后重试") from exc
            if row.version != expected:
                raise WebError(409, "草稿已被他人修改，未保存；请刷新后重试")
        else:
            kind = values.get("kind", "")
            params = {k: values.get(k, "")[:32] for k in ("case", "date")}
            try:
                report = ReportBuilder(session, who, app.profile).build(kind, params)
            except ReportError as exc:
                raise WebError(400, str(exc)) from exc
            row = ConsoleReportDraftRow(kind=report.kind, title=report.title, params=report.params, content={},
                                        created_by=who.username, created_at=now, updated_at=now, version=0)
            session.add(row)
        report.update(values.get("title", ""), {k[2:]: v for k, v in values.items() if k.startswith("f_")})
        row.title, row.content, row.updated_at = report.title, report.content(), now
        row.version = (row.version or 0) + 1
        session.flush()
        audit.record(session, who.username, "report_saved", f"draft:{row.id}", {"kind": row.kind}, client_ip(request))
        saved = row.id
    if then != "save":
        return redirect(f"/reports/{saved}/export.{then}")
    return redirect(f"/reports/{saved}", flash="报告已保存")


@router.get("/reports/{draft_id}/export.{fmt}")
def report_export(request: Request, draft_id: Id, fmt: str, who: Who) -> Response:
    access.require(who, "reports", "导出报告")
    if fmt not in ("docx", "pdf"):
        raise WebError(404, "只能导出 DOCX 或 PDF")
    app = console(request)
    with app.store.sessions() as session, session.begin():
        row, report = _draft(session, who, draft_id)
        audit.record(session, who.username, "report_exported", f"draft:{row.id}", {"format": fmt}, client_ip(request))
    try:
        data = exports.report_docx(report) if fmt == "docx" else exports.report_pdf(report)
    except exports.ExportError as exc:
        raise WebError(503, str(exc)) from exc
    media = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document" if fmt == "docx"
             else "application/pdf")
    name = f"{KINDS.get(row.kind, '报告')}-{row.id}.{fmt}"
    return Response(data, media_type=media,
                    headers={"Content-Disposition": f"attachment; filename=report-{row.id}.{fmt}; "
                                                    f"filename*=UTF-8''{quote(name)}"})
