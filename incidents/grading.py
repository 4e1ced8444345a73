"""Incident grade: the profile's own grading rules applied to the incident as a whole, plus spread floors.

The profile's ``grading.yaml`` (classifier.grading) grades one item by its media tier, negativity,
counts and emergency signals. An incident is graded as if each media tier it reached carried the
whole incident: the rules run once per tier reached (with the most negative item of that tier),
with the incident's summed counts and every signal seen; the spread rules of ``incidents/rules.yaml``
add floors (many sources, fast growth). The gravest result wins, with its reasons in words.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from classifier.grading import Features, GradingRules, load_rules
from core.errors import ConfigError
from incidents.config import IncidentRules, SpreadRule

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Estimate:
    level: str
    rank: int
    reasons: tuple[str, ...]


@lru_cache(maxsize=32)
def profile_rules(profile: str) -> GradingRules | None:
    """The grading rules of a profile by name or folder; None (item grades only) when it has none."""
    from policies import UnknownProfile, profile_dir

    try:
        return load_rules(profile_dir(profile))
    except (UnknownProfile, ConfigError) as exc:
        log.warning("incident grading without profile rules for %s: %s", profile, exc)
        return None


def _spread_holds(rule: SpreadRule, m: dict[str, Any], rules: IncidentRules) -> list[str] | None:
    facts: list[str] = []
    w = rule.when
    if "sources_min" in w:
        if m["sources"] < w["sources_min"]:
            return None
        facts.append(f"{m['sources']} 个来源")
    if "items_min" in w:
        if m["items"] < w["items_min"]:
            return None
        facts.append(f"{m['items']} 条")
    if "negative_share_min" in w:
        if m["negative_share"] < w["negative_share_min"]:
            return None
        facts.append(f"负面占比 {m['negative_share']:.0%}")
    if "growth_per_hour_min" in w:
        if m["growth_last_hour"] < w["growth_per_hour_min"]:
            return None
        facts.append(f"近一小时新增 {m['growth_last_hour']} 条")
    if "engagement_min" in w:
        if m["views"] + m["interactions"] < w["engagement_min"]:
            return None
        facts.append(f"互动 {m['interactions']:,}")
    if "tier_at_least" in w:
        if rules.tier_rank(m["top_tier"]) > rules.tier_rank(w["tier_at_least"]):
            return None
        facts.append(f"最高 {rules.tier_name(m['top_tier'])}")
    return facts


def estimate(state: dict[str, Any], metrics: dict[str, Any], grading: GradingRules | None,
             rules: IncidentRules, profile: str = "") -> Estimate | None:
    """The incident's grade now, with reasons; None when nothing can grade it (no rules, no item grade)."""
    candidates: list[Estimate] = []
    topics: dict[str, int] = state.get("topics", {})
    topic = max(topics, key=lambda t: topics[t]) if topics else "其他"
    counts = state.get("counts", {})
    signals = state.get("signals", {})
    summary = (f"事件汇总: {metrics['items']} 条, {metrics['sources']} 个来源, "
               f"最高 {rules.tier_name(metrics['top_tier'])}, 负面占比 {metrics['negative_share']:.0%}")
    if grading is not None:
        carriers: dict[str, dict[str, Any]] = state.get("carriers", {})
        for tier in sorted(carriers, key=rules.tier_rank):
            c = carriers[tier]
            f = Features(tier=tier, kind=c["kind"], topic=topic, negativity=c["neg"], relevance=c["rel"],
                         views=counts.get("views"), replies=counts.get("replies"), reposts=counts.get("reposts"),
                         likes=counts.get("likes"), signals=dict(signals))
            g = grading.grade(f)
            candidates.append(Estimate(g.level, g.rank, (f"{rules.tier_name(tier)}报道", *g.reasons)))
        grades = grading.grades
    else:
        grades = ()
    item_grade = state.get("item_grade")
    if item_grade and (not grades or item_grade["level"] in grades):
        candidates.append(Estimate(item_grade["level"], item_grade["rank"],
                                   ("单条研判", *item_grade.get("reasons", []))))
    if grades:
        # A floor is the grade the profile's own regulation gives the spread's meaning.
        for rule in rules.spread_rules:
            floor = rule.floor_for(profile)
            if floor is None:
                continue
            if floor.grade not in grades:
                log.warning("spread floor %r names grade %r, not one of %s's", rule.meaning, floor.grade, profile)
                continue
            facts = _spread_holds(rule, metrics, rules)
            if facts is not None:
                candidates.append(Estimate(floor.grade, grades.index(floor.grade),
                                           (f"{rule.meaning} ({floor.reason})", *facts)))
    if not candidates:
        return None
    best = min(candidates, key=lambda e: e.rank)  # min() keeps the first of equal ranks
    return Estimate(best.level, best.rank, (*best.reasons, summary))
