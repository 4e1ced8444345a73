"""The incident rules (``incidents/rules.yaml``): loaded once, validated, frozen.

Every threshold of grouping, heat, grading floors, response and closing is data here so an office
can tune it without touching code; :func:`load` says which key is wrong and how.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from core.errors import ConfigError

RULES_FILE = Path(__file__).with_name("rules.yaml")
TIERS = ("central", "provincial", "prefecture", "county", "portal", "self_media", "government", "unknown")
SPREAD_KEYS = {"sources_min", "items_min", "negative_share_min", "growth_per_hour_min", "tier_at_least",
               "engagement_min"}
TOP_KEYS = {"description", "window", "clock", "near_duplicate", "follow_up", "negative_min", "tiers",
            "tier_names", "heat", "response", "closing", "spread_rules", "boilerplate", "profiles"}


@dataclass(frozen=True, slots=True)
class SpreadFloor:
    """The grade a profile's own regulation gives a spread, and the clause (or the office's reason)."""

    grade: str
    basis: str = ""
    choice: str = ""

    @property
    def reason(self) -> str:
        return self.basis if self.basis else f"本单位自定: {self.choice}"


@dataclass(frozen=True, slots=True)
class SpreadRule:
    meaning: str
    when: dict[str, Any]
    grades: dict[str, SpreadFloor]

    def floor_for(self, profile: str) -> SpreadFloor | None:
        """By the profile's name, or the folder name of an office's own profile given by path."""
        return self.grades.get(profile) or self.grades.get(profile.rstrip("/").rsplit("/", 1)[-1])


@dataclass(frozen=True)
class IncidentRules:
    index_hours: float = 168.0
    follow_up_hours: float = 72.0
    max_future_minutes: float = 10.0
    max_past_hours: float = 720.0
    jaccard_min: float = 0.5
    containment_min: float = 0.8
    min_shingles: int = 15
    short_shingles: int = 60
    short_jaccard_min: float = 0.8
    title_min_chars: int = 10
    follow_score_min: float = 0.3
    min_shared_terms: int = 2
    single_anchor_title_min: float = 0.3
    title_similarity_min: float = 0.6
    title_support_min: float = 0.12
    quoted_title_min: float = 0.8
    quote_chars: int = 600
    response_score_min: float = 0.2
    top_terms: int = 12
    place_weight: float = 1.5
    per_term_candidates: int = 40
    follow_up_candidates: int = 12
    common_term_incidents: int = 25
    common_term_weight: float = 0.15
    stop_terms: frozenset[str] = frozenset()
    incident_terms: int = 48
    negative_min: float = 0.5
    tiers: dict[str, int] = field(default_factory=dict)
    tier_names: dict[str, str] = field(default_factory=dict)
    half_life_hours: float = 12.0
    heat_scale: float = 40.0
    tier_weight: dict[str, float] = field(default_factory=dict)
    own_tiers: frozenset[str] = frozenset({"government"})
    own_source_ids: frozenset[str] = frozenset()
    response_terms: tuple[str, ...] = ()
    quiet_hours: float = 48.0
    heat_ratio_max: float = 0.25
    spread_rules: tuple[SpreadRule, ...] = ()
    boilerplate: tuple[re.Pattern[str], ...] = ()
    profiles: dict[str, dict[str, Any]] = field(default_factory=dict)

    def tier_rank(self, tier: str) -> int:
        return self.tiers.get(tier, max(self.tiers.values(), default=6))

    def tier_name(self, tier: str) -> str:
        return self.tier_names.get(tier, tier)

    def own_sources_for(self, profile: str) -> frozenset[str]:
        extra = self.profiles.get(profile, {}).get("own_source_ids", ())
        return self.own_source_ids | frozenset(extra)


def _section(data: dict, key: str, allowed: set[str], where: Path) -> dict:
    value = data.get(key, {}) or {}
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: {key}: must be a map")
    unknown = set(value) - allowed
    if unknown:
        raise ConfigError(f"{where}: {key}.{sorted(unknown)[0]}: unknown key; use {', '.join(sorted(allowed))}")
    return value


def _num(section: dict, key: str, default: float, where: str, lo: float = 0.0, hi: float | None = None) -> float:
    value = section.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ConfigError(f"{where}.{key}: must be a number, got {value!r}")
    if value < lo or (hi is not None and value > hi):
        raise ConfigError(f"{where}.{key}: must be within [{lo}, {hi if hi is not None else '∞'}], got {value}")
    return float(value)


def parse(data: Any, where: Path) -> IncidentRules:
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: must be a map of sections")
    unknown = set(data) - TOP_KEYS
    if unknown:
        raise ConfigError(f"{where}: {sorted(unknown)[0]}: unknown section; use {', '.join(sorted(TOP_KEYS))}")
    w = _section(data, "window", {"index_hours", "follow_up_hours"}, where)
    c = _section(data, "clock", {"max_future_minutes", "max_past_hours"}, where)
    nd = _section(data, "near_duplicate", {"jaccard_min", "containment_min", "min_shingles", "title_min_chars",
                                           "short_shingles", "short_jaccard_min"}, where)
    fu = _section(data, "follow_up", {"score_min", "min_shared_terms", "title_similarity_min", "title_support_min",
                                      "response_score_min", "top_terms", "place_weight", "per_term_candidates",
                                      "incident_terms", "follow_up_candidates", "quoted_title_min", "quote_chars",
                                      "single_anchor_title_min",
                                      "common_term_incidents", "common_term_weight", "stop_terms"}, where)
    heat = _section(data, "heat", {"half_life_hours", "scale", "tier_weight"}, where)
    resp = _section(data, "response", {"own_tiers", "own_source_ids", "terms"}, where)
    closing = _section(data, "closing", {"quiet_hours", "heat_ratio_max"}, where)
    tiers = data.get("tiers") or {t: i for i, t in enumerate(TIERS)}
    for name, mapping in (("tiers", tiers), ("heat.tier_weight", heat.get("tier_weight", {}))):
        if not isinstance(mapping, dict) or set(mapping) - set(TIERS):
            raise ConfigError(f"{where}: {name}: must map media tiers ({', '.join(TIERS)}) to numbers")
    if set(TIERS) - set(tiers):
        raise ConfigError(f"{where}: tiers: missing {sorted(set(TIERS) - set(tiers))}; rank every tier")
    rules: list[SpreadRule] = []
    for i, raw in enumerate(data.get("spread_rules") or []):
        at = f"{where}: spread_rules[{i}]"
        if not isinstance(raw, dict) or set(raw) != {"meaning", "when", "grades"}:
            raise ConfigError(f"{at}: must be a map with meaning, when and grades (profile: {{grade, basis}}); "
                              "a floor says what the spread means, and each profile names its own grade for it")
        when = raw.get("when") or {}
        if not isinstance(when, dict) or not when or set(when) - SPREAD_KEYS:
            raise ConfigError(f"{at}.when: must be a non-empty map of {', '.join(sorted(SPREAD_KEYS))}")
        if "tier_at_least" in when and when["tier_at_least"] not in TIERS:
            raise ConfigError(f"{at}.when.tier_at_least: unknown tier {when['tier_at_least']!r}")
        if not str(raw.get("meaning", "")).strip():
            raise ConfigError(f"{at}.meaning: say in words what the spread means (shown to staff)")
        floors: dict[str, SpreadFloor] = {}
        grades = raw.get("grades")
        if not isinstance(grades, dict) or not grades:
            raise ConfigError(f"{at}.grades: map each profile to {{grade, basis}} (or {{grade, choice}})")
        for profile, floor in grades.items():
            if not isinstance(floor, dict) or "grade" not in floor or set(floor) - {"grade", "basis", "choice"} or (
                    not str(floor.get("basis", "")).strip() and not str(floor.get("choice", "")).strip()):
                raise ConfigError(f"{at}.grades.{profile}: write {{grade: ..., basis: the seed's clause}} or, "
                                  "where the seed is silent, {grade: ..., choice: why the office adds it}")
            floors[str(profile)] = SpreadFloor(str(floor["grade"]), str(floor.get("basis", "")).strip(),
                                               str(floor.get("choice", "")).strip())
        rules.append(SpreadRule(str(raw["meaning"]).strip(), dict(when), floors))
    patterns: list[re.Pattern[str]] = []
    for i, pattern in enumerate(data.get("boilerplate") or []):
        try:
            patterns.append(re.compile(str(pattern)))
        except re.error as exc:
            raise ConfigError(f"{where}: boilerplate[{i}]: not a valid regular expression: {exc}") from exc
    profiles = data.get("profiles") or {}
    if not isinstance(profiles, dict):
        raise ConfigError(f"{where}: profiles: must map a profile name to its overrides")
    for name, override in profiles.items():
        if not isinstance(override, dict) or set(override) - {"own_source_ids"}:
            raise ConfigError(f"{where}: profiles.{name}: only own_source_ids may be overridden")
    fw = "follow_up"
    return IncidentRules(
        index_hours=_num(w, "index_hours", 168, "window", 1),
        follow_up_hours=_num(w, "follow_up_hours", 72, "window", 0),
        max_future_minutes=_num(c, "max_future_minutes", 10, "clock"),
        max_past_hours=_num(c, "max_past_hours", 720, "clock"),
        jaccard_min=_num(nd, "jaccard_min", 0.5, "near_duplicate", 0, 1),
        containment_min=_num(nd, "containment_min", 0.8, "near_duplicate", 0, 1),
        min_shingles=int(_num(nd, "min_shingles", 15, "near_duplicate", 1)),
        short_shingles=int(_num(nd, "short_shingles", 60, "near_duplicate", 1)),
        short_jaccard_min=_num(nd, "short_jaccard_min", 0.8, "near_duplicate", 0, 1),
        title_min_chars=int(_num(nd, "title_min_chars", 10, "near_duplicate", 1)),
        follow_score_min=_num(fu, "score_min", 0.3, fw, 0, 1),
        min_shared_terms=int(_num(fu, "min_shared_terms", 2, fw, 1)),
        single_anchor_title_min=_num(fu, "single_anchor_title_min", 0.3, fw, 0, 1),
        title_similarity_min=_num(fu, "title_similarity_min", 0.6, fw, 0, 1),
        title_support_min=_num(fu, "title_support_min", 0.12, fw, 0, 1),
        quoted_title_min=_num(fu, "quoted_title_min", 0.8, fw, 0, 1),
        quote_chars=int(_num(fu, "quote_chars", 600, fw, 10)),
        response_score_min=_num(fu, "response_score_min", 0.2, fw, 0, 1),
        top_terms=int(_num(fu, "top_terms", 12, fw, 1)), place_weight=_num(fu, "place_weight", 1.5, fw, 0),
        per_term_candidates=int(_num(fu, "per_term_candidates", 40, fw, 1)),
        follow_up_candidates=int(_num(fu, "follow_up_candidates", 12, fw, 1)),
        common_term_incidents=int(_num(fu, "common_term_incidents", 25, fw, 2)),
        common_term_weight=_num(fu, "common_term_weight", 0.15, fw, 0, 1),
        stop_terms=frozenset(str(t).lower() for t in fu.get("stop_terms", [])),
        incident_terms=int(_num(fu, "incident_terms", 48, fw, 1)),
        negative_min=_num(data, "negative_min", 0.5, "", 0, 1),
        tiers={k: int(v) for k, v in tiers.items()},
        tier_names={**{t: t for t in TIERS}, **(data.get("tier_names") or {})},
        half_life_hours=_num(heat, "half_life_hours", 12, "heat", 0.1), heat_scale=_num(heat, "scale", 40, "heat", 0.1),
        tier_weight={**dict.fromkeys(TIERS, 1.0), **{k: float(v) for k, v in (heat.get("tier_weight") or {}).items()}},
        own_tiers=frozenset(resp.get("own_tiers", ["government"])),
        own_source_ids=frozenset(str(s) for s in resp.get("own_source_ids", [])),
        response_terms=tuple(str(t) for t in resp.get("terms", [])),
        quiet_hours=_num(closing, "quiet_hours", 48, "closing", 0),
        heat_ratio_max=_num(closing, "heat_ratio_max", 0.25, "closing", 0, 1),
        spread_rules=tuple(rules), boilerplate=tuple(patterns), profiles=dict(profiles))


def load(path: Path | str | None = None) -> IncidentRules:
    where = Path(path) if path else RULES_FILE
    try:
        data = yaml.safe_load(where.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"{where}: missing; copy incidents/rules.yaml and edit it") from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"{where}: not valid YAML: {exc}") from exc
    return parse(data, where)


@lru_cache(maxsize=8)
def default_rules() -> IncidentRules:
    return load(None)
