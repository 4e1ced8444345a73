"""Round-4 training items for adverse-ness (classifier/training/items/adverse_items.py): reproducible,
both labels in the same frames, and apart from both development sets (devsets/README.md: never train
on them, never copy or paraphrase their sentences)."""

from __future__ import annotations

import json
from collections import Counter

from devset_checks import check_apart

from classifier.training.items import adverse_items


def test_the_file_is_what_the_generator_writes() -> None:
    rows = [json.loads(line) for line in adverse_items.OUT.read_text(encoding="utf-8").splitlines()]
    assert rows == adverse_items.build(), \
        "adverse_items.jsonl is stale: run python -m classifier.training.items.adverse_items"


def test_every_kind_is_made_in_full_and_both_labels_are_there() -> None:
    rows = adverse_items.build()
    made = Counter(r["kind"] for r in rows)
    wanted = {**adverse_items.KINDS, **adverse_items.KINDS_R5, **adverse_items.KINDS_R6}
    assert made == {kind: count for kind, (_, count, _) in wanted.items()}
    # Round 5 draws from its own stream after round 4: round 4's rows come first and are its own.
    assert [r["round"] for r in rows] == sorted(r["round"] for r in rows)
    assert {r["adverse"] for r in rows} == {0, 1}
    assert len({f"{r['title']}|{r['text']}" for r in rows}) == len(rows)


def test_the_same_frames_carry_both_labels() -> None:
    """A sarcastic frame is no label: it wraps public services ("1") and private brands ("0") alike."""
    rows = adverse_items.build()
    for frame in ("真行啊", "服了", "呵呵", "绝了", "就这"):
        labels = {r["adverse"] for r in rows if frame in r["text"] and r["kind"] in {"sarcastic_public", "brand_rant"}}
        assert labels == {0, 1}, frame
    # Investigative and 闲置 words on both sides too: what the reporter finds decides.
    for word in ("记者", "闲置"):
        assert {r["adverse"] for r in rows if word in r["title"] + r["text"]} == {0, 1}, word


def test_round_five_puts_reactions_places_and_problem_words_on_both_sides() -> None:
    """Round 5: the reactions of the other-place posts, a place of ours, a notice's matter and the words of
    problems (销号, 整改到位, 回访, 曝光, 隐患) each carry both labels, so none of them decides alone."""
    rows = [r for r in adverse_items.build() if r["round"] == 5]
    emotional = {"private_reacts", "public_reacts", "other_place_wider"}
    for react in ("气得我手抖", "看哭了", "血压拉满", "破防了", "刷到一个视频", "坐标"):
        assert {r["adverse"] for r in rows if react in r["text"] and r["kind"] in emotional} == {0, 1}, react
    for home in ("我市", "老城区", "开发区"):
        assert {r["adverse"] for r in rows if home in r["text"] and r["kind"] in emotional} == {0, 1}, home
    for word in ("招聘", "征求意见", "听证", "缴费", "考", "公示", "销号", "整改", "回访", "曝光", "隐患", "抽检"):
        assert {r["adverse"] for r in rows if word in r["title"] + r["text"]} == {0, 1}, word


def test_round_six_puts_a_place_tag_on_both_sides() -> None:
    """Round 6: a town's hashtag tags private posts and complaints alike, and every pool place is tagged."""
    rows = [r for r in adverse_items.build() if r["round"] == 6]
    assert {r["adverse"] for r in rows} == {0, 1}
    for tag in ("同城#", "超话#", "市#", "县#"):
        assert {r["adverse"] for r in rows if tag in r["text"]} == {0, 1}, tag


def test_no_training_item_copies_a_development_item() -> None:
    check_apart(adverse_items.build())
