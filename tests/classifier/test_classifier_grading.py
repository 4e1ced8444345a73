"""Grading rules per profile: grades, reasons in words, strict checking with line numbers."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from classifier.facts import Facts, find_facts
from classifier.grading import (
    COUNTS,
    DEFAULT_SIGNALS,
    KINDS,
    TIERS,
    Condition,
    Features,
    _fact_words,
    _present,
    check,
    describe,
    load_rules,
)
from core.errors import ConfigError
from core.taxonomy import BASE_TOPICS, SENSITIVE
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
    assert rules.find_signals("每户加装了燃气泄漏报警和自动切断装置，小区装上火灾报警系统") == {}
    assert rules.find_signals("开展防泄漏、预防火灾宣传") == {}
    assert rules.find_signals("化工园区举行危化品泄漏应急演练") == {}
    # the event itself still counts, also beside a device
    assert rules.find_signals("报警器响了，厨房燃气泄漏，一人受伤") == {"事故灾害": "泄漏", "受伤": "受伤"}
    assert rules.find_signals("仓库起火，火灾探测器未报警") == {"爆炸火灾": "起火"}


def test_the_work_against_an_event_a_provision_s_case_and_a_drill_s_report_are_no_signal() -> None:
    rules = load_rules(HERE / "city-gov")
    assert rules.find_signals("关于召开全市冬春火灾防控工作会议的通知。定于12月4日召开") == {}
    provision = "禁止野外用火。违反规定的，依法予以处罚；引起森林火灾构成犯罪的，依法追究刑事责任。"
    assert rules.find_signals(provision) == {}
    drill = "某县开展煤矿透水事故应急救援演练。演练模拟6名矿工被困。经过3个小时“救援”，被困人员全部“获救”。"
    assert rules.find_signals(drill) == {}
    # a fire that happened still counts, and so does a drill that went wrong in its own sentence
    assert rules.find_signals("昨晚林区发生火灾，依法追究责任人") == {"爆炸火灾": "火灾"}
    assert rules.find_signals("消防演练走过场。上月商场起火，3人受伤") == {"爆炸火灾": "起火", "受伤": "受伤"}


def test_a_warning_s_list_of_hazards_to_guard_against_is_no_signal() -> None:
    rules = load_rules(HERE / "city-gov")
    assert rules.find_signals("山区将有暴雨。山区群众请警惕山洪、滑坡和泥石流。") == {}
    assert rules.find_signals("请注意防范山洪、地质灾害、城乡积涝及中小河流洪水。") == {}
    # the verb reaches to its clause's end only
    assert rules.find_signals("请警惕山洪。昨夜城东仓库起火") == {"爆炸火灾": "起火"}


def test_a_statistic_that_fell_is_no_event_and_one_that_rose_still_counts() -> None:
    rules = load_rules(HERE / "city-gov")
    assert rules.find_signals("柏坡县连续十年实现森林火灾零发生") == {}
    stats = "全市安全生产事故起数和死亡人数“双下降”。道路交通事故死亡人数同比分别下降21%和18%。"
    assert rules.find_signals(stats) == {}
    facts = find_facts("全市安全生产事故起数和死亡人数“双下降”", stats)
    assert facts.deaths is None
    assert rules.find_signals("化工厂爆炸致3人死亡，死亡人数升至5人")["死亡"] == "死亡"
    assert find_facts("化工厂爆炸", "死亡人数已升至五人").deaths is not None


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
    assert load_rules(HERE / "city-gov").gate.place_only_negativity_min == 0.6
    assert load_rules(HERE / "school").gate.place_only_negativity_min is None
    folder = _write(tmp_path, "grades: [一级, 二级]\ngate: {place_only_negativity_min: 2}\nrules: []\n"
                    "default: {grade: 二级, reason: r}\n")
    assert any("gate.place_only_negativity_min: must be within" in p for p in check(folder, ["一级", "二级"]))


def test_misfortune_is_not_a_negation() -> None:
    rules = load_rules(HERE / "city-gov")
    assert "死亡" in rules.find_signals("一名工人不幸遇难")
    assert rules.find_signals("暂无人员伤亡") == {}


def _reference_match(c: Condition, f: Features) -> list[str] | None:
    """Condition.match as it read every field of the condition on each call (before it was compiled)."""
    facts: list[str] = []
    if c.tier and f.tier not in c.tier:
        return None
    if c.authority and f.authority not in c.authority:
        return None
    if c.kind and f.kind not in c.kind:
        return None
    if c.signals:
        found = [name for name in c.signals if name in f.signals]
        if not found:
            return None
        facts.extend(f"突发信号 {f.signals[name]}" if name in DEFAULT_SIGNALS else f"{name}“{f.signals[name]}”"
                     for name in found)
    if c.topic:
        if f.topic not in c.topic:
            return None
        facts.append(f"涉及{f.topic}")
    if c.sensitive_topic is not None:
        if (f.topic in SENSITIVE) != c.sensitive_topic:
            return None
        if c.sensitive_topic and not c.topic:
            facts.append(f"敏感领域 {f.topic}")
    if c.negativity_min is not None and f.negativity < c.negativity_min:
        return None
    if c.negativity_max is not None and f.negativity > c.negativity_max:
        return None
    if c.relevance_min is not None:
        if f.relevance < c.relevance_min:
            return None
        facts.append(f"相关度 {f.relevance:.2f}")
    for name, minimum in c.counts_min:
        value = getattr(f, name)
        if value is None or value < minimum:
            return None
        facts.append(f"{COUNTS[name]} {value:,}")
    for name, minimum in c.facts_min:
        value = getattr(f.facts, name)
        if value is None or value < minimum:
            return None
        facts.append(_fact_words(f.facts, name))
    for name in ("mass_incident", "crime", "rumour", "official", "hazard"):
        flag = getattr(c, name)
        if flag is not None and bool(getattr(f.facts, name)) != flag:
            return None
    if c.mass_incident:
        facts.append(f"群体性事件“{f.facts.mass_incident}”")
    if c.crime:
        facts.append(f"危害人身安全的案件“{f.facts.crime}”")
    if c.hazard:
        facts.append(f"水库堤坝险情“{f.facts.hazard}”")
    if c.any:
        for alternative in c.any:
            sub = _reference_match(alternative, f)
            if sub is not None:
                facts.extend(sub)
                break
        else:
            return None
    return facts


def _random_features(rng: random.Random, signal_names: list[str]) -> Features:
    def maybe(values: list[object]) -> object:
        return rng.choice([None, *values])

    facts = Facts(deaths=maybe([0, 1, 3]), injured=maybe([0, 1, 25]), gathered=maybe([0, 20, 150]),
                  crowd=rng.random() < 0.3, missing=maybe([0, 1, 2]), evacuated=maybe([0, 1, 300]),
                  evacuation=maybe(["已转移群众300余人"]), hazard=maybe(["", "大坝裂缝"]), crime=maybe(["", "绑架"]),
                  mass_incident=maybe(["", "打砸"]), rumour=maybe(["", "网传"]), official=maybe(["", "警情通报"]))
    signals = {name: rng.choice(["死亡", "受伤", "起火"]) for name in rng.sample(signal_names, rng.randint(0, 3))}
    return Features(tier=rng.choice(TIERS), kind=rng.choice(sorted(KINDS)), topic=rng.choice(sorted(BASE_TOPICS)),
                    negativity=rng.choice([0.0, 0.29, 0.3, 0.5, 0.6, 0.61, 0.95, 1.0, rng.random()]),
                    relevance=rng.choice([0.0, 0.4, 0.5, 0.8, rng.random()]), views=maybe([0, 100, 20000, 200000]),
                    replies=maybe([0, 199, 200, 5000]), reposts=maybe([0, 200, 1000, 3000]),
                    likes=maybe([0, 10, 10000]), signals=signals, facts=facts, emotion=maybe([0.2, 0.8]),
                    tier_reason=maybe(["据信源名称"]), authority=maybe(["central", "provincial"]))


def _conditions(c: Condition) -> list[Condition]:
    return [c, *(sub for alternative in c.any for sub in _conditions(alternative))]


def test_compiled_conditions_match_as_the_fields_say() -> None:
    """Each condition is compiled at load into the checks it sets: on every shipped profile's rules and on
    made conditions of every key, it holds where reading all its fields says it holds, with the same facts."""
    rng = random.Random(10)
    made = [Condition(), Condition(tier=("central",), negativity_min=0.5, negativity_max=0.9),
            Condition(topic=("教育", "住房"), sensitive_topic=True, relevance_min=0.5),
            Condition(sensitive_topic=True), Condition(sensitive_topic=False),
            Condition(kind=("forum",), authority=("provincial",), counts_min=(("views", 100), ("likes", 10))),
            Condition(facts_min=(("deaths", 1), ("evacuated", 1)), hazard=True, mass_incident=True, crime=True),
            Condition(rumour=False, official=True, crime=False, mass_incident=False, hazard=False),
            Condition(signals=("死亡", "受伤"),
                      any=(Condition(tier=("central",)), Condition(counts_min=(("replies", 200),)))),
            Condition(any=(Condition(any=(Condition(rumour=True), Condition(facts_min=(("missing", 1),)))),
                           Condition(topic=("涉外",))))]
    rules = [load_rules(HERE / name) for name in sorted(SHIPPED)]
    conditions = [c for r in rules for rule in r.rules for c in _conditions(rule.when)]
    conditions += [c for m in made for c in _conditions(m)]
    signal_names = sorted({name for r in rules for name in r.signals})
    held = 0
    for _ in range(3000):
        f = _random_features(rng, signal_names)
        present = _present(f)
        for c in conditions:
            expected = _reference_match(c, f)
            assert c.match(f) == expected, (c, f)
            held += expected is not None
            if expected is not None and c._needs is not None:
                assert not present.isdisjoint(c._needs), (c, f)  # what it needs is there
        for r in rules:
            # The grade passes over the rules whose needs the item lacks: the same grade as every rule read.
            short = r.gate.shortfall(f)
            if short is not None:
                expected_grade = r._grade(r.default, f, [short])
            else:
                expected_grade = next((r._grade(rule, f, found) for rule in r.rules
                                       if (found := _reference_match(rule.when, f)) is not None),
                                      r._grade(r.default, f, []))
            assert r.grade(f) == expected_grade, f
    assert held > 1000  # the features made hold many conditions, not only none
    assert sum(c._needs is not None for c in conditions) > 10
