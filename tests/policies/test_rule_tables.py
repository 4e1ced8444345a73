"""Each profile's rule table (policies/<name>/rules.yaml): every rule of its seed, where it is encoded,
and the test that proves it. The table cannot rot: every row names a test that exists, every clock
and every office's choice of the profile is in the table, and each row's example is run here."""

from __future__ import annotations

import ast
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import yaml

import incidents
from classifier.facts import find_facts
from classifier.grading import Features, load_rules
from incidents.grading import estimate
from policies import SHIPPED, profile_dir
from router import approvals, disclosure, policy
from router.routetest import labels_from_pairs
from router.upward import FORMS

ROOT = Path(__file__).resolve().parents[2]
AT = datetime(2026, 11, 25, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))  # a Wednesday
KINDS = {"grade", "notify", "deadline", "report", "routing", "local", "escalation", "closing", "confidentiality",
         "process", "approval"}
ROW_KEYS = {"id", "clause", "kind", "rule", "encoded", "test", "choice", "example", "gap"}
EXAMPLE_TEST = "tests/policies/test_rule_tables.py::test_rule_examples"


def _table(name: str) -> dict[str, Any]:
    return yaml.safe_load((profile_dir(name) / "rules.yaml").read_text(encoding="utf-8"))


def _rows() -> list[tuple[str, dict[str, Any]]]:
    return [(name, row) for name in SHIPPED for row in _table(name)["rules"]]


@cache
def _tests_in(path: str) -> frozenset[str]:
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    return frozenset(node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef))


@pytest.mark.parametrize("name", list(SHIPPED))
def test_every_row_names_an_existing_test(name: str) -> None:
    table = _table(name)
    assert set(table) <= {"profile", "seed", "rules", "gaps", "not_operational"}, set(table)
    assert table["profile"] == name and table["seed"] == policy.load(profile_dir(name)).seed
    for gap in [*table.get("gaps", []), *table.get("not_operational", [])]:
        assert {"clause", "rule", "why"} <= set(gap), gap
    ids = [row["id"] for row in table["rules"]]
    assert len(ids) == len(set(ids)), "row ids are unique"
    for row in table["rules"]:
        assert set(row) <= ROW_KEYS, f"{row['id']}: unknown keys {set(row) - ROW_KEYS}"
        assert {"id", "clause", "kind", "rule", "encoded", "test"} <= set(row), row["id"]
        assert row["kind"] in KINDS, row["id"]
        for test in [row["test"]] if isinstance(row["test"], str) else row["test"]:
            path, _, func = test.partition("::")
            assert (ROOT / path).is_file(), f"{name} {row['id']}: {path} does not exist"
            assert func in _tests_in(path), f"{name} {row['id']}: {test} does not exist"
            if test == EXAMPLE_TEST:
                assert row.get("example"), f"{name} {row['id']}: proven by its example, but it has none"


@pytest.mark.parametrize("name", list(SHIPPED))
def test_every_clock_and_choice_of_the_profile_is_in_the_table(name: str) -> None:
    """A clock the table does not list, or an office's choice it does not mark, fails here."""
    profile = policy.load(profile_dir(name))
    rows = _table(name)["rules"]
    encoded = " ".join(str(r["encoded"]) for r in rows)
    for spec in profile.clocks:
        if not spec.id.startswith("ack-"):
            assert f"clocks.{spec.id}" in encoded, f"{name}: clock {spec.id} is in no row of rules.yaml"
        if spec.choice:
            assert any(f"clocks.{spec.id}" in str(r["encoded"]) and r.get("choice") for r in rows), \
                f"{name}: clock {spec.id} is the office's choice but no row marks it"
    for grade in profile.grade_choices:
        assert any(r["kind"] == "grade" and r.get("choice") and grade in r["rule"] for r in rows), grade
    for approval in profile.approvals:
        assert f"approvals.{approval.id}" in encoded, f"{name}: approval {approval.id} is in no row of rules.yaml"
        if approval.choice:
            assert any(f"approvals.{approval.id}" in str(r["encoded"]) and r.get("choice") for r in rows), \
                f"{name}: approval {approval.id} is the office's choice but no row marks it"
    for flag in profile.flags:
        assert f"flags.{flag.id}" in encoded, f"{name}: flag {flag.id} is in no row of rules.yaml"
    if profile.disclosure is not None:
        rows_of = [r for r in rows if "profile.yaml disclosure" in str(r["encoded"])]
        assert rows_of, f"{name}: the disclosure rule is in no row of rules.yaml"
        assert not profile.disclosure.choice or any(r.get("choice") for r in rows_of), \
            f"{name}: the disclosure rule is the office's choice but no row marks it"


@pytest.mark.parametrize("name", list(SHIPPED))
def test_grading_choices_are_in_the_table(name: str) -> None:
    """grading.yaml marks its own readings 本单位选择 (issue 10); the table lists them as the office's choice."""
    if "本单位选择" in (profile_dir(name) / "grading.yaml").read_text(encoding="utf-8"):
        assert any(r["kind"] == "grade" and r.get("choice") and "本单位选择" in str(r["encoded"])
                   for r in _table(name)["rules"]), f"{name}: grading.yaml's 本单位选择 rules are in no row"


def _check_route(profile: policy.Profile, ex: dict[str, Any]) -> None:
    labels = labels_from_pairs(profile, list(ex["route"]))
    decision = profile.route(labels, AT)
    clocks = {c.id: c for c in decision.clocks}
    if "lead" in ex:
        assert decision.lead == ex["lead"], decision
    assert set(ex.get("copies", [])) <= set(decision.copies), decision.copies
    assert not set(ex.get("not_copies", [])) & set(decision.copies), decision.copies
    assert set(ex.get("assisting", [])) <= set(decision.assisting), decision.assisting
    for clock_id, due in (ex.get("clocks") or {}).items():
        assert clock_id in clocks and clocks[clock_id].due.text == str(due), (clock_id, list(clocks))
    for clock_id in ex.get("no_clocks", []):
        assert clock_id not in clocks, clock_id
    for clock_id, owner in (ex.get("owner") or {}).items():
        assert profile.owner_of(clocks[clock_id], decision.lead, labels.region) == owner
    for clock_id, to in (ex.get("to") or {}).items():
        assert list(clocks[clock_id].to) == to
    for clock_id, form in (ex.get("report") or {}).items():
        assert clocks[clock_id].report == form and form in FORMS
    for clock_id, start in (ex.get("from") or {}).items():
        assert clocks[clock_id].start == start
    for clock_id, stop in (ex.get("stop_on") or {}).items():
        assert clocks[clock_id].stop_on == stop
    if "reason" in ex:
        assert any(ex["reason"] in r for r in decision.reasons), decision.reasons


def _check_grade(name: str, ex: dict[str, Any]) -> None:
    rules = load_rules(profile_dir(name))
    text = ex.get("text", "")
    f = Features(tier=ex.get("tier", "unknown"), kind=ex.get("kind", "news"), topic=ex.get("topic", "其他"),
                 negativity=ex.get("negativity", 0.9), relevance=0.9, views=ex.get("views"),
                 replies=ex.get("replies"), reposts=ex.get("reposts"), signals=rules.find_signals(text),
                 facts=find_facts("", text))
    assert rules.grade(f).level == ex["expect"], rules.grade(f)


def _check_spread(name: str, ex: dict[str, Any]) -> None:
    rules = load_rules(profile_dir(name))
    state = {"topics": {"其他": 1}, "carriers": {}, "counts": {}, "signals": {},
             "item_grade": {"level": rules.grades[-1], "rank": len(rules.grades) - 1, "reasons": []}}
    metrics = {"items": ex["sources"], "sources": ex["sources"], "negative_share": 1.0,
               "growth_last_hour": ex.get("growth", 0), "views": 0, "interactions": 0,
               "top_tier": ex.get("tier", "self_media")}
    est = estimate(state, metrics, rules, incidents.default_rules(), name)
    assert est is not None and est.level == ex["expect"], est


def _check_escalation(profile: policy.Profile, ex: dict[str, Any]) -> None:
    steps = [(c.due.text, profile.resolve_target(c.escalate_to[0])) for c in profile.clocks
             if c.id.startswith("ack-") and ex["grade"] in c.grades]
    assert steps == [tuple(s) for s in ex["steps"]], steps


@pytest.mark.parametrize(("name", "row"), [(n, r) for n, r in _rows() if r.get("example")],
                         ids=[f"{n}-{r['id']}" for n, r in _rows() if r.get("example")])
def test_rule_examples(name: str, row: dict[str, Any]) -> None:
    """Run the example of a row: a route test, a grade, a spread, an escalation chain, an inhibition."""
    profile = policy.load(profile_dir(name))
    examples = row["example"] if isinstance(row["example"], list) else [row["example"]]
    for ex in examples:
        if "route" in ex:
            _check_route(profile, ex)
        elif "grade" in ex:
            _check_grade(name, ex["grade"])
        elif "spread" in ex:
            _check_spread(name, ex["spread"])
        elif "escalation" in ex:
            _check_escalation(profile, ex["escalation"])
        elif "inhibit" in ex:
            assert profile.mutes(*ex["inhibit"])
        elif "approvals" in ex:
            # {approvals: {grade: [step ids, in order]}, flags: [...], before: 办结}: what a response (or
            # the close) of a case of that grade carrying those flags waits for.
            flags = ex.get("flags", [])
            assert set(flags) <= {f.id for f in profile.flags}, flags
            for grade, ids in ex["approvals"].items():
                steps = approvals.required(profile.approvals, grade, flags, ex.get("before", approvals.RESPOND))
                assert [a.id for a in steps] == ids, grade
        elif "disclosure" in ex:
            # {disclosure: {grade, flags, calibers: [the 口径 a disclosure may cite], outlet}}
            rule, case = profile.disclosure, ex["disclosure"]
            assert rule is not None and list(rule.outlet) == case["outlet"], rule
            cited = disclosure.citable(rule, profile.approvals, case["grade"], case.get("flags", []))
            assert [a.id for a in cited] == case["calibers"], cited
        elif "form" in ex:
            assert ex["form"] in FORMS and [label for _, label in FORMS[ex["form"]]][:len(ex["fields"])] == \
                ex["fields"]
        else:
            raise AssertionError(f"{name} {row['id']}: unknown example {ex}")


def test_table_counts() -> None:
    """The figures of the report (rules per profile, how many are the office's choice, open gaps)."""
    for name in SHIPPED:
        rows = _table(name)["rules"]
        assert len(rows) >= 10, f"{name} lists only {len(rows)} rules"
        table = _table(name)
        print(f"{name}: {len(rows)} rules, {sum(1 for r in rows if r.get('choice'))} office's choice, "
              f"{sum(1 for r in rows if r.get('gap'))} partly encoded, {len(table.get('gaps', []))} not encoded, "
              f"{len(table.get('not_operational', []))} not operational")
