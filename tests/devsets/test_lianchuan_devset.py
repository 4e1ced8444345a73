"""The third, blind development set (devsets/lianchuan_items.jsonl, office 涟川市 in 湖南): what is
checked alike for every blind set (no copy of either older set, a third of the other-city items from
湖南 itself, …) is in test_blind_devsets.py, with the set's BlindSet in tests/devset_checks.py. Here,
what only the third set promises: at least half of its texts have the length of real articles and 留言
(150 characters or more), and a dozen emotional off-topic posts name the city."""

from __future__ import annotations

import pytest
from devset_checks import LIANCHUAN, load_eval_judgement, long_share

from classifier.settings import ClassifierSettings


@pytest.fixture(scope="module")
def items() -> list[dict]:
    return LIANCHUAN.items()


@pytest.fixture(scope="module")
def office() -> ClassifierSettings:
    return LIANCHUAN.office()


def test_half_the_texts_have_a_real_length(items: list[dict]) -> None:
    """The older sets are 60–90-character stubs; this one is written at the length of the real thing."""
    assert long_share(items) >= 0.5, f"only {long_share(items):.0%} of the texts have 150 characters or more"
    for kind in ("expose", "complaint", "official_notice", "neutral_notice"):
        part = [i for i in items if i["kind"] == kind]
        assert long_share(part) >= 0.4, f"{kind}: {long_share(part):.0%} long"


def test_some_off_topic_posts_name_the_city(items: list[dict], office: ClassifierSettings) -> None:
    """Naming the place does not make a post the office's business: a dozen off-topic posts do."""
    names = (*office.places, *office.bodies)
    naming = [i for i in items if i["kind"] == "emotional_offtopic" and any(n in i["title"] + i["text"] for n in names)]
    assert len(naming) >= 12, f"{len(naming)} emotional off-topic posts name 涟川"


def test_eval_judgement_reads_the_offices_bodies() -> None:
    """bench/eval_judgement.py takes the office's bodies from its config too (its 12345 line)."""
    mine = load_eval_judgement()._settings(LIANCHUAN.name, LIANCHUAN.office_toml)
    assert mine.region == "4314" and "涟川" in mine.places and "涟川12345" in mine.bodies
