"""One-click receipt links (签收) from the router's notifications: ``/receipts/<token>``.

Opening the link shows what is being signed; the button posts it. A GET never changes anything,
so a mail scanner that follows links does not sign on anyone's behalf.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from console import websessions
from console.web import MAX_ID, Posted, WebError, console, posted, render
from router import receipts
from router.cases import CaseError

router = APIRouter()
Form = Annotated[Posted, Depends(posted)]


def _verify(request: Request, token: str) -> receipts.Receipt:
    app = console(request)
    if len(token) > 2000:
        raise WebError(400, "签收链接格式不对")
    try:
        result = receipts.verify(token, app.receipt_secret)
    except (OverflowError, ValueError, OSError, TypeError) as exc:
        # Signed but out of range (an expiry past year 9999, an id that is no number).
        raise WebError(400, "签收链接内容无效（有效期或编号超出范围），请在控制台签收") from exc
    if not isinstance(result, receipts.Receipt):
        raise WebError(400, result.reason)
    if not 1 <= result.case_id <= MAX_ID:
        raise WebError(400, "签收链接内容无效（案件编号超出范围），请在控制台签收")
    return result


def _page(request: Request, token: str, receipt: receipts.Receipt, **extra: object) -> Response:
    app = console(request)
    pre = request.cookies.get(app.cookie(websessions.PRE_COOKIE)) or websessions.new_pre_token()
    response = render(request, "receipt.html", None, receipt=receipt, token=token,
                      department=app.dept_name(receipt.department_id),
                      receipt_csrf=websessions.pre_csrf(app.settings.secret_key, pre), **extra)
    app.set_cookie(response, websessions.PRE_COOKIE, pre)
    return response


@router.get("/receipts/{token}")
def receipt_form(request: Request, token: str) -> Response:
    return _page(request, token, _verify(request, token))


@router.post("/receipts/{token}")
def receipt_sign(request: Request, token: str, data: Form) -> Response:
    app = console(request)
    values = data
    pre = request.cookies.get(app.cookie(websessions.PRE_COOKIE)) or ""
    if not pre or not websessions.csrf_ok(websessions.pre_csrf(app.settings.secret_key, pre), values.get("csrf")):
        raise WebError(403, "签收表单已失效或来源不明（CSRF 校验失败），请重新打开签收链接")
    receipt = _verify(request, token)
    try:
        view = app.cases.acknowledge_receipt(token, app.receipt_secret)
    except CaseError as exc:
        return _page(request, token, receipt, error=str(exc))
    return _page(request, token, receipt, done=f"案件 {view.id} 已由 {app.dept_name(receipt.department_id)} 签收")
