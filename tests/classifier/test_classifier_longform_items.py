"""Round-5 article-length training items (classifier/training/items/longform_items.py): reproducible,
article-length, both labels in the same frames and words, and apart from every development set
(devsets/README.md: never train on them, never copy or paraphrase their sentences)."""

from __future__ import annotations

import json
from collections import Counter

from devset_checks import check_apart

from classifier.training.items import longform_items
from core.taxonomy import BASE_TOPICS


def test_the_file_is_what_the_generator_writes() -> None:
    rows = [json.loads(line) for line in longform_items.OUT.read_text(encoding="utf-8").splitlines()]
    assert rows == longform_items.build(), \
        "longform_items.jsonl is stale: run python -m classifier.training.items.longform_items"


def test_every_kind_is_made_in_full_and_article_length() -> None:
    rows = longform_items.build()
    made = Counter(r["kind"] for r in rows)
    assert made == {kind: count for kind, (_, count, _, _) in longform_items.KINDS.items()}
    assert len({r["text"] for r in rows}) == len(rows)
    assert all(longform_items.MIN_CHARS <= len(r["text"]) <= longform_items.MAX_CHARS for r in rows)
    # Fixed-label kinds keep their label; the kinds that draw both make both.
    for kind, (label, _, _, _) in longform_items.KINDS.items():
        labels = {r["adverse"] for r in rows if r["kind"] == kind}
        assert labels == ({label} if label >= 0 else {0, 1}), kind


def test_adverse_rows_carry_a_base_topic_and_the_others_none() -> None:
    for r in longform_items.build():
        if r["adverse"]:
            assert r["topic"] in BASE_TOPICS, r
        else:
            assert r["topic"] is None, r


def test_what_is_reported_now_decides_not_the_words_of_the_past() -> None:
    """The recalled problem, the fix words, the reporter's revisit, 获评, 网传, 问/答 and a notice's
    title words each come with both labels: only what the row reports now tells them apart."""
    rows = longform_items.build()
    for word in ("此前", "去年", "反映", "问题", "整改", "如今", "记者",
                 "获评", "网传", "问：", "公告", "表示，", "回复：", "针对"):
        assert {r["adverse"] for r in rows if word in r["title"] + r["text"]} == {0, 1}, word
    # The same event is told fixed and still broken.
    for event in longform_items.EVENTS[:10]:
        told = {r["adverse"] for r in rows
                if r["kind"] in {"recalled_fixed", "recalled_still"} and event.still[:12] in r["text"]}
        assert told == {1}, event.head
        fixed = {r["adverse"] for r in rows if r["kind"] == "recalled_fixed" and event.now[:12] in r["text"]}
        assert fixed == {0}, event.head


def test_no_sentence_is_a_label_cue_by_repetition() -> None:
    """Background and closing sentences go on both sides: no padding sentence appears with one label only."""
    rows = longform_items.build()
    for pool in (longform_items.NEWS_PADS, longform_items.POST_PADS, longform_items.NOTICE_PADS):
        for sentence in pool:
            stem = sentence.split("{")[0][:8]
            if len(stem) < 5:
                continue
            labels = {r["adverse"] for r in rows if stem in r["text"]}
            assert labels in ({0, 1}, set()), sentence


def test_no_training_item_copies_a_development_item() -> None:
    check_apart(longform_items.build())
