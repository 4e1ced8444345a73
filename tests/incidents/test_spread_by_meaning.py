"""Spread floors by meaning (issue 11): the grade each seed gives a spread, never "n steps above the mildest"."""

from __future__ import annotations

from typing import Any

import pytest

import incidents
from incidents.grading import estimate, profile_rules


def _metrics(sources: int, tier: str = "self_media", growth: int = 0) -> dict[str, Any]:
    return {"items": sources, "sources": sources, "negative_share": 1.0, "growth_last_hour": growth, "views": 0,
            "interactions": 0, "top_tier": tier}


def _grade(profile: str, metrics: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    rules = profile_rules(profile)
    assert rules is not None
    mildest = rules.grades[-1]
    state = {"topics": {"其他": 1}, "carriers": {}, "counts": {}, "signals": {},
             "item_grade": {"level": mildest, "rank": len(rules.grades) - 1, "reasons": []}}
    est = estimate(state, metrics, rules, incidents.default_rules(), profile)
    assert est is not None
    return est.level, est.reasons


@pytest.mark.parametrize(("profile", "grade"), [
    ("anshan-ggzy", "一般"),      # 001: 特别重大 is an event's gravity, not five reposts (main: 特别重大)
    ("city-gov", "一般"),         # 004: 重大 is a 重大突发事件, not five reposts (main: 重大)
    ("yichun-scjg", "敏感"),      # 002 第十七条 敏感: 媒体报道较多、传播速度较快
    ("school", "较大"),           # 003 篇三 较大: 不同网站出现且负面声音有所上升
    ("huaning-gonglu", "二级"),   # 003 篇五 二级: 网上影响较大
])
def test_five_sources_mean_what_each_seed_says(profile: str, grade: str) -> None:
    assert _grade(profile, _metrics(5))[0] == grade


def test_prefecture_media_never_make_jining_first_grade() -> None:
    """000 第六条: 一级 only for 中央级媒体、省内主流媒体 (main: 20 prefecture sources were 一级)."""
    level, reasons = _grade("jining-ggzy", _metrics(20, "prefecture"))
    assert level == "二级"
    assert any("000 第六条" in r for r in reasons)
    assert not any("002" in r or "003" in r for r in reasons)  # the reason cites this profile's own seed


def test_reason_cites_the_profiles_own_seed() -> None:
    _, reasons = _grade("school", _metrics(5))
    assert any("003 篇三" in r for r in reasons) and not any("002" in r for r in reasons)
