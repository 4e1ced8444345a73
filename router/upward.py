"""Upward reports (上报材料) a seed requires, written from the case: 快报, 《网上舆情》, 专报, 书面报告 ….

A clock of the profile with ``report: <form>`` and ``to: [recipients]`` is a duty to send one
report upward by its deadline (003 篇五 第十三条 快报 to the 市局主要领导 within 30 min / 1 h,
第十四条 二级 《网上舆情》 to the 市局, 002 第十八条 专报 to 市委市政府 and 省局, 000 第十一条 书面报告
to the 市领导小组 …). :func:`for_case` writes each such report from the case as it stands: the
item, its spread, the grade and its reasons, the handling so far, the owner (who sends it), the
recipients and the deadline. People edit the text before sending (the console's report editor);
``yuqing cases report CASE`` prints it, and ``yuqing cases clock-done CASE CLOCK`` records it sent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from router.policy import ClockSpec, Profile
from router.timeutil import utc
from store.case_tables import CaseClockRow, CaseEventRow
from store.tables import CaseRow, ItemRow

TO_FILL = "（待填写）"
# The fields of each form, in the order a reader expects them. 书面报告 is 000 第十一条's list.
FORMS: dict[str, tuple[tuple[str, str], ...]] = {
    "快报": (("brief", "快报内容（手机快报不超过 200 字）"), ("media", "发布媒体"), ("found", "发现时间"),
            ("spread", "传播情况"), ("grading", "初步分级"), ("measures", "已采取的措施")),
    "网上舆情": (("title", "标题"), ("summary", "舆情摘要"), ("views", "网民主要观点"), ("spread", "传播情况"),
              ("grading", "研判分级"), ("advice", "处置建议"), ("sign", "领导签批意见")),
    "专报": (("overview", "舆情概述"), ("spread", "传播情况"), ("grading", "研判分级"), ("handling", "处置进展"),
            ("deadlines", "时限"), ("next", "下一步工作建议")),
    "书面报告": (("media", "发布媒体名称"), ("title", "文章标题"), ("summary", "内容概要"), ("links", "转载网站链接"),
              ("clicks", "点击量"), ("replies", "回帖量"), ("comments", "主要评论观点"), ("cause", "事发原因分析"),
              ("grading", "分级情况"), ("impact", "产生的影响"), ("measures", "拟采取的应对措施")),
    "口头报告": (("brief", "报告要点"), ("grading", "初步分级"), ("measures", "已采取的措施")),
    "备案": (("title", "事件"), ("grading", "分级情况"), ("handling", "处置过程"), ("result", "处置结果")),
    "续报": (("title", "事件"), ("handling", "处置进展"), ("spread", "传播情况"), ("next", "下一步工作")),
}


@dataclass(frozen=True, slots=True)
class UpwardReport:
    case_id: int
    clock_id: str
    form: str
    title: str
    sender: str  # the department that owes the report (the clock's owner), by name
    recipients: tuple[str, ...]  # by name
    due_at: datetime
    status: str  # the clock's: running, met, breached, cancelled
    fields: tuple[tuple[str, str, str], ...]  # (key, label, value)
    basis: str = ""

    def text(self, profile: Profile) -> str:
        due = profile.calendar.local(self.due_at)
        head = [f"【{self.form}】{self.title}", f"报送单位：{self.sender}",
                f"报送对象：{'、'.join(self.recipients)}",
                f"时限：{due:%Y-%m-%d %H:%M} 前（{_STATUS.get(self.status, self.status)}）"]
        if self.basis:
            head.append(f"依据：{self.basis}")
        return "\n".join([*head, *(f"{label}：{value}" for _, label, value in self.fields)])


_STATUS = {"running": "计时中", "met": "已报送", "breached": "已超时", "cancelled": "已取消"}


def _num(value: int | None) -> str:
    return "未显示" if value is None else f"{value:,}"


def _spec(profile: Profile, clock: CaseClockRow) -> ClockSpec | None:
    clock_id = clock.clock_id.partition("#")[0]
    return next((s for s in profile.clocks if s.id == clock_id and clock.grade in s.grades), None)


def for_case(session: Session, profile: Profile, case_id: int, clock_id: str | None = None) -> list[UpwardReport]:
    """The upward reports a case owes (all, or the one of ``clock_id``), written from the store."""
    case = session.get(CaseRow, case_id)
    if case is None:
        raise LookupError(f"没有编号为 {case_id} 的案件")
    item = session.get(ItemRow, case.item_id)
    clocks = session.scalars(select(CaseClockRow).where(CaseClockRow.case_id == case_id)
                             .order_by(CaseClockRow.due_at)).all()
    events = session.scalars(select(CaseEventRow).where(CaseEventRow.case_id == case_id)
                             .order_by(CaseEventRow.id)).all()
    reports = []
    for clock in clocks:
        if clock_id is not None and clock.clock_id != clock_id:
            continue
        spec = _spec(profile, clock)
        if spec is None or spec.report is None:
            continue
        owner = clock.owner or case.department_id
        values = _values(profile, case, item, clocks, events)
        fields = tuple((key, label, values.get(key, TO_FILL)) for key, label in FORMS[spec.report])
        reports.append(UpwardReport(
            case_id=case.id, clock_id=clock.clock_id, form=spec.report,
            title=f"{spec.name}（案件 {case.id}）：{item.title if item else ''}"[:300],
            sender=_name(profile, owner), recipients=tuple(_name(profile, profile.resolve_target(t)) for t in spec.to),
            due_at=utc(clock.due_at), status=clock.status, fields=fields, basis=spec.basis))
    return reports


def _name(profile: Profile, dept_id: str) -> str:
    dept = profile.departments.get(dept_id)
    return dept.name if dept else dept_id


def _values(profile: Profile, case: CaseRow, item: ItemRow | None, clocks: list[CaseClockRow],
            events: list[CaseEventRow]) -> dict[str, str]:
    def local(moment: datetime | None) -> str:
        return f"{profile.calendar.local(utc(moment)):%Y-%m-%d %H:%M}" if moment else ""

    routing = case.routing or {}
    grading = case.grade + ("。" + "；".join([*routing.get("grade_reasons", []), *routing.get("reasons", [])])
                            if routing.get("grade_reasons") or routing.get("reasons") else "")
    handling = []
    for ev in events:
        note = (ev.detail or {}).get("note") or (ev.detail or {}).get("reason") or ""
        if ev.action == "status":
            handling.append(f"{local(ev.at)} {ev.actor}：{ev.from_status}→{ev.to_status}{'，' + note if note else ''}")
        elif ev.action in ("transferred", "grade_changed"):
            handling.append(f"{local(ev.at)} {ev.actor}：{'转办' if ev.action == 'transferred' else '调整分级'}"
                            f"{'，' + note if note else ''}")
    responses = [(e.detail or {}).get("note", "") for e in events if e.to_status == "已回应"]
    lead = _name(profile, case.department_id)
    assisting = "、".join(_name(profile, d) for d in case.assisting or [])
    measures = f"已转 {lead} 主办" + (f"，{assisting} 会办" if assisting else "") + (
        f"；已回应：{'；'.join(responses)}" if responses else "")
    if item is None:
        return {"grading": grading, "measures": measures, "handling": "\n".join(handling) or TO_FILL}
    spread = f"点击 {_num(item.views)}，回帖 {_num(item.replies)}，转发 {_num(item.reposts)}"
    summary = item.text[:300].strip()
    brief = (f"{local(item.published_at or item.fetched_at)} {item.source_name}《{item.title}》：{summary[:80]}。"
             f"初判{case.grade}，{measures}。")[:200]
    return {
        "brief": brief, "media": item.source_name, "found": local(case.discovered_at), "spread": spread,
        "grading": grading, "measures": measures, "title": item.title, "summary": summary, "views": TO_FILL,
        "advice": TO_FILL, "sign": "（待领导签批）", "links": item.url, "clicks": _num(item.views),
        "replies": _num(item.replies), "comments": TO_FILL, "cause": TO_FILL, "impact": f"{spread}。{TO_FILL}",
        "overview": f"{local(item.published_at or item.fetched_at)}，{item.source_name}发布《{item.title}》。{summary}",
        "handling": "\n".join(handling) or f"已转 {lead} 处置",
        "deadlines": "；".join(f"{c.name}（{c.grade}）{local(c.due_at)} 到期，{_STATUS.get(c.status, c.status)}"
                              for c in clocks) or "无",
        "next": TO_FILL, "result": "；".join(responses) or TO_FILL,
    }
