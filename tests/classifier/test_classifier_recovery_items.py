"""Round-10 training items for the settled head (classifier/training/items/recovery_items.py): reproducible,
long news (120–400 characters) telling good news through the pain it ends or the figure it lowers beside the
same words telling a problem still there, invented places only, and apart from every development set
(never train on them, never copy or paraphrase their sentences)."""

from __future__ import annotations

import json
import statistics
from collections import Counter

from devset_checks import check_apart, check_invented_places

from classifier.training.items import goodnews_items as gi
from classifier.training.items import recovery_items as ri
from core.taxonomy import BASE_TOPICS

# The words of the old pain and of its ending, each with both labels: what is reported now decides.
BOTH_SIDES = ("停工", "复工", "交付", "通车", "通水", "断头路", "沉陷区", "开裂", "靠天吃饭", "低保", "恢复",
              "疫苗", "停运", "停水", "教学点", "投诉", "同比下降", "同比上升", "信访", "欠薪", "事故",
              "湿地", "候鸟", "黑臭", "矿坑", "禁捕", "老师", "村医", "研学", "订单班", "看台", "预约",
              "手机", "排队", "认证", "公积金", "打表", "明码标价", "退还", "停车", "“", "说。")
# Enforcement results, crimes solved, punishments and rescues are adverse whatever the frame: none is good news.
NOT_GOOD_NEWS = ("立案", "罚款", "查处", "问责", "处分", "约谈", "被通报", "抓获", "刑拘", "救出", "遇难", "救援")


def _rows() -> list[dict]:
    return ri.build()


def test_the_file_is_what_the_generator_writes() -> None:
    rows = [json.loads(line) for line in ri.OUT.read_text(encoding="utf-8").splitlines()]
    assert rows == ri.build(), "recovery_items.jsonl is stale: run python -m classifier.training.items.recovery_items"
    assert ri.build() == ri.build()


def test_every_kind_is_made_in_full_half_each_label_at_article_length() -> None:
    rows = _rows()
    assert Counter((r["kind"], r["adverse"]) for r in rows) == {
        (kind, label): count // 2 for kind, count in ri.COUNTS.items() for label in (0, 1)}
    fields = {"title", "text", "adverse", "topic", "kind", "round"}
    assert all(set(r) == fields and r["round"] == ri.ROUND for r in rows)
    assert len({f"{r['title']}|{r['text']}" for r in rows}) == len(rows)
    assert len({r["text"] for r in rows}) == len(rows)
    assert all(ri.TITLE_MIN <= len(r["title"]) <= ri.TITLE_MAX for r in rows)
    assert all(ri.TEXT_MIN <= len(r["text"]) <= ri.TEXT_MAX for r in rows)
    # Long pieces on both sides alike: most past 200 characters, a median apart by little.
    medians = []
    for label in (0, 1):
        lengths = [len(r["text"]) for r in rows if r["adverse"] == label]
        assert sum(n >= 200 for n in lengths) / len(lengths) >= 0.6, label
        medians.append(statistics.median(lengths))
    assert abs(medians[0] - medians[1]) <= 30, medians


def test_every_family_is_several_stories_told_at_length() -> None:
    assert set(ri.FAMILIES) == {"works_begun", "restored", "figures_down", "recovered", "people",
                                "digital_service", "prices_fair"}
    for kind, stories in ri.FAMILIES.items():
        assert len(stories) >= 5, kind
        for story in stories:
            assert len(story.good) >= 3 and len(story.bad) >= 3, story.good[0]
            assert len(story.good_say) >= 6 and len(story.bad_say) >= 6, story.good[0]
            assert story.bg, story.good[0]


def test_no_sentence_is_shared_between_stories() -> None:
    """No stock sentence: every sentence of every story is written once."""
    sentences = Counter(s for stories in ri.FAMILIES.values() for story in stories
                        for s in (*story.good_say, *story.bad_say, *story.bg))
    assert [s for s, n in sentences.items() if n > 1] == []


def test_adverse_rows_carry_a_base_topic_and_the_others_none() -> None:
    rows = _rows()
    for r in rows:
        if r["adverse"]:
            assert r["topic"] in BASE_TOPICS, r
        else:
            assert r["topic"] is None, r
    # The department that must answer.
    topics = Counter(r["topic"] for r in rows if r["adverse"])
    for topic in ("就业", "住房", "公共基础设施建设", "卫生计生", "教育", "社情民意", "价格", "应急管理", "其他"):
        assert topics[topic] >= 10, topic


def test_the_same_words_carry_both_labels() -> None:
    """Every problem word of good news is on both sides, across the rows and inside each family."""
    rows = _rows()
    for word in BOTH_SIDES:
        assert {r["adverse"] for r in rows if word in r["title"] + r["text"]} == {0, 1}, word
    per_kind = {"works_begun": ("停工", "通车", "通水", "开裂", "靠天吃饭"),
                "restored": ("恢复", "低保", "疫苗", "停运", "停水"),
                "figures_down": ("投诉", "信访", "欠薪", "事故", "同比"),
                "recovered": ("湿地", "候鸟", "黑臭", "矿坑", "修缮"),
                "people": ("老师", "村医", "研学", "订单班", "看台"),
                "digital_service": ("以前", "手机", "排队", "老人", "窗口"),
                "prices_fair": ("打表", "明码标价", "退还", "多收", "公示")}
    rows_of = {kind: [r for r in rows if r["kind"] == kind] for kind in ri.FAMILIES}
    for kind, words in per_kind.items():
        for word in words:
            assert {r["adverse"] for r in rows_of[kind] if word in r["title"] + r["text"]} == {0, 1}, (kind, word)


def test_no_sentence_is_a_label_cue_by_repetition() -> None:
    """Datelines, closings and each story's background go on both sides: none appears with one label only."""
    rows = _rows()
    stems = [s for pool in (ri.LEADS, ri.CLOSES) for s in pool]
    stems += [s for stories in ri.FAMILIES.values() for story in stories for s in story.bg]
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
