"""Which cases a person may see: the one place every case read and every case action goes through.

A 部门处置人 sees the cases their department leads and those it assists on (会办), nothing else
(002 第二十八条: access is by department). Every other role reads all cases. Pages, exports,
reports, the live inbox and the case actions all build their queries with :func:`scope` or load
a case with :func:`visible_case`; nothing in the console selects from ``cases`` otherwise.
"""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy import ColumnElement, Select, String, and_, cast, false, or_, select
from sqlalchemy.orm import Session

from console.roles import HANDLER, Principal
from store.tables import CaseRow, ItemRow

Q = TypeVar("Q", bound=Select)


class AccessDenied(Exception):
    """The person may not see or do this; the message is shown as it is."""


def case_condition(principal: Principal) -> ColumnElement[bool] | None:
    """The SQL condition limiting cases to the person's, or None when they may read every case."""
    if not principal.can("cases.read"):
        return false()
    if principal.role != HANDLER:
        return None
    dept = principal.department_id
    if not dept:
        return false()
    # ``assisting`` is a JSON list of ids; matching the quoted id works on SQLite and PostgreSQL
    # alike, and autoescape keeps ``_`` or ``%`` in an id from acting as a wildcard.
    return or_(CaseRow.department_id == dept,
               and_(CaseRow.assisting.is_not(None), cast(CaseRow.assisting, String).contains(f'"{dept}"',
                                                                                            autoescape=True)))


def scope(query: Q, principal: Principal) -> Q:
    """``query`` (which selects from ``cases``) limited to the cases the person may see."""
    condition = case_condition(principal)
    return query if condition is None else query.where(condition)


def cases_with_items(principal: Principal) -> Select:
    return scope(select(CaseRow, ItemRow).join(ItemRow, ItemRow.id == CaseRow.item_id), principal)


def denied_message(case_id: int) -> str:
    # The same answer whether the case exists or not: a handler learns nothing of other cases.
    return f"案件 {case_id} 不存在，或不属于您所在部门主办或会办的案件，无权查看"


def visible_case(session: Session, principal: Principal, case_id: int) -> CaseRow:
    """The case, when the person may see it; :class:`AccessDenied` otherwise."""
    query = scope(select(CaseRow).where(CaseRow.id == case_id), principal)
    case = session.scalar(query)
    if case is None:
        raise AccessDenied(denied_message(case_id))
    return case


def require(principal: Principal, permission: str, what: str) -> None:
    if not principal.can(permission):
        raise AccessDenied(f"{principal.role_name}无权{what}")


def require_lead(principal: Principal, case: CaseRow, what: str) -> None:
    """A handler acts as the case's lead only for their own department's cases (会办 units only sign)."""
    if principal.role == HANDLER and case.department_id != principal.department_id:
        raise AccessDenied(f"本部门是案件 {case.id} 的会办单位，不能{what}；请由主办单位处理")
