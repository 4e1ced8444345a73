"""Which cases a person may see: the one place every case read and every case action goes through.

A 部门处置人 sees the cases their department leads and those it assists on (会办), nothing else
(002 第二十八条: access is by department). Every other role reads all cases. Pages, exports,
reports, the live inbox and the case actions all build their queries with :func:`scope` or load
a case with :func:`visible_case`; nothing in the console selects from ``cases`` otherwise.

An incident (舆情事件) groups items across departments, so every view of one (the case page's
timeline, the audit lines that name another case, the event report and its exports) is cut to
the viewer here, in :func:`incident_view` and :func:`visible_items`: another department's item
shows as "其他部门案件", without title, source or link.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, String, and_, cast, false, or_, select
from sqlalchemy.orm import Session

from console.incidents_view import incident_for_case
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


OTHER_DEPARTMENT = "其他部门案件"


def sees_everything(principal: Principal) -> bool:
    return case_condition(principal) is None


def visible_case_ids(session: Session, principal: Principal, case_ids: Iterable[int]) -> set[int]:
    """Which of these cases the person may see."""
    ids = {int(i) for i in case_ids if isinstance(i, int) or str(i).isdigit()}
    ids = {i for i in ids if 0 < i < 2**63}
    if not ids:
        return set()
    return set(session.scalars(scope(select(CaseRow.id).where(CaseRow.id.in_(ids)), principal)))


def visible_items(session: Session, principal: Principal, item_ids: Iterable[str],
                  owner_case: int | None = None) -> set[str]:
    """Which of these items the person may see.

    An item with a case is visible with its case. An item without one (a repost under the intake,
    folded into a story) belongs to whoever owns the story, ``owner_case``: visible when that
    case is.
    """
    ids = set(item_ids)
    if not ids or sees_everything(principal):
        return ids
    with_case = dict(session.execute(select(CaseRow.item_id, CaseRow.id).where(CaseRow.item_id.in_(ids))).all())
    allowed = visible_case_ids(session, principal, [*with_case.values(), *([owner_case] if owner_case else [])])
    owner_ok = owner_case is not None and owner_case in allowed
    return {i for i in ids if (with_case[i] in allowed if i in with_case else owner_ok)}


@dataclass(frozen=True, slots=True)
class TimelineRow:
    """One line of an incident's timeline as the viewer may see it (``hidden``: another department's)."""

    published_at: datetime
    hidden: bool
    source: str = ""
    tier: str = ""
    how_name: str = ""
    title: str = ""
    url: str = ""
    negativity: float = 0.0
    is_response: bool = False
    item_id: str = ""


@dataclass(frozen=True, slots=True)
class IncidentView:
    """An incident cut to what the viewer may see; counts stay whole, titles and links do not."""

    id: str
    title: str
    status_name: str
    items: int
    sources: int
    heat_index: float
    grade: str | None
    suggested_grade: str | None
    first_source: str
    first_published_at: datetime
    grade_reasons: tuple[str, ...]
    timeline: tuple[TimelineRow, ...]
    hidden: int

    def links(self, except_item: str) -> list[str]:
        """``来源：URL`` of the visible items other than ``except_item`` (for the event report)."""
        return list(dict.fromkeys(f"{t.source}：{t.url}" for t in self.timeline
                                  if not t.hidden and t.item_id != except_item))


def incident_view(session: Session, principal: Principal, case: CaseRow) -> IncidentView | None:
    """The incident of a case the person may see (load it with :func:`visible_case`), cut to them."""
    detail: Any = incident_for_case(session, case)
    if detail is None:
        return None
    summary = detail.summary
    ids = [t.item_id for t in detail.timeline]
    allowed = visible_items(session, principal, ids, owner_case=summary.case_id) | {case.item_id}
    # 首发 is the earliest published item, as in the header; the incident's "first" is only the
    # item that arrived first.
    first_id = min(detail.timeline, key=lambda t: (t.published_at, t.arrived_at)).item_id if detail.timeline else ""
    rows = []
    for t in detail.timeline:
        if t.item_id not in allowed:
            rows.append(TimelineRow(published_at=t.published_at, hidden=True))
            continue
        how = "首发" if t.item_id == first_id else ("转载" if t.how == "first" else t.how_name)
        rows.append(TimelineRow(t.published_at, False, t.source, t.tier, how, t.title, t.url, t.negativity,
                                t.is_response, t.item_id))
    titles = {r.title for r in rows if not r.hidden}
    own_title = next((r.title for r in rows if r.item_id == case.item_id), "")
    if not own_title:
        item = session.get(ItemRow, case.item_id)
        own_title = item.title if item else ""
    first_visible = first_id in allowed
    return IncidentView(
        id=summary.id, title=summary.title if summary.title in titles else own_title,
        status_name=summary.status_name, items=summary.items, sources=summary.sources,
        heat_index=summary.heat_index, grade=summary.grade, suggested_grade=summary.suggested_grade,
        first_source=summary.first_source if first_visible else OTHER_DEPARTMENT,
        first_published_at=summary.first_published_at, grade_reasons=tuple(detail.grade_reasons),
        timeline=tuple(rows), hidden=sum(1 for r in rows if r.hidden))
