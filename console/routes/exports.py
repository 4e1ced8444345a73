"""The case list as CSV or XLSX, with the inbox's filters, within the person's scope."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from console import access, audit, exports, inbox
from console.roles import Principal
from console.web import WebError, client_ip, console, principal
from core.contracts import utcnow

router = APIRouter()
Who = Annotated[Principal, Depends(principal)]
MAX_EXPORT = 20_000


@router.get("/cases/export.{fmt}")
def export_cases(request: Request, fmt: str, who: Who) -> Response:
    access.require(who, "cases.export", "导出案件")
    if fmt not in ("csv", "xlsx"):
        raise WebError(404, "只能导出 CSV 或 XLSX")
    app = console(request)
    try:
        flt = inbox.InboxFilter.parse(dict(request.query_params), app.settings.search_max_chars)
    except inbox.FilterError as exc:
        raise WebError(400, str(exc)) from exc
    now = utcnow()
    with app.store.sessions() as session, session.begin():
        query = inbox.filtered(who, flt, now, app.profile.calendar.tz)
        chosen = list(session.scalars(inbox.ordered(query).limit(MAX_EXPORT)))
        result = [pair for start in range(0, len(chosen), 1000)
                  for pair in inbox.with_items(session, chosen[start:start + 1000])]
        audit.record(session, who.username, "cases_exported", fmt, {"rows": len(result), **flt.query_args()},
                     client_ip(request))
    rows = [[c.id, c.grade, i.title, i.source_name, inbox.TIER_NAMES.get(i.source_tier, i.source_tier),
             inbox.SOURCE_KIND_NAMES.get(i.source_kind, i.source_kind), i.url, c.topic, app.dept_name(c.department_id),
             "、".join(app.dept_name(d) for d in c.assisting or []), c.status, c.region or "",
             app.local(c.discovered_at), app.local(c.acknowledged_at), app.local(c.closed_at),
             i.views if i.views is not None else "", i.replies if i.replies is not None else ""] for c, i in result]
    if fmt == "csv":
        data, media = exports.cases_csv(rows), "text/csv; charset=utf-8"
    else:
        data, media = exports.cases_xlsx(rows), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    stamp = app.local(now, "%Y%m%d-%H%M")
    return Response(data, media_type=media,
                    headers={"Content-Disposition": f"attachment; filename=cases-{stamp}.{fmt}"})


