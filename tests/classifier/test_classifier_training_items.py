"""The team's own training items (classifier/training/items): reproducible, and apart from the
development set (devsets/README.md: never train on it, never copy or paraphrase its sentences)."""

from __future__ import annotations

import json

from devset_checks import check_apart

from classifier.training.items import make_items


def test_the_file_is_what_the_generator_writes() -> None:
    rows = [json.loads(line) for line in make_items.OUT.read_text(encoding="utf-8").splitlines()]
    assert rows == make_items.build(), "own_items.jsonl is stale: run python -m classifier.training.items.make_items"
    rows = [json.loads(line) for line in make_items.TOPIC_OUT.read_text(encoding="utf-8").splitlines()]
    assert rows == make_items.build_topic(), "topic_items.jsonl is stale: run the generator (see above)"


def test_every_kind_has_both_labels_and_the_new_registers() -> None:
    rows = make_items.build()
    labels = {r["adverse"] for r in rows}
    kinds = {r["kind"] for r in rows}
    assert labels == {0, 1}
    assert {"complaint_terse", "complaint_letter", "consult_problem", "positive_broad", "notice_broad"} <= kinds


def test_topic_rows_cover_every_base_topic_in_every_register() -> None:
    """Round 3: every base topic has its own rows (topic_items.jsonl), in complaint, exposé, rumour
    and 通报 form, each reporting a problem (adverse); round 4 adds 微博, headline, 贴吧 and 留言板 forms."""
    from core.taxonomy import BASE_TOPICS

    bank = make_items.build_topic()
    assert {r["topic"] for r in bank} == set(BASE_TOPICS)
    assert all(r["adverse"] == 1 for r in bank)
    for topic in BASE_TOPICS:
        texts = [f"{r['title']}{r['text']}" for r in bank if r["topic"] == topic]
        assert len(texts) == make_items.TOPIC_PER_TOPIC
        assert any("记者" in t or "审计" in t or "督查" in t for t in texts), topic
        assert any(t.startswith(("网传", "有网友称", "据传", "听说")) for t in texts), topic
        assert any("情况通报" in t for t in texts), topic
        assert any(t.startswith("#") for t in texts), topic  # 微博 with a #话题#
        assert any(r["title"] and r["text"] for r in bank if r["topic"] == topic), topic  # 留言板 title + letter


def test_every_base_topic_has_at_least_fifty_distinct_events() -> None:
    """Round 4: breadth of the department's remit, not rows per event, is what the topic head lacked."""
    from core.taxonomy import BASE_TOPICS

    for topic in BASE_TOPICS:
        events = make_items.TOPIC_EVENTS[topic]
        assert len(set(events)) == len(events) >= 50, topic


def test_no_training_item_copies_a_development_item() -> None:
    check_apart(make_items.build() + make_items.build_topic(), min_shingles=4)
