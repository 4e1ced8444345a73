"""Relevance out of the box: every shipped profile's jurisdiction as data, checked, and used."""

from __future__ import annotations

from pathlib import Path

import pytest

from classifier import jurisdiction
from classifier.grading import check
from classifier.regions import regions
from classifier.relevance import RelevanceScorer
from classifier.service import office_of
from classifier.settings import ClassifierSettings
from policies import HERE, SHIPPED
from router import policy


@pytest.mark.parametrize("name", sorted(SHIPPED))
def test_every_shipped_profile_carries_a_valid_jurisdiction(name: str) -> None:
    folder = HERE / name
    assert (folder / jurisdiction.FILE).is_file()
    profile = policy.load(folder)
    assert jurisdiction.check(folder, profile.region) == []
    j = jurisdiction.load(folder)
    assert j.bodies or j.places or j.name
    for d in j.divisions:
        assert regions().name_of(d.code) == d.name and d.code.startswith(j.region)
    # yuqing policy check reads it through classifier.grading.check.
    assert check(folder, list(profile.grades)) == []


def _write(tmp_path: Path, text: str) -> Path:
    (tmp_path / jurisdiction.FILE).write_text(text, encoding="utf-8")
    return tmp_path


def test_check_names_each_problem(tmp_path: Path) -> None:
    folder = _write(tmp_path, """
region: "3708"
name: 济宁市
divisions:
  - {code: "370811", name: 任城区}
  - {code: "210302", name: 铁东区}
  - {code: "370812", name: 兖州县}
  - {code: "370899", name: 新区}
  - {code: "3708", name: 短}
places: 济宁
colour: red
media:
  - {name: 济宁日报, tier: national}
""")
    problems = "\n".join(jurisdiction.check(folder, "3708"))
    assert "210302 is outside the region 3708" in problems
    assert "'兖州县' but GB/T 2260 370812 is '兖州区'" in problems
    assert "370899 is not in the national table" in problems
    assert "six-digit" in problems
    assert "places: must be a list" in problems
    assert "colour: unknown key" in problems
    assert "tier: 'national'" in problems
    assert "differs from profile.yaml's region 2103" in "\n".join(jurisdiction.check(folder, "2103"))
    with pytest.raises(Exception, match="outside the region"):
        jurisdiction.load(folder)


def test_jining_relevance_without_configuration() -> None:
    scorer = RelevanceScorer(office_of(ClassifierSettings(profile="jining-ggzy")))
    rel, why = scorer.score("曲阜市一项目开标延误", "投标人质疑程序")
    assert rel >= 0.8 and why == ["标题提及 曲阜市"]
    rel, why = scorer.score("某中心电子平台故障", "济宁市公共资源交易服务中心平台今天上午无法登录")
    assert rel >= 0.85 and "提及本单位 济宁市公共资源交易服务中心" in why
    # Other cities' bad news: low, and the evidence in words.
    rel, why = scorer.score("淄博一工程项目围标串标被查", "淄博市某工程项目6家企业围标串标")
    assert rel < 0.1 and why == ["提及外地 淄博, 未提及本辖区"]
    # A local outlet carrying another city's news: the source says nothing about the story.
    rel, why = scorer.score("临沂一交易中心平台故障", "临沂市某县交易中心平台故障", local_source="济宁日报")
    assert rel < 0.1
    rel, why = scorer.score("一项目开标延误", "投标人质疑程序", local_source="济宁日报")
    assert rel == 0.5 and why == ["本地媒体 济宁日报"]


def test_a_local_outlet_carrying_another_provinces_news() -> None:
    """济宁日报 (山东) on a story its lead places in another province is another place's news; 我市 in a local
    outlet's report is the office's city, whatever trip it tells of; a street, a station or an origin named
    after a province is no place elsewhere; a citizen's message to the office names provinces in passing."""
    scorer = RelevanceScorer(office_of(ClassifierSettings(profile="jining-ggzy")))
    rel, why = scorer.score("外地一景区玻璃栈道发生事故", "据报道，湖南某景区玻璃栈道发生游客坠落事故。",
                            local_source="济宁日报")
    assert rel < 0.1 and why == ["本地媒体 济宁日报", "提及外地 湖南, 未提及本辖区"]
    for title, text in (("我市企业赴深圳招商", "近日，我市组织企业赴广东深圳开展招商引资活动。"),
                        ("一项目开标延误", "湖南路改造项目开标延误，投标人质疑程序。"),
                        ("游客在景区摔伤", "一名来自广东的游客在景区游玩时摔伤。"),
                        ("一项目开标延误", "投标人质疑程序，" + "此前多次投标" * 10 + "，在北京也投过标。")):
        rel, why = scorer.score(title, text, local_source="济宁日报")
        assert rel == 0.5 and why == ["本地媒体 济宁日报"], (title, why)
    rel, why = scorer.score("一项目开标延误", "本人来自湖南，在广东打工，这个项目开标一再延误",
                            source_name="济宁市民留言板")
    assert not any(r.startswith("提及外地") for r in why), why


def test_a_district_name_other_cities_share_is_weak_alone() -> None:
    scorer = RelevanceScorer(office_of(ClassifierSettings(profile="anshan-ggzy")))
    alone, why = scorer.score("铁西区一工厂起火", "")
    assert alone < 0.5 and "外地也有同名区县" in why[0]
    assert scorer.score("鞍山铁西区一工厂起火", "")[0] >= 0.8


def test_office_settings_extend_or_replace_the_profile_jurisdiction() -> None:
    extended = office_of(ClassifierSettings(profile="jining-ggzy", places=("太白湖景区",), bodies=("某分中心",)))
    assert "太白湖景区" in extended.places and "济宁市公共资源交易服务中心" in extended.bodies
    assert extended.name == "济宁市"
    # An office built on city-gov for its own city: its region replaces 钦州's jurisdiction.
    own = office_of(ClassifierSettings(profile="city-gov", region="4599", places=("临沣市", "沣城区")))
    assert own.region == "4599" and own.name == "" and own.places == ("临沣市", "沣城区")
    scorer = RelevanceScorer(own)
    assert scorer.score("钦州一小区停水", "")[0] < 0.1
    assert scorer.score("沣城区一小区停水", "")[0] >= 0.8


def test_the_office_region_must_be_a_code() -> None:
    with pytest.raises(ValueError, match="GB/T 2260"):
        ClassifierSettings(region="济宁")
    assert ClassifierSettings(region="370811").region == "370811"


def test_policy_check_reports_a_broken_jurisdiction(tmp_path: Path) -> None:
    import shutil

    from yuqing.cli import main

    folder = tmp_path / "my-office"
    shutil.copytree(HERE / "jining-ggzy", folder)
    text = (folder / jurisdiction.FILE).read_text(encoding="utf-8")
    (folder / jurisdiction.FILE).write_text(text.replace("name: 邹城市", "name: 邹县"), encoding="utf-8")
    assert main(["policy", "check", str(folder)]) == 1
    assert main(["policy", "check", str(HERE / "jining-ggzy")]) == 0


def test_a_jurisdiction_without_places_calls_nothing_elsewhere() -> None:
    """The school of seed 003 篇一 names its people, not its town: unknown items stay at 0.5."""
    scorer = RelevanceScorer(office_of(ClassifierSettings(profile="school")))
    assert scorer.score("某地一小区停水", "")[0] == 0.5
    assert scorer.score("网友反映我校食堂饭菜变质", "")[0] >= 0.85
    placed = RelevanceScorer(office_of(ClassifierSettings(profile="school", places=("青石县",))))
    assert placed.score("某地一小区停水", "")[0] < 0.1 and placed.score("青石县一中食堂", "")[0] >= 0.8
