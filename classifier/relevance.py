"""Relevance: does an item concern this office's jurisdiction and remit?

Evidence is literal: the office's places, bodies and people from its settings, found in the
title or the text, and the source's region. National news naming none of them scores low. A
learned ``relevance`` head (trained on the office's labelled cases) is blended in when the model
has one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Weight of each kind of evidence; independent pieces combine as 1 - Π(1 - w).
BODY = 0.85
PERSON = 0.75
PLACE_IN_TITLE = 0.8
PLACE_IN_TEXT = 0.6
REGION = 0.6
NO_EVIDENCE = 0.05
UNCONFIGURED = 0.5


@dataclass(frozen=True, slots=True)
class Office:
    region: str = ""
    places: tuple[str, ...] = ()
    bodies: tuple[str, ...] = ()
    people: tuple[str, ...] = ()

    @property
    def configured(self) -> bool:
        return bool(self.region or self.places or self.bodies or self.people)

    @property
    def terms(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((*([self.region] if self.region else []), *self.places, *self.bodies,
                                    *self.people)))


def _pattern(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    terms = tuple(t for t in terms if t)
    if not terms:
        return None
    # Longest first, so 任城区 wins over 任城 at the same position.
    return re.compile("|".join(re.escape(t) for t in sorted(set(terms), key=len, reverse=True)))


class RelevanceScorer:
    def __init__(self, office: Office) -> None:
        self.office = office
        self._places = _pattern((*([office.region] if office.region else []), *office.places))
        self._bodies = _pattern(office.bodies)
        self._people = _pattern(office.people)
        self._regions = {office.region, *office.places} - {""}

    def score(self, title: str, text: str, regions: tuple[str, ...] = (),
              learned: float | None = None) -> tuple[float, list[str]]:
        """Relevance in [0, 1] and the evidence in words."""
        if not self.office.configured:
            if learned is not None:
                return learned, [f"模型相关度 {learned:.2f}"]
            return UNCONFIGURED, ["未配置辖区"]
        weights: list[float] = []
        reasons: list[str] = []
        if self._bodies and (m := self._bodies.search(title) or self._bodies.search(text)):
            weights.append(BODY)
            reasons.append(f"提及本单位 {m.group(0)}")
        if self._people and (m := self._people.search(title) or self._people.search(text)):
            weights.append(PERSON)
            reasons.append(f"提及 {m.group(0)}")
        if self._places:
            if m := self._places.search(title):
                weights.append(PLACE_IN_TITLE)
                reasons.append(f"标题提及 {m.group(0)}")
            elif m := self._places.search(text):
                weights.append(PLACE_IN_TEXT)
                reasons.append(f"正文提及 {m.group(0)}")
        hit = next((r for r in regions if r and any(r in p or p in r for p in self._regions)), None)
        if hit:
            weights.append(REGION)
            reasons.append(f"来源地区 {hit}")
        miss = 1.0
        for w in weights:
            miss *= 1.0 - w
        lexical = 1.0 - miss if weights else NO_EVIDENCE
        if not weights:
            reasons.append("未提及本辖区")
        if learned is not None:
            return round(0.5 * lexical + 0.5 * learned, 4), [*reasons, f"模型相关度 {learned:.2f}"]
        return round(lexical, 4), reasons
