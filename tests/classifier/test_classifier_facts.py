"""Facts the grades follow: counts of deaths, injured and people gathered; rumours; official notices;
and the grading conditions and gate that read them."""

from __future__ import annotations

from pathlib import Path

import pytest

from classifier.facts import Facts, chinese_number, find_facts
from classifier.grading import Features, check, load_rules
from policies import HERE


@pytest.mark.parametrize(("text", "value"), [("12", 12), ("十二", 12), ("两百三十", 230), ("一百零五", 105),
                                             ("数十", 20), ("上百", 100), ("三", 3), ("某", None)])
def test_chinese_numbers(text: str, value: int | None) -> None:
    assert chinese_number(text) == value


@pytest.mark.parametrize(("title", "text", "deaths", "injured", "gathered"), [
    ("化工厂爆炸致2人死亡", "今天凌晨发生爆炸，2人死亡，5人受伤。", 2, 5, None),
    ("", "事故造成3死12伤", 3, 12, None),
    ("", "一名工人从高处坠落身亡", 1, None, None),
    ("", "死亡人数已升至十一人", 11, None, None),
    ("", "事故未造成人员伤亡", None, None, None),
    ("", "现场无人员受伤", None, None, None),
    ("", "数十名农民工聚集在项目部门口讨薪", None, None, 20),
    ("", "约200名业主围堵售楼处", None, None, 200),
    ("", "售楼处门口聚集了100余人", None, None, 100),
    ("", "一名男子被刺伤送医", None, 1, None),
    ("", "两村为争地打群架，据说伤了十几个人", None, 10, None),
    ("国足又输了", "气死我了，笑死，这球踢的", None, None, None),
    ("", "小区有人被捅死了？？警车来了十几辆", 1, None, None),
    ("", "教练说你这个动作不标准会受伤", None, None, None),
    ("", "网传小区有人跳楼了", None, 1, None),
    ("", "听说工地上死了两个人", 2, None, None),
    ("", "送到医院抢救无效", 1, None, None),
    ("", "一男子持刀行凶", None, 1, None),
    ("", "上百名家长堵在校门口要说法", None, None, 100),
    ("", "听说化工厂爆炸死了好几个人", 3, None, None),
    ("", "网传几十个村民和施工队打起来了", None, None, 20),
    ("", "好多业主聚集在售楼处门口讨说法", None, None, 10),
])
def test_counts(title: str, text: str, deaths: int | None, injured: int | None, gathered: int | None) -> None:
    f = find_facts(title, text)
    assert (f.deaths, f.injured, f.gathered) == (deaths, injured, gathered)
    assert f.adverse == bool(deaths or injured or gathered)


def test_mass_incident_rumour_official() -> None:
    assert find_facts("", "当地发生一起群体性事件").mass_incident == "群体性事件"
    rumour = find_facts("网传某小学发生绑架案", "有网友称孩子被带走，待核实")
    assert rumour.rumour == "网传" and rumour.adverse and rumour.official is None
    assert find_facts("求证：小区昨晚是不是出事了？", "").rumour == "求证"
    notice = find_facts("关于某小区火灾的情况通报", "11月30日晚，某小区发生火灾，无人员伤亡。")
    assert notice.official and "情况通报" in notice.official and notice.deaths is None and notice.rumour is None
    assert find_facts("警情通报", "某分局接报后……", government_source=True).official
    assert not find_facts("市民反映路灯坏了", "希望尽快维修").official


def feats(**kw: object) -> Features:
    base: dict[str, object] = {"tier": "self_media", "kind": "forum", "topic": "其他", "negativity": 0.9,
                               "relevance": 0.9}
    base.update(kw)
    return Features(**base)  # type: ignore[arg-type]


def test_the_gate_grades_only_relevant_adverse_items_with_the_reason() -> None:
    rules = load_rules(HERE / "jining-ggzy")
    elsewhere = rules.grade(feats(tier="central", relevance=0.05))
    assert elsewhere.level == "三级" and "与本单位关联弱 (相关度 0.05 < 0.50)" in elsewhere.reasons
    calm = rules.grade(feats(tier="self_media", negativity=0.4))
    assert calm.level == "三级" and "未达负面门槛 (负面 0.40 < 0.50)" in calm.reasons
    # A report by the media the regulation names is graded from the lower bar (as the intake admits it).
    assert rules.grade(feats(tier="central", negativity=0.4)).level == "一级"
    low = rules.grade(feats(tier="central", negativity=0.1))
    assert low.level == "三级" and "未达负面门槛 (负面 0.10 < 0.30)" in low.reasons
    # A death counted in the text is bad news whatever the model's score.
    deaths = rules.grade(feats(negativity=0.1, facts=Facts(deaths=2, words=("2人死亡",))))
    assert deaths.level == "一级" and "死亡 2 人" in deaths.reasons
    assert rules.grade(feats(tier="central", tier_reason="中央级媒体: 新华社 (据信源名称“新华社”)")).reasons[-1] \
        == "中央级媒体: 新华社 (据信源名称“新华社”)"


@pytest.mark.parametrize(("profile", "top_two"), [
    ("jining-ggzy", ("一级", "二级")), ("anshan-ggzy", ("特别重大", "一般")), ("yichun-scjg", ("特别重大", "重大")),
    ("huaning-gonglu", ("一级", "二级")), ("school", ("特别重大", "重大")), ("city-gov", ("特别重大", "重大"))])
def test_deaths_mass_incidents_and_central_exposes_reach_the_top_two(profile: str, top_two: tuple[str, str]) -> None:
    rules = load_rules(HERE / profile)
    for f in (feats(facts=Facts(deaths=1)), feats(facts=Facts(mass_incident="群体性事件")),
              feats(facts=Facts(gathered=30)), feats(tier="central"), feats(tier="provincial")):
        assert rules.grade(f).level in top_two, (profile, f)
    rumour = rules.grade(feats(facts=Facts(rumour="网传")))
    assert "网传消息, 待核实 (“网传”)" in rumour.reasons
    official = rules.grade(feats(tier="government", facts=Facts(official="官方通报“警情通报”")))
    assert "官方通报“警情通报”" in official.reasons


def test_fact_conditions_are_checked_strictly(tmp_path: Path) -> None:
    (tmp_path / "grading.yaml").write_text(
        "grades: [一级, 二级]\ngate: {negativity_min: 2, colour: red, prominent_tiers: [national]}\nrules:\n"
        "  - {grade: 一级, reason: r, when: {deaths_min: 0, rumour: maybe, emotion_min: 0.5}}\n"
        "default: {grade: 二级, reason: d}\n", encoding="utf-8")
    problems = "\n".join(check(tmp_path, ["一级", "二级"]))
    assert "gate.negativity_min: must be within [0.0, 1.0]" in problems and "gate.colour: unknown key" in problems
    assert "unknown value 'national'" in problems
    assert "deaths_min: must be within [1" in problems and "rumour: must be true or false" in problems
    assert "emotion_min: unknown condition" in problems  # emotion is never a condition
