"""The second, blind development set (devsets/fengling_items.jsonl, office 枫岭市): every line valid,
labels consistent with devsets/README.md's rules, the split reproducible, the office config loadable.

It is checked like the first set (test_devsets.py) plus what the second set promises: the kinds in
the issue's proportions, every base topic at least 8 times among relevant adverse items, topic traps
for each of 社会稳定/涉外/应急管理, an invented region code that no real prefecture uses."""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from pathlib import Path
from types import ModuleType

import pytest
from devset_checks import (
    ADVERSE_KINDS,
    KINDS,
    TRAP_TOPICS,
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

from classifier.settings import ClassifierSettings, load_settings
from core.taxonomy import BASE_TOPICS

REPO = Path(__file__).resolve().parents[2]
DEVSETS = REPO / "devsets"
ITEMS = DEVSETS / "fengling_items.jsonl"
OFFICE_TOML = DEVSETS / "fengling_office.toml"
OFFICE = "fengling"

TRAP_WORDS = re.compile(r"学校|小学|中学|一中|二中|幼儿园|校园|学生|学院|小区|花园|华庭|新村|楼盘|业主|住宅|居民楼|宿舍"
                        r"|名苑|华府")
# The table of kinds, scaled to a set of 320: the minimum of each kind.
MIN_PER_KIND = {"expose": 60, "complaint": 60, "rumour": 25, "official_notice": 25, "emotional_offtopic": 35,
                "positive_gov": 35, "neutral_notice": 35, "other_city_bad": 30}
# Other cities of 江西, the office's own province: some of the other-city items must come from there.
JIANGXI = re.compile(r"江西|南昌|景德镇|萍乡|九江|新余|鹰潭|赣州|吉安|宜春|抚州|上饶")


@pytest.fixture(scope="module")
def split() -> ModuleType:
    return load_split()


@pytest.fixture(scope="module")
def lines() -> list[str]:
    return ITEMS.read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def items(lines: list[str]) -> list[dict]:
    return [json.loads(line) for line in lines]


@pytest.fixture(scope="module")
def office() -> ClassifierSettings:
    return load_settings(OFFICE_TOML)


def test_every_line_is_one_json_object(lines: list[str]) -> None:
    check_lines(lines, str(ITEMS))


def test_fields_and_enums(items: list[dict]) -> None:
    check_fields(items, r"d2-\d{4}", {OFFICE})


def test_ids_and_texts_are_unique(items: list[dict]) -> None:
    check_unique(items)


def test_no_two_items_share_a_template(items: list[dict]) -> None:
    """Inside the set, and against the first set (one template, or a copy)."""
    check_no_templates(items, [DEVSETS / "city_items.jsonl"])


def test_labels_follow_the_rules(items: list[dict]) -> None:
    for item in items:
        check_labels(item)
        if item["kind"] == "emotional_offtopic":
            assert item["tone"] == "emotional", item["id"]


def test_relevant_items_name_the_jurisdiction(items: list[dict], office: ClassifierSettings) -> None:
    check_names_its_office(items, (*office.places, *office.bodies, *office.people), "枫岭")


def test_adverse_kinds_come_in_both_tones(items: list[dict]) -> None:
    tones = defaultdict(set)
    for item in items:
        tones[item["kind"]].add(item["tone"])
    assert set(tones) == KINDS, f"kinds missing: {sorted(KINDS - set(tones))}"
    for kind in ADVERSE_KINDS | {"positive_gov"}:
        assert tones[kind] == {"calm", "emotional"}, f"{kind} has only {tones[kind]}"


def test_split_is_the_seeded_draw(items: list[dict], split: ModuleType) -> None:
    drawn = split.draw(items)
    wrong = [i["id"] for i in items if i["split"] != drawn[i["id"]]]
    assert not wrong, f"splits differ from the draw: {wrong[:5]} (python devsets/split.py {ITEMS.relative_to(REPO)})"


def test_split_is_half_and_half_in_every_kind_and_topic(items: list[dict], split: ModuleType) -> None:
    assert split.p_dev_of(OFFICE) == 0.5
    check_half_split(items, split.p_dev_of(OFFICE))


def test_draw_is_stable_when_items_are_appended(items: list[dict], split: ModuleType) -> None:
    first = split.draw(items[: len(items) // 2])
    everything = split.draw(items)
    assert all(everything[k] == v for k, v in first.items())


def test_readme_counts_are_current(items: list[dict], split: ModuleType) -> None:
    readme = (DEVSETS / "README.md").read_text(encoding="utf-8")
    assert split.table(items) in readme, (
        "devsets/README.md's table of the second set is stale: python devsets/split.py devsets/fengling_items.jsonl "
        "--table")


def test_office_config_loads(office: ClassifierSettings) -> None:
    assert office.profile == "city-gov"
    assert office.region == "3613"
    for district in ("青枫区", "鹤林区", "桐源县", "梅坪县", "枫岭经开区"):
        assert district in office.places
    for name in ("places", "bodies", "people"):
        values = getattr(office, name)
        assert values and len(values) == len(set(values)), f"{name}: empty or with duplicates"


def test_region_code_is_invented() -> None:
    """3613 must stay free of any real prefecture (GB/T 2260), so nothing real is placed in 枫岭."""
    check_region_free("3613", "36")


def test_minimum_counts(items: list[dict]) -> None:
    assert len(items) >= 320
    kinds = Counter(i["kind"] for i in items)
    short = {k: (kinds[k], n) for k, n in MIN_PER_KIND.items() if kinds[k] < n}
    assert not short, f"kinds below their minimum (have, need): {short}"


def test_every_topic_is_covered(items: list[dict]) -> None:
    topics = Counter(i["labels"]["topic"] for i in items if i["labels"]["adverse"] and i["labels"]["relevant"])
    thin = {t: topics[t] for t in BASE_TOPICS if topics[t] < 8}
    assert not thin, f"topics with fewer than 8 relevant adverse items: {thin}"


def test_critical_items_traps_and_same_province(items: list[dict]) -> None:
    critical = [i for i in items if i["labels"]["critical"]]
    assert len(critical) >= 30, f"{len(critical)} critical items"
    assert {i["kind"] for i in critical} >= {"expose", "rumour", "official_notice", "complaint"}
    traps = [i for i in items
             if i["labels"]["topic"] in TRAP_TOPICS and TRAP_WORDS.search(i["title"] + i["text"])]
    assert len(traps) >= 20, f"{len(traps)} topic traps"
    per_topic = Counter(i["labels"]["topic"] for i in traps)
    assert all(per_topic[t] >= 3 for t in TRAP_TOPICS), dict(per_topic)
    other = [i for i in items if i["kind"] == "other_city_bad"]
    assert sum(bool(JIANGXI.search(i["title"] + i["text"])) for i in other) >= 8


def test_eval_judgement_scores_an_invented_office_with_its_config() -> None:
    """bench/eval_judgement.py: an office key that is no shipped profile runs with --office-config."""
    module = load_eval_judgement()
    mine = module._settings(OFFICE, OFFICE_TOML)
    assert mine.region == "3613" and "枫岭" in mine.places
    assert module._settings("fictional", DEVSETS / "fictional_office.toml").region == "4599"
    shipped = module._settings("city-gov", OFFICE_TOML)
    assert shipped.profile == "city-gov" and shipped.places != mine.places
