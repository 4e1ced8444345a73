"""The labelled development set (devsets/): every line valid, labels consistent, split reproducible."""

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
    check_labels,
    check_lines,
    check_unique,
    load_split,
)

from classifier.settings import ClassifierSettings, load_settings

DEVSETS = Path(__file__).resolve().parents[2] / "devsets"
ITEMS = DEVSETS / "city_items.jsonl"

OFFICES = {"fictional", "city-gov", "jining-ggzy"}
# The literal names by which an item is placed in each real office's jurisdiction; the fictional
# office's come from its own TOML.
JURISDICTION = {
    "city-gov": ("钦州", "钦南", "钦北", "灵山", "浦北"),
    "jining-ggzy": ("济宁", "任城", "兖州", "曲阜", "邹城", "微山", "鱼台", "金乡", "嘉祥", "汶上", "泗水",
                    "梁山"),
}
CITY = {"fictional": "临沣", "city-gov": "钦州", "jining-ggzy": "济宁"}
TRAP_WORDS = re.compile(r"学校|小学|中学|一中|幼儿园|校园|学生|小区|花园|华庭|新村|楼盘|业主|住宅|居民楼|宿舍")


@pytest.fixture(scope="module")
def split() -> ModuleType:
    return load_split()


@pytest.fixture(scope="module")
def lines() -> list[str]:
    return [line for line in ITEMS.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def items(lines: list[str]) -> list[dict]:
    return [json.loads(line) for line in lines]


@pytest.fixture(scope="module")
def office() -> ClassifierSettings:
    return load_settings(DEVSETS / "fictional_office.toml")


def test_every_line_is_one_json_object(lines: list[str]) -> None:
    check_lines(lines, "devsets/city_items.jsonl")


def test_fields_and_enums(items: list[dict]) -> None:
    check_fields(items, r"dv-\d{4}", OFFICES)


def test_ids_and_texts_are_unique(items: list[dict]) -> None:
    check_unique(items)


def test_no_two_items_share_a_template(items: list[dict]) -> None:
    """Two items sharing most of their 8-character shingles were written from one template."""
    shingles = [{i["text"][k:k + 8] for k in range(len(i["text"]) - 7)} for i in items]
    owners: dict[str, list[int]] = defaultdict(list)
    for n, grams in enumerate(shingles):
        for gram in grams:
            owners[gram].append(n)
    shared: Counter[tuple[int, int]] = Counter()
    for who in owners.values():
        if 1 < len(who) < 20:
            for a in range(len(who)):
                for b in range(a + 1, len(who)):
                    shared[(who[a], who[b])] += 1
    for (a, b), n in shared.items():
        overlap = n / min(len(shingles[a]), len(shingles[b]))
        assert overlap < 0.25, f"{items[a]['id']} and {items[b]['id']} share {overlap:.0%} of their text"


def test_labels_follow_the_rules(items: list[dict]) -> None:
    for item in items:
        where, kind, labels = item["id"], item["kind"], item["labels"]
        check_labels(item)
        if item["office"] == "jining-ggzy" and labels["topic"] is not None:
            assert labels["topic"] == "公共资源交易", f"{where}: the centre's remit is 公共资源交易"
        if kind == "emotional_offtopic":
            assert item["tone"] == "emotional", where


def test_relevant_items_name_the_jurisdiction(items: list[dict], office: ClassifierSettings) -> None:
    names = {**JURISDICTION, "fictional": (*office.places, *office.bodies, *office.people)}
    for item in items:
        text = item["title"] + item["text"]
        named = [n for n in names[item["office"]] if n in text]
        # A message on the office's own channel (市民留言板, 发布, 交易网) needs no place name.
        own_channel = CITY[item["office"]] in item["source"]["name"]
        if item["labels"]["relevant"]:
            assert named or own_channel, (
                f"{item['id']}: relevant to {item['office']} but names none of its places or bodies")
        elif item["kind"] == "other_city_bad":
            assert not named, f"{item['id']}: other-city item names the office's {named}"


def test_adverse_kinds_come_in_both_tones(items: list[dict]) -> None:
    tones = defaultdict(set)
    for item in items:
        tones[item["kind"]].add(item["tone"])
    assert set(tones) == KINDS, f"kinds missing: {sorted(KINDS - set(tones))}"
    for kind in ADVERSE_KINDS:
        assert tones[kind] == {"calm", "emotional"}, f"{kind} has only {tones[kind]}"


def test_split_is_the_seeded_draw(items: list[dict], split: ModuleType) -> None:
    drawn = split.draw(items)
    wrong = [i["id"] for i in items if i["split"] != drawn[i["id"]]]
    assert not wrong, f"splits differ from devsets/split.py's draw: {wrong[:5]} (run python devsets/split.py)"


def test_split_is_stratified(items: list[dict], split: ModuleType) -> None:
    strata: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for item in items:
        strata[(item["kind"], item["office"])][item["split"]] += 1
    for key, counts in strata.items():
        n = counts["dev"] + counts["heldout"]
        assert abs(counts["dev"] - split.P_DEV * n) <= 1, f"{key}: {dict(counts)} is not ~55/45"
    dev = sum(c["dev"] for c in strata.values()) / len(items)
    assert 0.50 <= dev <= 0.60, f"dev share {dev:.2f}"


def test_draw_is_stable_when_items_are_appended(items: list[dict], split: ModuleType) -> None:
    first = split.draw(items[: len(items) // 2])
    everything = split.draw(items)
    assert all(everything[k] == v for k, v in first.items())


def test_readme_counts_are_current(items: list[dict], split: ModuleType) -> None:
    readme = (DEVSETS / "README.md").read_text(encoding="utf-8")
    assert split.table(items) in readme, "devsets/README.md's counts table is stale: python devsets/split.py --table"


def test_fictional_office_config_loads(office: ClassifierSettings) -> None:
    assert re.fullmatch(r"4599", office.region)
    for district in ("沣城区", "柳湾区", "青石县", "棠溪县"):
        assert district in office.places
    for name in ("places", "bodies", "people"):
        values = getattr(office, name)
        assert values and len(values) == len(set(values)), f"{name}: empty or with duplicates"


MIN_PER_KIND = {"expose": 60, "complaint": 60, "rumour": 25, "official_notice": 25, "emotional_offtopic": 40,
                "positive_gov": 40, "neutral_notice": 40, "other_city_bad": 30}


def test_minimum_counts(items: list[dict]) -> None:
    assert len(items) >= 380
    kinds = Counter(i["kind"] for i in items)
    short = {k: (kinds[k], n) for k, n in MIN_PER_KIND.items() if kinds[k] < n}
    assert not short, f"kinds below their minimum (have, need): {short}"
    offices = Counter(i["office"] for i in items)
    assert 0.55 <= offices["fictional"] / len(items) <= 0.65, f"fictional share {offices['fictional']}/{len(items)}"
    assert offices["city-gov"] >= 70 and offices["jining-ggzy"] >= 35, dict(offices)
    for kind in ("other_city_bad", "emotional_offtopic"):
        spread = {i["office"] for i in items if i["kind"] == kind}
        assert spread == OFFICES, f"{kind} must be spread over every office, is over {spread}"


def test_enough_critical_items_and_topic_traps(items: list[dict]) -> None:
    critical = [i for i in items if i["labels"]["critical"]]
    assert len(critical) >= 35, f"{len(critical)} critical items"
    assert {i["kind"] for i in critical} >= {"expose", "rumour", "official_notice", "complaint"}
    traps = [i for i in items
             if i["labels"]["topic"] in TRAP_TOPICS and TRAP_WORDS.search(i["title"] + i["text"])]
    assert len(traps) >= 35, f"{len(traps)} topic traps"
    assert {i["labels"]["topic"] for i in traps} == TRAP_TOPICS
