"""Sign-offs a response needs before it goes out (回应口径审定, 回应方案审批, 新闻通稿审核).

Several regulations put a leader between a department's draft and the public: 002 第十九条 (the
口径 is 审定 by the bureau leaders in charge, the 回应方案 is then 审批 by the principal leader, and
no unit may respond on its own), 003 篇五 第二十一条 (who 审核 the 新闻通稿 of each grade) and 003 篇一
二、2(2) (the 抓级领导 审查 every reply). A profile lists them under ``approvals:``; they are data,
checked when the profile loads. A case records each one as an ``approved`` event, and
:meth:`router.cases.CaseService.respond` refuses to record a response while one is missing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

APPROVED = "approved"
# In ``by``: the leader of the case's own lead department (分管本部门的领导, 抓级领导).
LEAD = "lead"
LEAD_NAME = "主办部门分管领导"


@dataclass(frozen=True)
class Approval:
    """One sign-off: ``what`` (the draft) is ``verb``-ed by one of the ``by`` departments."""

    id: str
    what: str  # 回应口径, 回应方案, 新闻通稿, 网上回复稿 ...
    verb: str  # 审定, 审批, 审核, 审查
    by: tuple[str, ...]  # departments any of whose people may give it
    grades: frozenset[str] = frozenset()  # empty: every grade
    after: tuple[str, ...] = ()  # sign-offs that must come first (方案 after 口径)
    basis: str = ""
    choice: str = ""  # set when the office chose it rather than read it in its regulation

    def applies(self, grade: str) -> bool:
        return not self.grades or grade in self.grades

    def may_give(self, department_id: str, lead: str) -> bool:
        return department_id in self.by or (LEAD in self.by and department_id == lead)

    def describe(self, departments: Mapping[str, Any]) -> str:
        """In words, naming the departments of the profile (``Profile.departments``)."""
        who = "或".join(LEAD_NAME if d == LEAD else getattr(departments.get(d), "name", d) for d in self.by)
        return f"{self.what}须经{who}{self.verb}" + (f"（{self.basis}）" if self.basis else "")


def required(approvals: Iterable[Approval], grade: str) -> tuple[Approval, ...]:
    return tuple(a for a in approvals if a.applies(grade))


def given(events: Iterable[Any]) -> dict[str, Mapping[str, Any]]:
    """The sign-offs recorded on a case (its ``approved`` events), by approval id, the latest kept."""
    out: dict[str, Mapping[str, Any]] = {}
    for event in events:
        detail = event.detail or {}
        if event.action == APPROVED and isinstance(detail.get("approval"), str):
            out[detail["approval"]] = detail
    return out


def missing(approvals: Iterable[Approval], grade: str, events: Iterable[Any]) -> tuple[Approval, ...]:
    """What the case's grade needs and nobody has given yet, in the order the profile lists them."""
    done = given(events)
    return tuple(a for a in required(approvals, grade) if a.id not in done)
