"""Round-9 training items for the settled head (classifier/training/items/settled_items.py): reproducible,
long news (120–400 characters) telling a problem settled beside the same words telling it still there,
invented places only, and apart from every development set (devsets/README.md: never train on them, never
copy or paraphrase their sentences)."""

from __future__ import annotations

import json
import statistics
from collections import Counter

from devset_checks import check_apart, check_invented_places

from classifier.training.items import goodnews_items as gi
from classifier.training.items import settled_items as si
from core.taxonomy import BASE_TOPICS

# The words of the old problem and of its settling, each with both labels: what is reported now decides.
BOTH_SIDES = ("曝光", "反映", "此前", "以前", "整改", "回访", "通报", "恢复", "更换",
              "经检测合格", "您反映的", "回复：", "已转", "12345", "留言板", "拖欠", "工资", "足额",
              "垫付", "专户", "加装电梯", "改造", "漏水", "维修资金", "供暖", "燃气", "曾经",
              "如今", "危房", "硬化", "自来水", "公交", "卫生院", "医共体", "周六", "长者食堂",
              "退还", "收费", "困人", "检验合格", "停工", "投用", "“", "说。")
# Enforcement results, crimes solved and rescues are adverse whatever the frame: none is told as good news.
NOT_GOOD_NEWS = ("立案", "罚款", "查处", "问责", "处分", "抓获", "刑拘", "救出", "遇难")


def _rows() -> list[dict]:
    return si.build()


def test_the_file_is_what_the_generator_writes() -> None:
    rows = [json.loads(line) for line in si.OUT.read_text(encoding="utf-8").splitlines()]
    assert rows == si.build(), "settled_items.jsonl is stale: run python -m classifier.training.items.settled_items"


def test_every_kind_is_made_in_full_half_each_label_at_article_length() -> None:
    rows = _rows()
    assert Counter((r["kind"], r["adverse"]) for r in rows) == {
        (kind, label): count // 2 for kind, count in si.COUNTS.items() for label in (0, 1)}
    fields = {"title", "text", "adverse", "topic", "kind", "round"}
    assert all(set(r) == fields and r["round"] == si.ROUND for r in rows)
    assert len({f"{r['title']}|{r['text']}" for r in rows}) == len(rows)
    assert len({r["text"] for r in rows}) == len(rows)
    assert all(si.TITLE_MIN <= len(r["title"]) <= si.TITLE_MAX for r in rows)
    assert all(si.TEXT_MIN <= len(r["text"]) <= si.TEXT_MAX for r in rows)
    # Long pieces on both sides alike: most past 200 characters, a median apart by little.
    medians = []
    for label in (0, 1):
        lengths = [len(r["text"]) for r in rows if r["adverse"] == label]
        assert sum(n >= 200 for n in lengths) / len(lengths) >= 0.6, label
        medians.append(statistics.median(lengths))
    assert abs(medians[0] - medians[1]) <= 30, medians


def test_every_family_is_many_stories_told_at_length() -> None:
    for kind, stories in si.FAMILIES.items():
        assert len(stories) >= 12, kind
        for story in stories:
            assert len(story.good) >= 3 and len(story.bad) >= 3, story.good[0]
            assert len(story.good_say) >= 6 and len(story.bad_say) >= 6, story.good[0]
            assert story.bg, story.good[0]


def test_adverse_rows_carry_a_base_topic_and_the_others_none() -> None:
    rows = _rows()
    for r in rows:
        if r["adverse"]:
            assert r["topic"] in BASE_TOPICS, r
        else:
            assert r["topic"] is None, r
    # The department that must answer.
    topics = Counter(r["topic"] for r in rows if r["adverse"])
    for topic in ("就业", "住房", "公共基础设施建设", "卫生计生", "教育", "社情民意", "价格", "食品药品安全", "质监"):
        assert topics[topic] >= 10, topic


def test_the_same_words_carry_both_labels() -> None:
    """Every problem word of good news is on both sides, across the rows and inside each family."""
    rows = _rows()
    for word in BOTH_SIDES:
        assert {r["adverse"] for r in rows if word in r["title"] + r["text"]} == {0, 1}, word
    per_kind = {"answered": ("曝光", "反映", "整改", "此前", "恢复"),
                "reply": ("您反映的", "回复：", "网友留言", "经检测合格", "已于"),
                "service": ("以前", "卫生院", "周六", "公交", "投用"),
                "before_after": ("曾经", "如今", "危房", "自来水", "标价"),
                "wages_long": ("拖欠", "工资", "垫付", "足额", "讨薪"),
                "retrofit": ("改造", "加装电梯", "管道", "暖气", "维修资金")}
    rows_of = {kind: [r for r in rows if r["kind"] == kind] for kind in si.FAMILIES}
    for kind, words in per_kind.items():
        if kind not in rows_of:
            continue
        for word in words:
            assert {r["adverse"] for r in rows_of[kind] if word in r["title"] + r["text"]} == {0, 1}, (kind, word)


def test_no_sentence_is_a_label_cue_by_repetition() -> None:
    """Datelines, closings and each story's background go on both sides: none appears with one label only."""
    rows = _rows()
    stems = [s for pool in (si.LEADS, si.CLOSES, si.REPLY_HEADS, si.REPLY_CLOSES) for s in pool]
    stems += [s for stories in si.FAMILIES.values() for story in stories for s in story.bg]
    for sentence in stems:
        stem = max(sentence.split("{"), key=len)[:8]
        if len(stem) < 4:
            continue
        labels = {r["adverse"] for r in rows if stem in r["text"]}
        assert labels in ({0, 1}, set()), sentence


def test_no_enforcement_or_rescue_is_told_as_good_news() -> None:
    for r in _rows():
        if not r["adverse"]:
            assert not any(word in r["title"] + r["text"] for word in NOT_GOOD_NEWS), r


def test_places_are_invented_and_no_office_of_a_development_set() -> None:
    check_invented_places([*gi.CITIES, *gi.COUNTIES, *gi.RIVERS])


def test_no_training_item_copies_a_development_item() -> None:
    check_apart(_rows())
