"""Round-10 training items for the settled head (classifier/training/items/recovery_items.py): reproducible,
long news (120–400 characters) telling good news through the pain it ends or the figure it lowers beside the
same words telling a problem still there, invented places only, and apart from every development set
(never train on them, never copy or paraphrase their sentences)."""

from __future__ import annotations

from collections import Counter

from devset_checks import check_apart, check_invented_places
from story_item_checks import (
    check_both_sides,
    check_long_pieces,
    check_made_in_full,
    check_no_good_news_of,
    check_no_label_cue,
    check_stories_at_length,
    check_topics,
    check_written,
)

from classifier.training.items import goodnews_items as gi
from classifier.training.items import recovery_items as ri
from classifier.training.items import settled_items as si

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
    check_written(ri.OUT, ri.build(), "recovery_items")
    assert ri.build() == ri.build()


def test_every_kind_is_made_in_full_half_each_label_at_article_length() -> None:
    """Round 9's long pieces (settled_items.long_maker), their lengths too."""
    rows = _rows()
    check_made_in_full(rows, ri.COUNTS, ri.ROUND, si.TITLE_MIN, si.TITLE_MAX)
    check_long_pieces(rows, si.TEXT_MIN, si.TEXT_MAX)


def test_every_family_is_several_stories_told_at_length() -> None:
    assert set(ri.FAMILIES) == {"works_begun", "restored", "figures_down", "recovered", "people",
                                "digital_service", "prices_fair"}
    check_stories_at_length(ri.FAMILIES, 5)


def test_no_sentence_is_shared_between_stories() -> None:
    """No stock sentence: every sentence of every story is written once."""
    sentences = Counter(s for stories in ri.FAMILIES.values() for story in stories
                        for s in (*story.good_say, *story.bad_say, *story.bg))
    assert [s for s, n in sentences.items() if n > 1] == []


def test_adverse_rows_carry_a_base_topic_and_the_others_none() -> None:
    check_topics(_rows(), ("就业", "住房", "公共基础设施建设", "卫生计生", "教育", "社情民意", "价格", "应急管理",
                           "其他"))


def test_the_same_words_carry_both_labels() -> None:
    """Every problem word of good news is on both sides, across the rows and inside each family."""
    check_both_sides(_rows(), BOTH_SIDES, {
        "works_begun": ("停工", "通车", "通水", "开裂", "靠天吃饭"),
        "restored": ("恢复", "低保", "疫苗", "停运", "停水"),
        "figures_down": ("投诉", "信访", "欠薪", "事故", "同比"),
        "recovered": ("湿地", "候鸟", "黑臭", "矿坑", "修缮"),
        "people": ("老师", "村医", "研学", "订单班", "看台"),
        "digital_service": ("以前", "手机", "排队", "老人", "窗口"),
        "prices_fair": ("打表", "明码标价", "退还", "多收", "公示")})


def test_no_sentence_is_a_label_cue_by_repetition() -> None:
    """Datelines, closings and each story's background go on both sides: none appears with one label only."""
    check_no_label_cue(_rows(), (ri.LEADS, ri.CLOSES), ri.FAMILIES)


def test_no_enforcement_or_rescue_is_told_as_good_news() -> None:
    check_no_good_news_of(_rows(), NOT_GOOD_NEWS)


def test_places_are_invented_and_no_office_of_a_development_set() -> None:
    check_invented_places([*gi.CITIES, *gi.COUNTIES, *gi.RIVERS])


def test_no_training_item_copies_a_development_item() -> None:
    check_apart(_rows())
