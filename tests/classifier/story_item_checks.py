"""Checks shared by the tests of the story generators of training rows (classifier/training/items/goodnews_items.py,
settled_items.py, recovery_items.py, praise_items.py): what every such file promises, each generator's test naming its
own words."""

from __future__ import annotations

import json
import statistics
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from classifier.training.items.goodnews_items import Story
from core.taxonomy import BASE_TOPICS

FIELDS = {"title", "text", "adverse", "topic", "kind", "round"}


def check_written(out: Path, rows: list[dict], module: str) -> None:
    """The file is what the generator writes."""
    written = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert written == rows, f"{out.name} is stale: run python -m classifier.training.items.{module}"


def check_made_in_full(rows: list[dict], counts: Mapping[str, int], round_no: int, title_min: int,
                       title_max: int) -> None:
    """Every kind made in full, half each label; the fields of a row, its round, no row twice, titles in length."""
    assert Counter((r["kind"], r["adverse"]) for r in rows) == {
        (kind, label): count // 2 for kind, count in counts.items() for label in (0, 1)}
    assert all(set(r) == FIELDS and r["round"] == round_no for r in rows)
    assert len({f"{r['title']}|{r['text']}" for r in rows}) == len(rows)
    assert all(title_min <= len(r["title"]) <= title_max for r in rows)


def check_long_pieces(rows: list[dict], text_min: int, text_max: int) -> None:
    """Long pieces on both sides alike: no text twice, every one in length, most past 200 characters, the two
    labels' medians apart by little."""
    assert len({r["text"] for r in rows}) == len(rows)
    assert all(text_min <= len(r["text"]) <= text_max for r in rows)
    medians = []
    for label in (0, 1):
        lengths = [len(r["text"]) for r in rows if r["adverse"] == label]
        assert sum(n >= 200 for n in lengths) / len(lengths) >= 0.6, label
        medians.append(statistics.median(lengths))
    assert abs(medians[0] - medians[1]) <= 30, medians


def check_stories_at_length(families: Mapping[str, list[Story]], min_stories: int) -> None:
    """Every family several stories, each told several ways on both sides, with a background."""
    for kind, stories in families.items():
        assert len(stories) >= min_stories, kind
        for story in stories:
            assert len(story.good) >= 3 and len(story.bad) >= 3, story.good[0]
            assert len(story.good_say) >= 6 and len(story.bad_say) >= 6, story.good[0]
            assert story.bg, story.good[0]


def check_topics(rows: list[dict], topics: Iterable[str]) -> None:
    """Adverse rows carry a base topic, the department that must answer (at least ten rows of each of ``topics``);
    the others none."""
    for r in rows:
        if r["adverse"]:
            assert r["topic"] in BASE_TOPICS, r
        else:
            assert r["topic"] is None, r
    counted = Counter(r["topic"] for r in rows if r["adverse"])
    for topic in topics:
        assert counted[topic] >= 10, topic


def check_both_sides(rows: list[dict], words: Iterable[str], per_kind: Mapping[str, Sequence[str]]) -> None:
    """Every problem word of good news is on both sides, across the rows and inside each family named."""
    for word in words:
        assert {r["adverse"] for r in rows if word in r["title"] + r["text"]} == {0, 1}, word
    for kind, kind_words in per_kind.items():
        rows_of = [r for r in rows if r["kind"] == kind]
        for word in kind_words:
            assert {r["adverse"] for r in rows_of if word in r["title"] + r["text"]} == {0, 1}, (kind, word)


def check_no_label_cue(rows: list[dict], pools: Iterable[Sequence[str]], families: Mapping[str, list[Story]],
                       strip: str = "") -> None:
    """Datelines, closings and each story's background go on both sides: none appears with one label only
    (``strip``: marks a pool's entries open with, not part of their words)."""
    stems = [s for pool in pools for s in pool]
    stems += [s for stories in families.values() for story in stories for s in story.bg]
    for sentence in stems:
        stem = max(sentence.lstrip(strip).split("{"), key=len)[:8]
        if len(stem) < 4:
            continue
        labels = {r["adverse"] for r in rows if stem in r["text"]}
        assert labels in ({0, 1}, set()), sentence


def check_no_good_news_of(rows: list[dict], words: Iterable[str]) -> None:
    """No good row names one of ``words`` (enforcement results, crimes solved, rescues: adverse whatever the frame)."""
    words = tuple(words)
    for r in rows:
        if not r["adverse"]:
            assert not any(word in r["title"] + r["text"] for word in words), r
