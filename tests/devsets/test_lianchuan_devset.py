"""The third, blind development set (devsets/lianchuan_items.jsonl, office 涟川市 in 湖南): every line
valid, labels consistent with devsets/README.md's rules, the split reproducible, the office config
loadable.

It is checked like the second set (test_fengling_devset.py), with the shared helpers of
tests/devset_checks.py, plus what the third set promises: it is no copy of either older set, at least
half of its texts have the length of real articles and 留言 (150 characters or more), a third of the
other-city items are from 湖南 itself, and a dozen emotional off-topic posts name the city."""

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
    long_share,
)

from classifier.settings import ClassifierSettings, load_settings
from core.taxonomy import BASE_TOPICS

DEVSETS = Path(__file__).resolve().parents[2] / "devsets"
ITEMS = DEVSETS / "lianchuan_items.jsonl"
OFFICE_TOML = DEVSETS / "lianchuan_office.toml"
OFFICE = "lianchuan"

TRAP_WORDS = re.compile(r"学校|小学|中学|一中|三中|中专|幼儿园|校园|学生|学院|小区|花园|新村|楼盘|业主|住宅|居民楼|宿舍"
                        r"|名居|雅苑|香樟苑|岚湖湾|碧水云天|壹号")
# The brief's counts for a set of about 300: the minimum of each kind.
MIN_PER_KIND = {"expose": 50, "complaint": 50, "rumour": 20, "official_notice": 20, "emotional_offtopic": 35,
                "positive_gov": 35, "neutral_notice": 35, "other_city_bad": 35}
# Other cities of 湖南, the office's own province.
HUNAN = re.compile(r"长沙|株洲|湘潭|衡阳|邵阳|岳阳|常德|张家界|益阳|郴州|永州|怀化|娄底|涟源|湘西")


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
    check_fields(items, r"d3-\d{4}", {OFFICE})


def test_ids_and_texts_are_unique(items: list[dict]) -> None:
    check_unique(items)


def test_no_two_items_share_a_template(items: list[dict]) -> None:
    """Inside the set, and against both older sets (one template, or a copy)."""
    check_no_templates(items, [DEVSETS / "city_items.jsonl", DEVSETS / "fengling_items.jsonl"])


def test_half_the_texts_have_a_real_length(items: list[dict]) -> None:
    """The older sets are 60–90-character stubs; this one is written at the length of the real thing."""
    assert long_share(items) >= 0.5, f"only {long_share(items):.0%} of the texts have 150 characters or more"
    for kind in ("expose", "complaint", "official_notice", "neutral_notice"):
        part = [i for i in items if i["kind"] == kind]
        assert long_share(part) >= 0.4, f"{kind}: {long_share(part):.0%} long"


def test_labels_follow_the_rules(items: list[dict]) -> None:
    for item in items:
        check_labels(item)
        if item["kind"] == "emotional_offtopic":
            assert item["tone"] == "emotional", item["id"]


def test_relevant_items_name_the_jurisdiction(items: list[dict], office: ClassifierSettings) -> None:
    check_names_its_office(items, (*office.places, *office.bodies, *office.people), "涟川")


def test_some_off_topic_posts_name_the_city(items: list[dict], office: ClassifierSettings) -> None:
    """Naming the place does not make a post the office's business: a dozen off-topic posts do."""
    names = (*office.places, *office.bodies)
    naming = [i for i in items if i["kind"] == "emotional_offtopic" and any(n in i["title"] + i["text"] for n in names)]
    assert len(naming) >= 12, f"{len(naming)} emotional off-topic posts name 涟川"


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
    assert not wrong, f"splits differ from the draw: {wrong[:5]} (python devsets/split.py {ITEMS.name})"


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
        "devsets/README.md's table of the third set is stale: python devsets/split.py devsets/lianchuan_items.jsonl "
        "--table")


def test_office_config_loads(office: ClassifierSettings) -> None:
    assert office.profile == "city-gov"
    assert office.region == "4314"
    for district in ("涟江区", "桃溪区", "青岚县", "梓山县", "涟川高新区"):
        assert district in office.places
    assert len(office.places) >= 35 and len(office.bodies) >= 40 and office.people
    for name in ("places", "bodies", "people"):
        values = getattr(office, name)
        assert len(values) == len(set(values)), f"{name}: duplicates"


def test_region_code_is_invented() -> None:
    """4314 must stay free of any real prefecture (GB/T 2260), so nothing real is placed in 涟川."""
    check_region_free("4314", "43")


def test_minimum_counts(items: list[dict]) -> None:
    assert len(items) >= 290
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
    assert sum(bool(HUNAN.search(i["title"] + i["text"])) for i in other) >= len(other) / 3


def test_eval_judgement_scores_the_office_with_its_config() -> None:
    """bench/eval_judgement.py runs the invented office with --office-config, no change needed."""
    module = load_eval_judgement()
    mine = module._settings(OFFICE, OFFICE_TOML)
    assert mine.region == "4314" and "涟川" in mine.places and "涟川12345" in mine.bodies
