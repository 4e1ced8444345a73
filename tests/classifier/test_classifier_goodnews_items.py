"""Round-7 headline-length training items (classifier/training/items/goodnews_items.py): reproducible,
headline- and short-news-length, good news in problem words beside bad news in the same words, invented
places only, and apart from every development set (devsets/README.md: never train on them, never copy or
paraphrase their sentences)."""

from __future__ import annotations

from devset_checks import check_apart, check_invented_places
from story_item_checks import check_both_sides, check_made_in_full, check_no_label_cue, check_topics, check_written

from classifier.training.items import goodnews_items as gi

# The words the head read as bad news in good news, each with both labels: what is reported now decides.
BOTH_SIDES = ("拖欠", "欠薪", "工资", "讨薪", "垫付", "无欠薪", "足额", "隐患", "事故", "死亡人数", "投诉", "诈骗",
              "火灾", "积水", "坑", "路灯", "臭水沟", "拉链路", "办证难", "停工", "复工", "一氧化碳", "报警器", "危化",
              "智慧监管", "森林防火", "先进集体", "下降", "终于", "感谢", "点赞", "表扬", "说句公道话", "说几句心里话",
              "12345", "网格员", "急诊", "提醒", "通告", "征求意见", "规范解读", "禁燃区", "禁捕", "秸秆", "溺水",
              "临时补贴", "托管", "无陪护", "三甲", "外籍", "搬迁", "留守妇女", "光明工程",
              "整改", "改造", "泄漏", "困人")


def _rows() -> list[dict]:
    return gi.build()


def test_the_file_is_what_the_generator_writes() -> None:
    check_written(gi.OUT, gi.build(), "goodnews_items")


def test_every_kind_is_made_in_full_half_each_label_at_headline_length() -> None:
    rows = _rows()
    check_made_in_full(rows, gi.COUNTS, gi.ROUND, gi.TITLE_MIN, gi.TITLE_MAX)
    assert all(len(r["text"]) <= gi.TEXT_MAX for r in rows)
    # As headlines arrive: a good share with no text or a single sentence, on both sides.
    for label in (0, 1):
        side = [r for r in rows if r["adverse"] == label]
        empty = sum(not r["text"] for r in side) / len(side)
        short = sum(r["text"].count("。") <= 1 for r in side) / len(side)
        assert 0.15 <= empty <= 0.35 and short >= 0.4, (label, empty, short)


def test_adverse_rows_carry_a_base_topic_and_the_others_none() -> None:
    # The department that must answer: fires and accidents, fraud, a foreign firm, wages.
    check_topics(_rows(), ("应急管理", "社会稳定", "涉外", "就业", "住房", "公共基础设施建设", "卫生计生", "教育"))


def test_the_same_words_carry_both_labels() -> None:
    """Every problem word of good news is on both sides, across the rows and inside each family."""
    rows = _rows()
    check_both_sides(rows, BOTH_SIDES, {
        "wages": ("拖欠", "欠薪", "工资", "无欠薪", "讨薪", "垫付"),
        "fixed": ("臭水沟", "积水", "路灯", "复工", "办证难"),
        "safety": ("隐患", "危化", "一氧化碳", "森林防火"),
        "stats": ("事故", "死亡人数", "投诉", "公务接待费"),
        "service": ("卫生院", "临时补贴", "托管", "学位"),
        "praise": ("说句公道话", "12345", "急诊科", "网格员"),
        "notice": ("诈骗", "禁烧", "禁捕", "禁燃区", "溺水")})
    # Titles alone too (headlines arrive without text).
    for word in ("拖欠", "欠薪", "隐患", "事故", "死亡人数", "投诉", "诈骗", "积水", "坑", "路灯", "一氧化碳", "禁捕"):
        assert {r["adverse"] for r in rows if word in r["title"]} == {0, 1}, word


def test_no_sentence_is_a_label_cue_by_repetition() -> None:
    """Datelines, closings and each story's background go on both sides: none appears with one label only."""
    check_no_label_cue(_rows(), (gi.LEADS, gi.CLOSES, gi.POST_CLOSES), gi.FAMILIES, strip="~")


def test_places_are_invented_and_no_office_of_a_development_set() -> None:
    check_invented_places([*gi.CITIES, *gi.COUNTIES, *gi.RIVERS])


def test_no_training_item_copies_a_development_item() -> None:
    check_apart(_rows())
