"""What must precede a response or a case's close: sign-offs (审定, 审批, 审核, 同意), written records
(书面报告, 引导口径, 会商研判意见, 调查报告) and the case flags that call for them.

Several regulations put a leader between a department's draft and the public: 002 第十九条 (the
口径 is 审定 by the bureau leaders in charge, the 回应方案 is then 审批 by the principal leader, and
no unit may respond on its own), 003 篇五 第二十一条 (who 审核 the 新闻通稿 of each grade) and 003 篇一
二、2(2) (the 抓级领导 审查 every reply). Others are steps a person starts "when needed" (视情形): 003
篇一 二、2(1) (把握不准的问题 reported to the 主要领导 for 审定), 003 篇五 第十八条、第十九条、第二十二条至
第二十四条 (a 书面报告 to 市局, its consent, its guidance) and 004 二、四 (会商研判 convened by 市政府办公室,
then 报审; a 调查报告和处置意见 when the superiors ask for one). A profile lists the steps under
``approvals:`` and the flags that call for the conditional ones under ``flags:``; both are data,
checked when the profile loads. A case records a flag as a ``flagged`` event and each step as an
``approved`` event; :class:`router.cases.CaseService` refuses the response (or the close) while a
step it needs is missing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

APPROVED = "approved"
FLAGGED = "flagged"
UNFLAGGED = "unflagged"
# In ``by``: the case's own lead department (its leader for a sign-off: 分管本部门的领导, 抓级领导).
LEAD = "lead"
LEAD_NAME = "主办部门分管领导"
LEAD_UNIT = "主办部门"
# What a step must precede (a case status): the response, or the close (办结).
RESPOND = "已回应"
CLOSE = "办结"
BEFORE = (RESPOND, CLOSE)
# A sign-off is a leader's decision on a draft; a record is a document a department writes (and sends).
SIGNOFF = "signoff"
RECORD = "record"
KINDS = (SIGNOFF, RECORD)


@dataclass(frozen=True)
class Flag:
    """A circumstance a person declares on a case (把握不准, 需市局协调, 上级要求调查) with a note; it makes
    the steps that name it required."""

    id: str
    name: str
    grades: frozenset[str] = frozenset()  # empty: a case of any grade may carry it
    basis: str = ""
    choice: str = ""

    def applies(self, grade: str) -> bool:
        return not self.grades or grade in self.grades


@dataclass(frozen=True)
class Approval:
    """One step: ``what`` is ``verb``-ed by one of the ``by`` departments before the response (or the close)."""

    id: str
    what: str  # 回应口径, 回应方案, 新闻通稿, 书面报告, 会商研判意见, 调查报告和处置意见 ...
    verb: str  # 审定, 审批, 审核, 审查, 同意, 指导 (a sign-off); 出具, 提出, 形成 (a record)
    by: tuple[str, ...]  # departments any of whose people may give it
    grades: frozenset[str] = frozenset()  # empty: every grade
    after: tuple[str, ...] = ()  # steps that must come first (方案 after 口径)
    basis: str = ""
    choice: str = ""  # set when the office chose it rather than read it in its regulation
    kind: str = SIGNOFF
    flag: str = ""  # required only on a case carrying this flag ("" : always)
    flag_name: str = ""
    before: str = RESPOND
    to: tuple[str, ...] = ()  # a record is sent to (报, 请求) these departments, who are notified
    participants: bool = False  # the record names the departments that took part (会商)

    def applies(self, grade: str, flags: Iterable[str] = ()) -> bool:
        return (not self.grades or grade in self.grades) and (not self.flag or self.flag in set(flags))

    def may_give(self, department_id: str, lead: str) -> bool:
        return department_id in resolve_lead(self.by, lead)

    def givers(self, lead: str) -> tuple[str, ...]:
        """The departments who give it on a case whose lead is ``lead``."""
        return resolve_lead(self.by, lead)

    @property
    def label(self) -> str:
        return f"{self.what}{self.verb}" if self.kind == SIGNOFF else f"{self.verb}{self.what}"

    def describe(self, departments: Mapping[str, Any], *, with_flag: bool = True) -> str:
        """In words, naming the departments of the profile (``Profile.departments``) and, unless the
        reader knows it already, the flag that calls for it."""
        def name(d: str) -> str:
            if d == LEAD:
                return LEAD_NAME if self.kind == SIGNOFF else LEAD_UNIT
            return str(getattr(departments.get(d), "name", d))

        who = "或".join(name(d) for d in self.by)
        if self.kind == SIGNOFF:
            text = f"{self.what}须经{who}{self.verb}"
        else:
            text = f"{who}须{self.verb}{self.what}" + (f"报{'、'.join(name(d) for d in self.to)}" if self.to else "")
        if self.before == CLOSE:
            text += "，方可办结"
        if with_flag and self.flag_name and self.flag_name not in text:
            text = f"标记“{self.flag_name}”的，{text}"
        notes = "；".join(x for x in (self.basis, "本单位自定" if self.choice else "") if x)
        return text + (f"（{notes}）" if notes else "")


def required(approvals: Iterable[Approval], grade: str, flags: Iterable[str] = (),
             before: str | None = None) -> tuple[Approval, ...]:
    """The steps a case of ``grade`` carrying ``flags`` needs (before ``before``, or all)."""
    flags = frozenset(flags)
    return tuple(a for a in approvals if a.applies(grade, flags) and (before is None or a.before == before))


def resolve_lead(departments: Iterable[str], lead: str) -> tuple[str, ...]:
    """Department ids of a profile's list on a case whose lead is ``lead`` (``lead`` stands for it)."""
    return tuple(dict.fromkeys(lead if d == LEAD else d for d in departments))


def given_events(events: Iterable[Any]) -> dict[str, Any]:
    """The steps recorded on a case (its ``approved`` events), by approval id, the latest kept."""
    out: dict[str, Any] = {}
    for event in events:
        detail = event.detail or {}
        if event.action == APPROVED and isinstance(detail.get("approval"), str):
            out[detail["approval"]] = event
    return out


def given(events: Iterable[Any]) -> dict[str, Mapping[str, Any]]:
    """The details of the steps recorded on a case, by approval id, the latest kept."""
    return {approval: event.detail for approval, event in given_events(events).items()}


def flags_on(events: Iterable[Any]) -> dict[str, Mapping[str, Any]]:
    """The flags a case carries now (raised and not withdrawn), by flag id, with the raising detail."""
    out: dict[str, Mapping[str, Any]] = {}
    for event in events:
        detail = event.detail or {}
        flag = detail.get("flag")
        if not isinstance(flag, str):
            continue
        if event.action == FLAGGED:
            out[flag] = detail
        elif event.action == UNFLAGGED:
            out.pop(flag, None)
    return out


def missing(approvals: Iterable[Approval], grade: str, events: Iterable[Any],
            before: str = RESPOND) -> tuple[Approval, ...]:
    """What the case needs before ``before`` and nobody has given yet, in the order the profile lists them."""
    rows = list(events)
    done = given(rows)
    return tuple(a for a in required(approvals, grade, flags_on(rows), before) if a.id not in done)
