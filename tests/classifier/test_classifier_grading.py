"""Grading rules per profile: grades, reasons in words, strict checking with line numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from classifier.grading import Features, check, describe, load_rules
from core.errors import ConfigError
from policies import HERE, SHIPPED

GRADES = {"jining-ggzy": ["一级", "二级", "三级"], "anshan-ggzy": ["特别重大", "一般"],
          "yichun-scjg": ["特别重大", "重大", "敏感", "一般"], "huaning-gonglu": ["一级", "二级", "三级"],
          "school": ["特别重大", "重大", "较大", "一般"], "city-gov": ["特别重大", "重大", "一般"]}


def feats(**kw: object) -> Features:
    base: dict[str, object] = {"tier": "self_media", "kind": "forum", "topic": "其他", "negativity": 0.9,
                               "relevance": 0.8}
    base.update(kw)
    return Features(**base)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", sorted(SHIPPED))
def test_shipped_profiles_check_clean(name: str) -> None:
    assert check(HERE / name, GRADES[name]) == []


def test_jining_grades_by_media_tier_with_reasons() -> None:
    rules = load_rules(HERE / "jining-ggzy")
    grade = rules.grade(feats(tier="prefecture", negativity=0.93, replies=1200))
    assert (grade.level, grade.rank) == ("二级", 1)
    assert describe(grade) == "二级: 地方报刊或网络媒体报道 (第六条 二级), 负面 0.93, 回帖 1,200"
    assert rules.grade(feats(tier="central")).level == "一级"
    assert rules.grade(feats(tier="self_media", views=100)).level == "三级"
    assert rules.grade(feats(tier="central", negativity=0.2)).level == "三级"  # not a negative item


def test_emergency_signals_and_negation() -> None:
    rules = load_rules(HERE / "city-gov")
    found = rules.find_signals("化工厂发生爆炸，已造成2人死亡")
    assert found == {"死亡": "死亡", "爆炸火灾": "爆炸"}
    assert "受伤" not in rules.find_signals("事故未造成人员受伤")
    grade = rules.grade(feats(signals=found))
    assert grade.level == "特别重大" and "突发信号 死亡" in grade.reasons
    assert rules.grade(feats(signals={})).level == "一般"


def test_a_device_or_prevention_is_no_signal() -> None:
    rules = load_rules(HERE / "city-gov")
    assert rules.find_signals("为独居老人免费安装燃气泄漏报警器") == {}
    assert rules.find_signals("开展防泄漏、预防火灾宣传") == {}
    assert rules.find_signals("化工园区举行危化品泄漏应急演练") == {}
    # the event itself still counts, also beside a device
    assert rules.find_signals("报警器响了，厨房燃气泄漏，一人受伤") == {"事故灾害": "泄漏", "受伤": "受伤"}
    assert rules.find_signals("仓库起火，火灾探测器未报警") == {"爆炸火灾": "起火"}


def test_a_leak_of_words_or_a_common_season_is_no_signal() -> None:
    rules = load_rules(HERE / "city-gov")
    assert rules.find_signals("信息泄漏太严重，招聘短信天天打") == {}
    assert rules.find_signals("冬季天干物燥本是火灾高发期，请督促业主拆除") == {}
    assert rules.find_signals("秋季正是火灾易发的时节，出门切记关电源") == {}
    assert rules.find_signals("化工厂氯气泄漏，周边村民紧急撤离") == {"事故灾害": "泄漏"}
    assert rules.find_signals("这条路事故频发，昨晚又起火了") == {"爆炸火灾": "起火"}


def test_yichun_livelihood_topic_with_heat_is_major() -> None:
    rules = load_rules(HERE / "yichun-scjg")
    grade = rules.grade(feats(topic="食品药品安全", negativity=0.8, reposts=800))
    assert grade.level == "重大"
    assert "敏感领域 食品药品安全" in grade.reasons and "转发 800" in grade.reasons
    assert rules.grade(feats(replies=60, negativity=0.7)).level == "敏感"


def test_every_profile_grades_every_rank_reachable_shape() -> None:
    for name, grades in GRADES.items():
        rules = load_rules(HERE / name)
        assert list(rules.grades) == grades
        mild = rules.grade(feats(negativity=0.1))
        assert mild.level == grades[-1] and mild.rank == len(grades) - 1 and mild.reasons


def _write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "grading.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def test_check_names_line_key_and_fix(tmp_path: Path) -> None:
    folder = _write(tmp_path, """grades: [一级, 二级]
rules:
  - grade: 一级
    reason: 中央媒体
    when:
      tier: [central, nation]
      negativty_min: 0.5
  - grade: 特级
    reason: x
    when: {views_min: -1}
default: {grade: 二级, reason: 一般}
""")
    problems = check(folder, ["一级", "二级"])
    text = "\n".join(problems)
    assert "grading.yaml:6: rules[0].when.tier: unknown value 'nation'" in text
    assert "grading.yaml:7: rules[0].when.negativty_min: unknown condition" in text
    assert "rules[1].grade: unknown grade '特级'" in text
    assert "views_min: must be within" in text
    with pytest.raises(ConfigError):
        load_rules(folder)


def test_check_grade_names_must_match_profile(tmp_path: Path) -> None:
    folder = _write(tmp_path, "grades: [一级, 二级]\nrules: []\ndefault: {grade: 二级, reason: 一般}\nextra: 1\n")
    problems = check(folder, ["重大", "一般"])
    assert any("differ from profile.yaml" in p for p in problems)
    assert any(p.startswith("grading.yaml:4: extra: unknown key") for p in problems)
    assert check(tmp_path / "nowhere", ["一级"])[0].endswith("copy policies/city-gov/grading.yaml and edit it")


def test_the_public_matter_bar_is_checked_and_off_by_default(tmp_path: Path) -> None:
    folder = _write(tmp_path, "grades: [一级, 二级]\ngate: {public_matter_min: 1.5}\nrules: []\n"
                              "default: {grade: 二级, reason: 一般}\n")
    assert any("gate.public_matter_min: must be within" in p for p in check(folder, ["一级", "二级"]))
    folder = _write(tmp_path, "grades: [一级, 二级]\ngate: {public_matter_min: 0.05}\nrules: []\n"
                              "default: {grade: 二级, reason: 一般}\n")
    assert load_rules(folder).gate.public_matter_min == 0.05
    assert load_rules(HERE / "school").gate.public_matter_min is None
    assert load_rules(HERE / "city-gov").gate.public_matter_min == 0.05


def test_misfortune_is_not_a_negation() -> None:
    rules = load_rules(HERE / "city-gov")
    assert "死亡" in rules.find_signals("一名工人不幸遇难")
    assert rules.find_signals("暂无人员伤亡") == {}
