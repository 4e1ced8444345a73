"""Interviews and disclosures (接受媒体采访、对外披露信息) recorded on a case, held to one outlet and to the
case's approved 口径 (003 篇五 第二十五条: 统一事实、统一数据、统一口径、统一出口).

What a system can hold to the rule is the record: a profile's ``disclosure:`` names the kinds of
disclosure, the outlet (统一出口: the departments whose 网络发言人 speaks for the case, ``lead`` for the
case's lead department) and the steps of ``approvals:`` whose recorded text is the case's 口径
(统一口径: a 新闻通稿 or 回复稿 as 审核'd, an 引导口径). A disclosure must cite one of them that was given
on the case, and every figure it states must be in that text (统一数据). :class:`router.cases.CaseService`
refuses anything else, in Chinese; an interview nobody records stays outside the system.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from router.approvals import LEAD, Approval, resolve_lead

DISCLOSED = "disclosed"
SPEAKER = "网络发言人"

# Figures in digits (3, 1,200, 2.5), and in Chinese numerals before a measure word (三人, 十二辆, 两百万元).
# A lone 一 is left out: it is an article more often than a count (一起事故, 一人一档).
_DIGITS = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
# Only measure words that count (人, 辆, 元 …): 四处, 十分, 千家万户 are no figures.
_MEASURES = "人名位辆起户座栋台岁元吨米天"
_COUNTS = re.compile("[零〇一二两三四五六七八九十]")  # 万户, 百姓: a unit alone is no figure
_CHINESE = re.compile(rf"([零〇一二两三四五六七八九十百千万亿]+)(?=[{_MEASURES}])")


@dataclass(frozen=True)
class DisclosureRule:
    """Who may speak for a case (``outlet``) and what they must cite (``calibers``, steps of the profile)."""

    kinds: tuple[str, ...]  # 接受媒体采访, 对外披露信息
    outlet: tuple[str, ...]  # department ids, or ``lead`` (the case's lead department)
    calibers: tuple[str, ...]  # approval ids whose recorded text is the case's 口径
    figures: bool = True  # 统一数据: the figures stated must be in the cited 口径
    basis: str = ""
    choice: str = ""

    def may_speak(self, department_id: str, lead: str) -> bool:
        return department_id in self.speakers(lead)

    def speakers(self, lead: str) -> tuple[str, ...]:
        return resolve_lead(self.outlet, lead)

    def describe(self, departments: Mapping[str, Any], steps: Iterable[Approval]) -> str:
        """The rule in words: who speaks, what is cited (the steps of this case that count as its 口径)."""
        def name(d: str) -> str:
            return "主办部门" if d == LEAD else str(getattr(departments.get(d), "name", d))

        cited = "或".join(dict.fromkeys(a.label for a in steps)) or "经审核的口径"
        notes = "；".join(x for x in (self.basis, "本单位自定" if self.choice else "") if x)
        text = (f"{'、'.join(self.kinds)}须由{'或'.join(name(d) for d in self.outlet)}{SPEAKER}统一进行（统一出口），"
                f"并引用本案已登记的{cited}（统一口径）")
        if self.figures:
            text += "，所述数据须与口径一致（统一数据）"
        return text + (f"（{notes}）" if notes else "")


def _number(text: str) -> str | None:
    """A figure in canonical form (``1,200`` → ``1200``, ``2.50`` → ``2.5``, ``十二`` → ``12``)."""
    from classifier.facts import chinese_number

    if text[0].isdigit():
        try:
            value = Decimal(text.replace(",", ""))
        except InvalidOperation:
            return None
    else:
        found = chinese_number(text)
        if found is None:
            return None
        value = Decimal(found)
    return format(value.normalize(), "f")


def figures(text: str) -> tuple[str, ...]:
    """The figures a text states, in order, each once (full-width digits read as digits)."""
    plain = unicodedata.normalize("NFKC", text)
    found = [m.group(0) for m in _DIGITS.finditer(plain)]
    found += [m.group(1) for m in _CHINESE.finditer(plain)
              if m.group(1) != "一" and _COUNTS.search(m.group(1))]
    return tuple(dict.fromkeys(n for n in (_number(f) for f in found) if n is not None))


def unmatched(stated: str, caliber: str) -> tuple[str, ...]:
    """The figures of ``stated`` that the 口径 ``caliber`` does not contain."""
    known = set(figures(caliber))
    return tuple(f for f in figures(stated) if f not in known)


def citable(rule: DisclosureRule, steps: Iterable[Approval], grade: str,
            flags: Iterable[str]) -> tuple[Approval, ...]:
    """The profile's 口径 steps that apply to a case of ``grade`` carrying ``flags``, in the rule's order."""
    flags = frozenset(flags)
    by_id = {a.id: a for a in steps}
    return tuple(by_id[c] for c in rule.calibers if c in by_id and by_id[c].applies(grade, flags))


def recorded(events: Iterable[Any]) -> list[Any]:
    """The disclosures recorded on a case, oldest first."""
    return [e for e in events if e.action == DISCLOSED]
