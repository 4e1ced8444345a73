"""Reports generated from the store, edited by people before export.

- 负面舆情事件报告 (``event``): every field of seed 000 第十一条, for one case.
- 网络舆情日志 (``daily``): the cases of one day.
- 舆情周报 / 舆情月报 (``weekly`` / ``monthly``): counts, the grave cases, who was late.
- 舆情专报 (``special``): one case in depth, with its handling so far.

A report is text fields (editable) plus tables (as generated). Every read goes through the
access layer: a handler's report contains only their department's cases.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from console import access, labels_zh
from console.inbox import TIER_NAMES
from console.roles import Principal
from console.web import WebError, bounded_id, day_in_range
from router.policy import Profile
from router.timeutil import utc
from store.case_tables import CaseClockRow, CaseEventRow
from store.tables import CaseRow, ItemRow

KINDS: dict[str, str] = {
    "event": "负面舆情事件报告",
    "daily": "网络舆情日志",
    "weekly": "舆情周报",
    "monthly": "舆情月报",
    "special": "舆情专报",
    "upward": "上报材料（快报、网上舆情、专报、书面报告）",
}
CASE_KINDS = ("event", "special", "upward")
# Seed 000 第十一条, in its order.
EVENT_FIELDS: tuple[tuple[str, str], ...] = (
    ("media", "发布媒体名称"), ("title", "文章标题"), ("summary", "内容概要"), ("links", "转载网站链接"),
    ("views", "点击量"), ("replies", "回帖量"), ("comments", "主要评论观点"), ("cause", "事发原因分析"),
    ("grading", "分级情况"), ("impact", "产生的影响"), ("measures", "拟采取的应对措施"),
)
TO_FILL = "（待填写）"
MAX_ROWS = 500


class ReportError(ValueError):
    """A report that cannot be made as asked; the message is for the person."""


@dataclass
class ReportField:
    key: str
    label: str
    value: str
    multiline: bool = True


@dataclass
class ReportTable:
    title: str
    headers: list[str]
    rows: list[list[str]]


@dataclass
class Report:
    kind: str
    title: str
    params: dict[str, Any]
    fields: list[ReportField] = field(default_factory=list)
    tables: list[ReportTable] = field(default_factory=list)

    @property
    def kind_name(self) -> str:
        return KINDS.get(self.kind, self.kind)

    def content(self) -> dict[str, Any]:
        return {"fields": [asdict(f) for f in self.fields], "tables": [asdict(t) for t in self.tables]}

    @classmethod
    def from_content(cls, kind: str, title: str, params: dict[str, Any], content: dict[str, Any]) -> Report:
        return cls(kind=kind, title=title, params=params,
                   fields=[ReportField(**f) for f in content.get("fields", [])],
                   tables=[ReportTable(**t) for t in content.get("tables", [])])

    def update(self, title: str, values: dict[str, str]) -> None:
        """Take the edited text; only the report's own fields are read from the form."""
        self.title = title.strip()[:300] or self.title
        for one in self.fields:
            if one.key in values:
                one.value = values[one.key]


def _num(value: int | None) -> str:
    return "未显示" if value is None else f"{value:,}"


class ReportBuilder:
    def __init__(self, session: Session, principal: Principal, profile: Profile) -> None:
        self.session = session
        self.principal = principal
        self.profile = profile

    def local(self, moment: datetime | None) -> str:
        return self.profile.calendar.local(utc(moment)).strftime("%Y-%m-%d %H:%M") if moment else ""

    def dept(self, dept_id: str | None) -> str:
        if not dept_id:
            return ""
        found = self.profile.departments.get(dept_id)
        return found.name if found else dept_id

    def build(self, kind: str, params: dict[str, str]) -> Report:
        if kind not in KINDS:
            raise ReportError(f"没有“{kind}”这一报告类型；可选：{'、'.join(KINDS.values())}")
        if kind in CASE_KINDS:
            if not params.get("case"):
                raise ReportError(f"{KINDS[kind]}须指定案件编号")
            try:
                case_id = bounded_id(params.get("case"), "案件编号")
            except WebError as exc:
                raise ReportError(exc.message) from exc
            if kind == "upward":
                return self.upward(case_id)
            return self.event(case_id) if kind == "event" else self.special(case_id)
        day = self._date(params.get("date", ""))
        if kind == "daily":
            return self.period(kind, day, day + timedelta(days=1))
        if kind == "weekly":
            start = day - timedelta(days=day.weekday())
            return self.period(kind, start, start + timedelta(days=7))
        start = day.replace(day=1)
        end = (start + timedelta(days=32)).replace(day=1)
        return self.period(kind, start, end)

    def _date(self, text: str) -> date:
        if not text:
            return self.profile.calendar.local(datetime.now().astimezone()).date()
        try:
            return day_in_range(text)
        except WebError as exc:
            raise ReportError(exc.message) from exc

    # -- one case

    def _case(self, case_id: int) -> tuple[CaseRow, ItemRow]:
        case = access.visible_case(self.session, self.principal, case_id)
        item = self.session.get(ItemRow, case.item_id)
        if item is None:
            raise ReportError(f"案件 {case_id} 的信息缺失")
        return case, item

    def _reposts(self, case: CaseRow, item: ItemRow) -> list[ItemRow]:
        # Same title elsewhere: reposts on other sites (转载), those the reader may see (a repost with
        # its own case in another department is that department's).
        found = list(self.session.scalars(select(ItemRow).where(ItemRow.title == item.title, ItemRow.id != item.id)
                                          .order_by(ItemRow.fetched_at).limit(30)))
        allowed = access.visible_items(self.session, self.principal, [r.id for r in found], owner_case=case.id)
        return [r for r in found if r.id in allowed]

    def _events(self, case: CaseRow) -> list[CaseEventRow]:
        return list(self.session.scalars(select(CaseEventRow).where(CaseEventRow.case_id == case.id)
                                         .order_by(CaseEventRow.id)))

    def _grading(self, case: CaseRow) -> str:
        routing = case.routing or {}
        reasons = "；".join([*routing.get("grade_reasons", []), *routing.get("reasons", [])])
        return f"{case.grade}。{reasons}" if reasons else case.grade

    def _handling(self, case: CaseRow, events: list[CaseEventRow]) -> list[str]:
        lines = []
        for ev in events:
            note = (ev.detail or {}).get("note") or (ev.detail or {}).get("reason") or ""
            if ev.action in ("status", "transferred", "grade_changed", "assisting_set"):
                change = (f"{ev.from_status or ''}→{ev.to_status or ''}" if ev.action == "status"
                          else labels_zh.ACTIONS.get(ev.action, ev.action))
                lines.append(f"{self.local(ev.at)} {ev.actor}：{change}{('，' + note) if note else ''}")
        return lines

    def event(self, case_id: int) -> Report:
        case, item = self._case(case_id)
        reposts = self._reposts(case, item)
        links = [item.url, *[f"{r.source_name}：{r.url}" for r in reposts]]
        incident = access.incident_view(self.session, self.principal, case)
        if incident is not None:
            # The incident groups reposts and follow-ups by content, not only by the same title.
            links = [item.url, *incident.links(except_item=item.id)]
        views = sum(v for v in [item.views, *[r.views for r in reposts]] if v is not None)
        replies = sum(v for v in [item.replies, *[r.replies for r in reposts]] if v is not None)
        events = self._events(case)
        responses = [(e.detail or {}).get("note", "") for e in events if e.to_status == "已回应"]
        assisting = "、".join(self.dept(d) for d in case.assisting or [])
        measures = (f"主办单位：{self.dept(case.department_id)}" + (f"；会办单位：{assisting}" if assisting else "")
                    + (f"；已回应：{'；'.join(responses)}" if responses else "；" + TO_FILL))
        impact = (f"{TIER_NAMES.get(item.source_tier, item.source_tier)}“{item.source_name}”发布，"
                  f"转载 {len(links) - 1} 处，点击 {_num(item.views)}，回帖 {_num(item.replies)}，"
                  f"转发 {_num(item.reposts)}。{TO_FILL}")
        values = {
            "media": item.source_name, "title": item.title, "summary": item.text[:400].strip(),
            "links": "\n".join(links), "views": f"{views:,}" if item.views is not None else "未显示",
            "replies": f"{replies:,}" if item.replies is not None else "未显示", "comments": TO_FILL,
            "cause": TO_FILL, "grading": self._grading(case), "impact": impact, "measures": measures,
        }
        fields = [ReportField(k, label, values[k], k not in ("media", "title", "views", "replies"))
                  for k, label in EVENT_FIELDS]
        return Report(kind="event", title=f"负面舆情事件报告（案件 {case.id}）：{item.title}"[:300],
                      params={"case": case.id}, fields=fields)

    def special(self, case_id: int) -> Report:
        case, item = self._case(case_id)
        reposts = self._reposts(case, item)
        events = self._events(case)
        clocks = list(self.session.scalars(select(CaseClockRow).where(CaseClockRow.case_id == case.id)
                                           .order_by(CaseClockRow.due_at)))
        clock_text = "；".join(f"{c.name}（{c.grade}）{self.local(c.due_at)} 到期，{c.status}" for c in clocks)
        fields = [
            ReportField("overview", "舆情概述",
                        f"{self.local(item.published_at or item.fetched_at)}，{item.source_name}发布《{item.title}》。"
                        f"{item.text[:300].strip()}"),
            ReportField("spread", "传播情况",
                        f"点击 {_num(item.views)}，回帖 {_num(item.replies)}，转发 {_num(item.reposts)}；"
                        f"转载 {len(reposts)} 处"
                        + ("：" + "、".join(r.source_name for r in reposts) if reposts else "")),
            ReportField("grading", "研判分级", self._grading(case)),
            ReportField("handling", "处置进展",
                        "\n".join(self._handling(case, events)) or f"已转 {self.dept(case.department_id)} 处置"),
            ReportField("deadlines", "时限", clock_text or "无"),
            ReportField("next", "下一步工作建议", TO_FILL),
        ]
        return Report(kind="special", title=f"舆情专报（案件 {case.id}）：{item.title}"[:300],
                      params={"case": case.id}, fields=fields)

    def upward(self, case_id: int) -> Report:
        """The upward reports the profile's clocks require of the case (router/upward.py), to edit."""
        from router import upward

        case, item = self._case(case_id)
        reports = upward.for_case(self.session, self.profile, case.id)
        if not reports:
            raise ReportError(f"案件 {case.id}（{case.grade}）按本策略无须上报材料")
        fields = []
        for one in reports:
            head = (f"{one.sender} → {'、'.join(one.recipients)}，{self.local(one.due_at)} 前"
                    + (f"（依据：{one.basis}）" if one.basis else ""))
            fields.append(ReportField(f"{one.clock_id}.head", f"【{one.form}】{one.title}", head, False))
            fields += [ReportField(f"{one.clock_id}.{key}", label, value) for key, label, value in one.fields]
        return Report(kind="upward", title=f"上报材料（案件 {case.id}）：{item.title}"[:300],
                      params={"case": case.id}, fields=fields)

    # -- a period

    def period(self, kind: str, start: date, end: date) -> Report:
        tz = self.profile.calendar.tz
        since = utc(datetime.combine(start, time(0), tz))
        until = utc(datetime.combine(end, time(0), tz))
        query = access.cases_with_items(self.principal).where(
            CaseRow.discovered_at >= since, CaseRow.discovered_at < until)
        rows = self.session.execute(query.order_by(CaseRow.grade_rank, CaseRow.discovered_at).limit(5000)).all()
        cases = [c for c, _ in rows]
        by_grade = Counter(c.grade for c in cases)
        by_topic = Counter(c.topic for c in cases)
        by_dept = Counter(c.department_id for c in cases)
        dept_of = {c.id: c.department_id for c in cases}
        ids = list(dept_of)
        late: Counter[str] = Counter()
        for chunk in range(0, len(ids), 500):
            for (case_id,) in self.session.execute(select(CaseClockRow.case_id).where(
                    CaseClockRow.case_id.in_(ids[chunk:chunk + 500]), CaseClockRow.status == "breached")):
                late[dept_of[case_id]] += 1
        last = end - timedelta(days=1)
        label = start.isoformat() if kind == "daily" else f"{start.isoformat()} 至 {last.isoformat()}"
        grades = "，".join(f"{g} {by_grade.get(g, 0)} 件" for g in self.profile.grades)
        grave = [(c, i) for c, i in rows if c.grade_rank <= 1]
        fields = [
            ReportField("overall", "总体情况", f"{label}共发现舆情 {len(cases)} 件：{grades}。"),
            ReportField("focus", "重点舆情", "\n".join(f"#{c.id} [{c.grade}] {i.title}（{i.source_name}，"
                                                         f"{self.dept(c.department_id)}，{c.status}）"
                                                         for c, i in grave[:30]) or "无"),
            ReportField("late", "时限执行情况", "；".join(f"{self.dept(d)} 超时 {n} 项" for d, n in late.most_common())
                        or "无超时"),
            ReportField("advice", "研判与建议", TO_FILL),
        ]
        tables = []
        if kind != "daily":
            tables.append(ReportTable("按分级", ["分级", "件数"],
                                      [[g, str(by_grade.get(g, 0))] for g in self.profile.grades]))
            tables.append(ReportTable("按主题", ["主题", "件数"], [[t, str(n)] for t, n in by_topic.most_common()]))
            tables.append(ReportTable("按主办部门", ["部门", "件数", "超时"],
                                      [[self.dept(d), str(n), str(late.get(d, 0))] for d, n in by_dept.most_common()]))
        headers = ["编号", "发现时间", "分级", "标题", "来源", "主题", "主办部门", "状态"]
        tables.append(ReportTable("舆情明细", headers, [
            [str(c.id), self.local(c.discovered_at), c.grade, i.title, i.source_name, c.topic,
             self.dept(c.department_id), c.status] for c, i in rows[:MAX_ROWS]]))
        return Report(kind=kind, title=f"{KINDS[kind]}（{label}）", params={"date": start.isoformat()},
                      fields=fields, tables=tables)
