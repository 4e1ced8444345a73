"""The blind development sets of invented offices (devsets/fengling_items.jsonl, office 枫岭市 in 江西;
devsets/lianchuan_items.jsonl, office 涟川市 in 湖南; devsets/qichuan_items.jsonl, office 栖川市 in 四川;
devsets/yuze_items.jsonl, office 榆泽市 in 黑龙江; devsets/tongxun_items.jsonl, office 桐浔市 in 广西;
devsets/ruochuan_items.jsonl, office 箬川市 in 浙江; devsets/tangyi_items.jsonl, office 棠沂市 in 山东;
devsets/huanyang_items.jsonl, office 澴阳市 in 湖北; devsets/yingfeng_items.jsonl, office 颍丰市 in 河南;
devsets/qingxiu_items.jsonl, office 青岫市 in 四川; devsets/gaoling_items.jsonl, office 皋陵市 in 安徽;
devsets/suoyan_items.jsonl, office 梭岩市 in 贵州;
devsets/qiyuan_items.jsonl, office 漆原市 in 陕西;
devsets/liaowan_items.jsonl, office 蓼湾市 in 江苏;
devsets/tancang_items.jsonl, office 檀沧市 in 云南;
devsets/zhengang_items.jsonl, office 榛岗市 in 辽宁;
devsets/moquan_items.jsonl, office 漠泉市 in 宁夏;
devsets/lanwan_items.jsonl, office 澜湾市 in 海南;
devsets/ximu_items.jsonl, office 锡沐市 in 内蒙古;
devsets/yuge_items.jsonl, office 玉戈市 in 新疆;
devsets/liting_items.jsonl, office 荔汀市 in 广东;
devsets/zhipu_items.jsonl, office 芷浦市 in 福建;
devsets/lintai_items.jsonl, office 蔺台市 in 河北;
devsets/jiyan_items.jsonl, office 霁岩市 in 吉林; devsets/jichuan_items.jsonl, office 芨川市 in 甘肃;
devsets/songmei_items.jsonl, office 嵩湄市 in 河南; devsets/fenjian_items.jsonl, office 汾涧市 in 山西;
devsets/xiaoling_items.jsonl, office 潇陵市 in 湖北;
devsets/shanyuan_items.jsonl, office 杉沅市 in 贵州;
devsets/liheng_items.jsonl, office 溧蘅市 in 江苏; devsets/qiongrong_items.jsonl, office 邛嵘市 in 四川),
each checked alike: every line valid, labels consistent with devsets/README.md's rules, the split
reproducible, the office config loadable, and what every such set promises: the kinds in the issue's
proportions, every base topic at least 8 times (6 in the smaller fourth to ninth sets) among relevant adverse
items, topic traps for each of 社会稳定/涉外/应急管理, other-city items from the office's own province,
an invented region code that no real prefecture uses, no text copied or templated from an older set.

Each set is a BlindSet in tests/devset_checks.py; every test here runs once per set (its id names the
set). What only one set promises is in test_<name>_devset.py."""

from __future__ import annotations

from collections import Counter, defaultdict
from types import ModuleType

import pytest
from devset_checks import (
    ADVERSE_KINDS,
    BLIND_SETS,
    DEVSETS,
    KINDS,
    TRAP_TOPICS,
    BlindSet,
    check_fields,
    check_half_split,
    check_labels,
    check_lines,
    check_names_its_office,
    check_no_templates,
    check_region_free,
    check_unique,
    load_eval_judgement,
    load_split,
)

from classifier.settings import ClassifierSettings
from core.taxonomy import BASE_TOPICS


@pytest.fixture(scope="module", params=BLIND_SETS, ids=lambda blind: blind.name)
def blind(request: pytest.FixtureRequest) -> BlindSet:
    return request.param


@pytest.fixture(scope="module")
def split() -> ModuleType:
    return load_split()


@pytest.fixture(scope="module")
def lines(blind: BlindSet) -> list[str]:
    return blind.lines()


@pytest.fixture(scope="module")
def items(blind: BlindSet) -> list[dict]:
    return blind.items()


@pytest.fixture(scope="module")
def office(blind: BlindSet) -> ClassifierSettings:
    return blind.office()


def test_every_line_is_one_json_object(blind: BlindSet, lines: list[str]) -> None:
    check_lines(lines, str(blind.path))


def test_fields_and_enums(blind: BlindSet, items: list[dict]) -> None:
    check_fields(items, blind.id_pattern, {blind.name})


def test_ids_and_texts_are_unique(items: list[dict]) -> None:
    check_unique(items)


def test_no_two_items_share_a_template(blind: BlindSet, items: list[dict]) -> None:
    """Inside the set, and against every older set (one template, or a copy)."""
    check_no_templates(items, [DEVSETS / name for name in blind.older])


def test_labels_follow_the_rules(items: list[dict]) -> None:
    for item in items:
        check_labels(item)
        if item["kind"] == "emotional_offtopic":
            assert item["tone"] == "emotional", item["id"]


def test_relevant_items_name_the_jurisdiction(blind: BlindSet, items: list[dict], office: ClassifierSettings) -> None:
    check_names_its_office(items, (*office.places, *office.bodies, *office.people), blind.city)


def test_adverse_kinds_come_in_both_tones(items: list[dict]) -> None:
    tones = defaultdict(set)
    for item in items:
        tones[item["kind"]].add(item["tone"])
    assert set(tones) == KINDS, f"kinds missing: {sorted(KINDS - set(tones))}"
    for kind in ADVERSE_KINDS | {"positive_gov"}:
        assert tones[kind] == {"calm", "emotional"}, f"{kind} has only {tones[kind]}"


def test_split_is_the_seeded_draw(blind: BlindSet, items: list[dict], split: ModuleType) -> None:
    drawn = split.draw(items)
    wrong = [i["id"] for i in items if i["split"] != drawn[i["id"]]]
    assert not wrong, f"splits differ from the draw: {wrong[:5]} (python devsets/split.py devsets/{blind.path.name})"


def test_split_is_half_and_half_in_every_kind_and_topic(
        blind: BlindSet, items: list[dict], split: ModuleType) -> None:
    assert split.p_dev_of(blind.name) == 0.5
    check_half_split(items, split.p_dev_of(blind.name))


def test_draw_is_stable_when_items_are_appended(items: list[dict], split: ModuleType) -> None:
    first = split.draw(items[: len(items) // 2])
    everything = split.draw(items)
    assert all(everything[k] == v for k, v in first.items())


def test_readme_counts_are_current(blind: BlindSet, items: list[dict], split: ModuleType) -> None:
    readme = (DEVSETS / "README.md").read_text(encoding="utf-8")
    assert split.table(items) in readme, (
        f"devsets/README.md's table of the {blind.ordinal} set is stale: python devsets/split.py "
        f"devsets/{blind.path.name} --table")


def test_office_config_loads(blind: BlindSet, office: ClassifierSettings) -> None:
    assert office.profile == "city-gov"
    assert office.region == blind.region
    for district in blind.districts:
        assert district in office.places
    for name in ("places", "bodies", "people"):
        values = getattr(office, name)
        assert len(values) >= blind.min_names[name], f"{name}: {len(values)}, fewer than {blind.min_names[name]}"
        assert len(values) == len(set(values)), f"{name}: duplicates"


def test_region_code_is_invented(blind: BlindSet) -> None:
    """The office's code must stay free of any real prefecture (GB/T 2260), so nothing real is placed in it."""
    check_region_free(blind.region, blind.province_code)


def test_minimum_counts(blind: BlindSet, items: list[dict]) -> None:
    assert len(items) >= blind.min_items
    kinds = Counter(i["kind"] for i in items)
    short = {k: (kinds[k], n) for k, n in blind.min_per_kind.items() if kinds[k] < n}
    assert not short, f"kinds below their minimum (have, need): {short}"


def test_every_topic_is_covered(blind: BlindSet, items: list[dict]) -> None:
    topics = Counter(i["labels"]["topic"] for i in items if i["labels"]["adverse"] and i["labels"]["relevant"])
    need = blind.min_per_topic
    thin = {t: topics[t] for t in BASE_TOPICS if topics[t] < need}
    assert not thin, f"topics with fewer than {need} relevant adverse items: {thin}"


def test_critical_items_traps_and_same_province(blind: BlindSet, items: list[dict]) -> None:
    critical = [i for i in items if i["labels"]["critical"]]
    assert len(critical) >= 30, f"{len(critical)} critical items"
    assert {i["kind"] for i in critical} >= {"expose", "rumour", "official_notice", "complaint"}
    traps = [i for i in items
             if i["labels"]["topic"] in TRAP_TOPICS and blind.trap_words.search(i["title"] + i["text"])]
    assert len(traps) >= 20, f"{len(traps)} topic traps"
    per_topic = Counter(i["labels"]["topic"] for i in traps)
    assert all(per_topic[t] >= 3 for t in TRAP_TOPICS), dict(per_topic)
    other = [i for i in items if i["kind"] == "other_city_bad"]
    same_province = sum(bool(blind.province.search(i["title"] + i["text"])) for i in other)
    need = max(blind.province_min, blind.province_share * len(other))
    assert same_province >= need, f"{same_province} of {len(other)} other-city items from the province, need {need:g}"


def test_eval_judgement_scores_the_office_with_its_config(blind: BlindSet) -> None:
    """bench/eval_judgement.py runs the invented office with --office-config, no change needed."""
    mine = load_eval_judgement()._settings(blind.name, blind.office_toml)
    assert mine.region == blind.region and blind.city in mine.places
