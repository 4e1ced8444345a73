"""The 预警台 query: the cases a person may see, filtered and searched, gravest and newest first,
with the nearest running deadline of each case on the page."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from console.access import scope
from console.roles import Principal
from core.sourcekinds import KINDS
from router.cases import OPEN
from router.policy import CASE_STATUSES, SOURCE_KINDS
from router.timeutil import utc
from store.case_tables import CaseClockRow
from store.tables import CaseRow, ItemRow

PERIODS: dict[str, timedelta] = {"24h": timedelta(hours=24), "7d": timedelta(days=7), "30d": timedelta(days=30)}
PERIOD_NAMES = {"": "不限", "24h": "24小时内", "7d": "7天内", "30d": "30天内"}
# 未签收: waiting for the lead department's receipt (新建, 已预警).
UNSIGNED = ("新建", "已预警")
STATUS_CHOICES = ("open", "unsigned", "all", *CASE_STATUSES)
STATUS_NAMES = {"open": "未办结", "unsigned": "未签收", "all": "全部", **{s: s for s in CASE_STATUSES}}
SOURCE_KIND_NAMES = {k: KINDS[k].label for k in SOURCE_KINDS}
TIER_NAMES = {"central": "中央媒体", "provincial": "省级媒体", "prefecture": "市级媒体", "county": "县级媒体",
              "portal": "门户网站", "self_media": "自媒体", "government": "政府网站", "unknown": "未知"}
FIELD_MAX = 64
FIELD_NAMES = {"grade": "分级", "topic": "主题", "department": "部门", "region": "地区", "source_kind": "来源类型",
               "status": "状态", "period": "时间范围", "date_from": "起始日期", "date_to": "截止日期"}
DATE_NAMES = {"date_from": "起始日期", "date_to": "截止日期"}
# The years a date filter may name (see console.web.day_in_range).
FIRST_YEAR, LAST_YEAR = 1970, 2100


class FilterError(ValueError):
    """A filter the inbox refuses; the message is for the person."""


@dataclass(frozen=True)
class InboxFilter:
    grade: str = ""
    topic: str = ""
    department: str = ""
    region: str = ""
    source_kind: str = ""
    status: str = "open"
    period: str = ""
    date_from: str = ""
    date_to: str = ""
    q: str = ""
    page: int = 1

    @classmethod
    def parse(cls, params: dict[str, Any], search_max: int) -> InboxFilter:
        values = {k: str(params.get(k) or "").strip() for k in
                  ("grade", "topic", "department", "region", "source_kind", "status", "period", "date_from",
                   "date_to", "q")}
        if len(values["q"]) > search_max:
            raise FilterError(f"搜索词过长（{len(values['q'])} 个字），最多 {search_max} 个字，请缩短后重试")
        for key, value in values.items():
            if key != "q" and len(value) > FIELD_MAX:
                raise FilterError(f"筛选条件“{FIELD_NAMES.get(key, key)}”过长")
        values["status"] = values["status"] or "open"
        if values["status"] not in STATUS_CHOICES:
            raise FilterError(f"没有“{values['status']}”这一状态；可选：{'、'.join(STATUS_NAMES.values())}")
        if values["period"] and values["period"] not in PERIODS:
            raise FilterError(f"时间范围只能是：{'、'.join(v for k, v in PERIOD_NAMES.items() if k)}")
        if values["source_kind"] and values["source_kind"] not in SOURCE_KINDS:
            raise FilterError(f"没有“{values['source_kind']}”这一来源类型")
        for key in ("date_from", "date_to"):
            if values[key]:
                try:
                    day = datetime.strptime(values[key], "%Y-%m-%d")
                except ValueError as exc:
                    raise FilterError(f"{DATE_NAMES[key]}须写成 年-月-日，如 2026-01-31") from exc
                if not FIRST_YEAR <= day.year <= LAST_YEAR:
                    raise FilterError(f"{DATE_NAMES[key]}须在 {FIRST_YEAR} 年至 {LAST_YEAR} 年之间")
        try:
            page = int(str(params.get("page") or 1)[:12])
        except ValueError as exc:
            raise FilterError("页码须为数字") from exc
        if not 1 <= page <= 10_000:
            raise FilterError("页码超出范围")
        return cls(**values, page=page)

    def query_args(self, **override: Any) -> dict[str, str]:
        data = {k: str(getattr(self, k)) for k in ("grade", "topic", "department", "region", "source_kind", "status",
                                                    "period", "date_from", "date_to", "q", "page")}
        data.update({k: str(v) for k, v in override.items()})
        return {k: v for k, v in data.items() if v and not (k == "page" and v == "1")}


@dataclass
class InboxRow:
    id: int
    title: str
    url: str
    source_name: str
    source_kind: str
    source_tier: str
    topic: str
    grade: str
    grade_rank: int
    status: str
    department_id: str
    assisting: list[str]
    region: str | None
    discovered_at: datetime
    updated_at: datetime
    version: int
    views: int | None
    replies: int | None
    next_due: datetime | None = None
    next_due_name: str = ""
    breached: bool = False


@dataclass
class InboxPage:
    rows: list[InboxRow]
    total: int
    page: int
    page_size: int
    generated_at: datetime
    unsigned: int = 0  # the person's 未签收 cases, whatever the filter (the tab title shows it)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))


def filtered(principal: Principal, flt: InboxFilter, now: datetime, tz: Any = None) -> Select:
    """The select of cases for the filter, within the person's scope.

    Items are joined only when a filter reads them (search, source kind): counting and ordering
    10,000 open cases then touches the cases table alone, and the page's items are read by id.
    """
    query = scope(select(CaseRow), principal)
    if flt.status == "open":
        query = query.where(CaseRow.status.in_(OPEN))
    elif flt.status == "unsigned":
        query = query.where(CaseRow.status.in_(UNSIGNED))
    elif flt.status != "all":
        query = query.where(CaseRow.status == flt.status)
    if flt.grade:
        query = query.where(CaseRow.grade == flt.grade)
    if flt.topic:
        query = query.where(CaseRow.topic == flt.topic)
    if flt.department:
        query = query.where(CaseRow.department_id == flt.department)
    if flt.region:
        query = query.where(CaseRow.region.startswith(flt.region, autoescape=True))
    if flt.period:
        query = query.where(CaseRow.discovered_at >= now - PERIODS[flt.period])
    if flt.date_from:
        query = query.where(CaseRow.discovered_at >= _day(flt.date_from, tz))
    if flt.date_to:
        query = query.where(CaseRow.discovered_at < _day(flt.date_to, tz) + timedelta(days=1))
    if flt.source_kind or flt.q:
        query = query.join(ItemRow, ItemRow.id == CaseRow.item_id)
    if flt.source_kind:
        query = query.where(ItemRow.source_kind == flt.source_kind)
    if flt.q:
        query = query.where(ItemRow.title.icontains(flt.q, autoescape=True)
                            | ItemRow.text.icontains(flt.q, autoescape=True)
                            | ItemRow.source_name.icontains(flt.q, autoescape=True))
    return query


def ordered(query: Select) -> Select:
    """Gravest first, then newest (the inbox order)."""
    return query.order_by(CaseRow.grade_rank, CaseRow.discovered_at.desc(), CaseRow.id.desc())


def with_items(session: Session, cases: list[CaseRow]) -> list[tuple[CaseRow, ItemRow]]:
    """The cases with their items, read by id in one query, in the cases' order."""
    if not cases:
        return []
    items = {i.id: i for i in session.scalars(select(ItemRow).where(ItemRow.id.in_([c.item_id for c in cases])))}
    return [(c, items[c.item_id]) for c in cases if c.item_id in items]


def _day(text: str, tz: Any) -> datetime:
    day = datetime.strptime(text, "%Y-%m-%d")
    return utc(day.replace(tzinfo=tz)) if tz is not None else utc(day)


def load_page(session: Session, principal: Principal, flt: InboxFilter, page_size: int, now: datetime,
              tz: Any = None) -> InboxPage:
    query = filtered(principal, flt, now, tz)
    total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    cases = list(session.scalars(ordered(query).limit(page_size).offset((flt.page - 1) * page_size)))
    rows = [_row(c, i) for c, i in with_items(session, cases)]
    attach_clocks(session, rows, now)
    unsigned = session.scalar(scope(select(func.count()).select_from(CaseRow).where(CaseRow.status.in_(UNSIGNED)),
                                    principal)) or 0
    return InboxPage(rows=rows, total=total, page=flt.page, page_size=page_size, generated_at=now,
                     unsigned=unsigned)


def _row(case: CaseRow, item: ItemRow) -> InboxRow:
    return InboxRow(
        id=case.id, title=item.title, url=item.url, source_name=item.source_name, source_kind=item.source_kind,
        source_tier=item.source_tier, topic=case.topic, grade=case.grade, grade_rank=case.grade_rank,
        status=case.status, department_id=case.department_id, assisting=list(case.assisting or []),
        region=case.region, discovered_at=utc(case.discovered_at), updated_at=utc(case.updated_at),
        version=case.version, views=item.views, replies=item.replies)


def attach_clocks(session: Session, rows: list[InboxRow], now: datetime) -> None:
    """Set each row's nearest running deadline and whether any deadline of it was missed."""
    if not rows:
        return
    ids = [r.id for r in rows]
    by_id = {r.id: r for r in rows}
    clocks = session.execute(select(CaseClockRow.case_id, CaseClockRow.name, CaseClockRow.due_at, CaseClockRow.status)
                             .where(CaseClockRow.case_id.in_(ids), CaseClockRow.status.in_(("running", "breached")))
                             .order_by(CaseClockRow.due_at)).all()
    for case_id, name, due_at, status in clocks:
        row = by_id[case_id]
        due = utc(due_at)
        if status == "breached" or due <= now:
            row.breached = True
        if status == "running" and row.next_due is None:
            row.next_due, row.next_due_name = due, name
