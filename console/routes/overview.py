"""The overview page."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from console import access, overview
from console.inbox import SOURCE_KIND_NAMES
from console.roles import Principal
from console.web import WebError, console, principal, render
from core.contracts import utcnow
from router import ops_alerts

router = APIRouter()
Who = Annotated[Principal, Depends(principal)]


@router.get("/overview")
def overview_page(request: Request, who: Who) -> Response:
    access.require(who, "overview", "查看总览")
    app = console(request)
    period = request.query_params.get("period", "30d")
    if period not in overview.PERIODS:
        raise WebError(400, "时间范围只能是 近7天、近30天 或 近90天")
    with app.store.sessions() as session:
        data = overview.build(session, who, app.profile, overview.PERIODS[period], utcnow())
        alerts = ops_alerts.recent(session, 10)
    data.sources, data.sources_note = overview.source_health(app.settings.store)
    peak = max([n for _, n in data.trend] + [1])
    return render(request, "overview.html", who, data=data, period=period, periods=overview.PERIODS, peak=peak,
                  kind_name=lambda k: SOURCE_KIND_NAMES.get(k, k), ops_alerts=alerts,
                  ops_kind=lambda k: ops_alerts.KIND_NAMES.get(k, k))
