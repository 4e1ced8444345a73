"""The blind stress sets (devsets/stress/): good news, notices and private posts only (槿溪, 岚源, 汀岚, 沁峪,
桦屯, 柴丘, 菁潭, 岑塬, 榛汶, 澄岙, 岱埕, 栾屿), and adverse items about the office only (蔗林, 北垣, 苒陂); each item
valid as a development set's item, its labels those of its kind, split by id (odd dev, even held out), and its office
configuration loadable by the evaluation."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from devset_checks import check_fields

from bench.eval_judgement import _settings
from core.taxonomy import BASE_TOPICS

STRESS = Path(__file__).resolve().parents[2] / "devsets" / "stress"
SETS = {"jinxi": "s1", "lanyuan": "s2", "tinglan": "s3", "qinyu": "s4", "huatun": "s5", "chaiqiu": "s6",
        "jingtan": "s7", "cenyuan": "s8", "zhenwen": "s9", "chengao": "s10", "daicheng": "s11",
        "luanyu": "s12"}
ADVERSE_SETS = {"zhelin": "a1", "beiyuan": "a2", "ranpi": "a3"}
LABELS = {
    "positive_gov": {"adverse": False, "relevant": True},
    "neutral_notice": {"adverse": False, "relevant": True},
    "emotional_offtopic": {"adverse": False, "relevant": False},
}


@pytest.mark.parametrize(("name", "prefix"), SETS.items())
def test_a_stress_set_holds_its_three_kinds_labelled_and_split_by_id(name: str, prefix: str) -> None:
    items = [json.loads(line) for line in (STRESS / f"{name}_items.jsonl").read_text(encoding="utf-8").splitlines()]
    check_fields(items, rf"{prefix}-\d{{4}}", {name})
    assert len({i["id"] for i in items}) == len(items)
    kinds = Counter(i["kind"] for i in items)
    assert set(kinds) == set(LABELS) and kinds["positive_gov"] >= 100 and kinds["emotional_offtopic"] >= 50
    for item in items:
        labels = item["labels"]
        assert {k: labels[k] for k in ("adverse", "relevant")} == LABELS[item["kind"]], item["id"]
        assert labels["topic"] is None and not (labels["critical"] or labels["rumour"] or labels["official_notice"])
        assert item["split"] == ("dev" if int(item["id"].split("-")[1]) % 2 else "heldout"), item["id"]
    settings = _settings(name, STRESS / f"{name}_office.toml")
    assert settings.places, f"{name}: the office configuration names no place"


@pytest.mark.parametrize(("name", "prefix"), ADVERSE_SETS.items())
def test_an_adverse_stress_set_holds_relevant_adverse_items_of_every_topic(name: str, prefix: str) -> None:
    items = [json.loads(line) for line in (STRESS / f"{name}_items.jsonl").read_text(encoding="utf-8").splitlines()]
    check_fields(items, rf"{prefix}-\d{{4}}", {name})
    assert len({i["id"] for i in items}) == len(items)
    assert set(Counter(i["kind"] for i in items)) == {"complaint", "expose", "official_notice", "rumour"}
    topics = Counter(i["labels"]["topic"] for i in items)
    assert set(topics) == set(BASE_TOPICS) and min(topics.values()) >= 6, topics
    assert sum(i["labels"]["critical"] for i in items) >= 30
    for item in items:
        labels = item["labels"]
        assert labels["adverse"] and labels["relevant"], item["id"]
        assert labels["official_notice"] == (item["kind"] == "official_notice"), item["id"]
        assert labels["rumour"] == (item["kind"] == "rumour"), item["id"]
        assert item["split"] == ("dev" if int(item["id"].split("-")[1]) % 2 else "heldout"), item["id"]
    assert _settings(name, STRESS / f"{name}_office.toml").places

