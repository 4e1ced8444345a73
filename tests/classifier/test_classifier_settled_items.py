"""Round-9 training items for the settled head (classifier/training/items/settled_items.py): reproducible,
long news (120–400 characters) telling a problem settled beside the same words telling it still there,
invented places only, and apart from every development set (devsets/README.md: never train on them, never
copy or paraphrase their sentences)."""

from __future__ import annotations

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
from classifier.training.items import settled_items as si

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
    check_written(si.OUT, si.build(), "settled_items")


def test_every_kind_is_made_in_full_half_each_label_at_article_length() -> None:
    rows = _rows()
    check_made_in_full(rows, si.COUNTS, si.ROUND, si.TITLE_MIN, si.TITLE_MAX)
    check_long_pieces(rows, si.TEXT_MIN, si.TEXT_MAX)


def test_every_family_is_many_stories_told_at_length() -> None:
    check_stories_at_length(si.FAMILIES, 12)


def test_adverse_rows_carry_a_base_topic_and_the_others_none() -> None:
    check_topics(_rows(), ("就业", "住房", "公共基础设施建设", "卫生计生", "教育", "社情民意", "价格", "食品药品安全",
                           "质监"))


def test_the_same_words_carry_both_labels() -> None:
    """Every problem word of good news is on both sides, across the rows and inside each family."""
    check_both_sides(_rows(), BOTH_SIDES, {
        "answered": ("曝光", "反映", "整改", "此前", "恢复"),
        "reply": ("您反映的", "回复：", "网友留言", "经检测合格", "已于"),
        "service": ("以前", "卫生院", "周六", "公交", "投用"),
        "before_after": ("曾经", "如今", "危房", "自来水", "标价"),
        "wages_long": ("拖欠", "工资", "垫付", "足额", "讨薪"),
        "retrofit": ("改造", "加装电梯", "管道", "暖气", "维修资金")})


def test_no_sentence_is_a_label_cue_by_repetition() -> None:
    """Datelines, closings and each story's background go on both sides: none appears with one label only."""
    check_no_label_cue(_rows(), (si.LEADS, si.CLOSES, si.REPLY_HEADS, si.REPLY_CLOSES), si.FAMILIES)


def test_no_enforcement_or_rescue_is_told_as_good_news() -> None:
    check_no_good_news_of(_rows(), NOT_GOOD_NEWS)


def test_places_are_invented_and_no_office_of_a_development_set() -> None:
    check_invented_places([*gi.CITIES, *gi.COUNTIES, *gi.RIVERS])


def test_no_training_item_copies_a_development_item() -> None:
    check_apart(_rows())
