"""The strict profile loader: shipped profiles load, errors name the line and the fix."""

from __future__ import annotations

from pathlib import Path

import pytest
from router_helpers import TEST_PROFILE, write_profile

from policies import SHIPPED, profile_dir
from router import policy
from router.policy import PolicyError

EXPECTED_GRADES = {
    "jining-ggzy": ("一级", "二级", "三级"),
    "anshan-ggzy": ("特别重大", "一般"),
    "yichun-scjg": ("特别重大", "重大", "敏感", "一般"),
    "huaning-gonglu": ("一级", "二级", "三级"),
    "school": ("特别重大", "重大", "较大", "一般"),
    "city-gov": ("特别重大", "重大", "一般"),
}


@pytest.mark.parametrize("name", list(SHIPPED))
def test_shipped_profiles_load_with_their_grades(name: str) -> None:
    profile = policy.load(profile_dir(name))
    assert profile.grades == EXPECTED_GRADES[name]
    assert profile.default_receiver in profile.departments
    assert profile.escalation.desk in profile.departments and profile.escalation.leader in profile.departments
    for grade in profile.grades:
        # Every grade has at least the escalation chain or a deadline: nothing is left without a clock.
        assert profile.clocks_for(grade), f"{name}: grade {grade} has no clock"


def test_city_gov_topics_are_the_seed_categories() -> None:
    from core.taxonomy import CITY_GOV

    profile = policy.load(profile_dir("city-gov"))
    assert tuple(profile.topics) == CITY_GOV
    assert profile.always_copy == ("open-office", "press", "cac")


def _broken(tmp_path: Path, old: str, new: str) -> PolicyError:
    text = TEST_PROFILE.replace(old, new)
    assert text != TEST_PROFILE, f"{old!r} not in the test profile"
    folder = write_profile(tmp_path / "p", "http://127.0.0.1:1", text)
    with pytest.raises(PolicyError) as info:
        policy.load(folder)
    return info.value


def _line_of(text: str, needle: str) -> int:
    rendered = text.format(url="http://127.0.0.1:1")
    return next(i for i, line in enumerate(rendered.splitlines(), 1) if needle in line)


def test_unknown_key_names_line_and_suggestion(tmp_path: Path) -> None:
    error = _broken(tmp_path, "default_receiver: desk", "default_reciever: desk")
    text = str(error)
    line = _line_of(TEST_PROFILE.replace("default_receiver: desk", "default_reciever: desk"), "default_reciever")
    assert f"line {line}: unknown key 'default_reciever'" in text
    assert "did you mean 'default_receiver'?" in text


def test_undefined_department_in_route(tmp_path: Path) -> None:
    error = _broken(tmp_path, "receiver: housing}", "receiver: houzing}")
    assert any("department 'houzing' is not defined" in p and "did you mean 'housing'?" in p for p in error.problems)


def test_undefined_topic_and_base_topic(tmp_path: Path) -> None:
    error = _broken(tmp_path, "match: {{topic: 住房}}", "match: {{topic: 房产}}")
    assert any("'房产' is not a topic of this profile" in p for p in error.problems)
    error = _broken(tmp_path, "住房: [住房]", "住房: [房地产]")
    assert any("'房地产' is not a base topic" in p for p in error.problems)


def test_unreachable_route(tmp_path: Path) -> None:
    text = TEST_PROFILE.replace(
        "    - {{name: 住房, match: {{topic: 住房}}, receiver: housing}}\n",
        "    - {{name: 住房, match: {{topic: 住房}}, receiver: housing}}\n"
        "    - {{name: 住房重大, match: {{topic: 住房, grade: 重大}}, receiver: leader}}\n")
    folder = write_profile(tmp_path / "p", "http://x", text)
    with pytest.raises(PolicyError) as info:
        policy.load(folder)
    (problem,) = info.value.problems
    line = _line_of(text, "住房重大")
    assert problem.startswith(f"line {line}: route '住房重大' can never be reached")
    assert "add continue: true" in problem


def test_overlapping_clocks(tmp_path: Path) -> None:
    # The same clock twice for one grade: the second one names the first one's line.
    text = TEST_PROFILE.replace(
        "clocks:\n", "clocks:\n  - {{id: respond, name: 回应, grades: [重大, 一般], due: 24h}}\n")
    folder = write_profile(tmp_path / "p", "http://x", text)
    with pytest.raises(PolicyError) as info:
        policy.load(folder)
    first = _line_of(text, "name: 回应,")
    assert any(f"clock 'respond' for grade '一般' is also defined on line {first}" in p for p in info.value.problems)


def test_bad_duration_and_reminder(tmp_path: Path) -> None:
    error = _broken(tmp_path, "due: 48h", "due: 48 hours")
    assert any("is not a duration" in p and "5wd" in p for p in error.problems)
    error = _broken(tmp_path, "remind_before: [20m]", "remind_before: [2h]")
    assert any("would come before the clock starts" in p for p in error.problems)


def test_unknown_grade_and_channel(tmp_path: Path) -> None:
    error = _broken(tmp_path, "when_open: [特别重大]", "when_open: [特大]")
    assert any("grade '特大' is not a grade of this profile" in p for p in error.problems)
    error = _broken(tmp_path, "kind: webhook, url: \"{url}/leader\"", "kind: pager, url: \"{url}/leader\"")
    assert any("unknown channel kind 'pager'" in p for p in error.problems)


def test_invalid_yaml_names_line(tmp_path: Path) -> None:
    error = _broken(tmp_path, "grades: [特别重大, 重大, 一般]", "grades: [特别重大, 重大, 一般")
    assert error.problems[0].startswith("line ")
    assert "not valid YAML" in error.problems[0]


def test_child_outside_its_parent_is_unreachable(tmp_path: Path) -> None:
    text = TEST_PROFILE.replace(
        "    - {{name: 住房, match: {{topic: 住房}}, receiver: housing}}\n",
        "    - name: 住房\n"
        "      match: {{topic: 住房, grade: [特别重大, 重大]}}\n"
        "      receiver: housing\n"
        "      routes:\n"
        "        - {{name: 住房一般, match: {{grade: 一般}}, receiver: leader}}\n")
    folder = write_profile(tmp_path / "p", "http://x", text)
    with pytest.raises(PolicyError) as info:
        policy.load(folder)
    (problem,) = info.value.problems
    assert problem.startswith(f"line {_line_of(text, '住房一般')}: route '住房一般' can never be reached")
    assert "only lets 特别重大|重大 through" in problem or "only lets 重大|特别重大 through" in problem
