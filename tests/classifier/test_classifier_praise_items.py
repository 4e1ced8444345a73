"""Round-11 training items (classifier/training/items/praise_items.py): reproducible citizens' posts that praise or
thank the office beside the same words telling the problem still there, every family on both sides, no label cue
in a post's framing or tone, no enforcement told as good news, invented places only, and apart from every
development set, the stress sets too (never train on them, never copy or paraphrase their sentences)."""

from __future__ import annotations

from collections import Counter

from devset_checks import DEVSETS, check_apart, check_invented_places
from story_item_checks import (
    check_both_sides,
    check_made_in_full,
    check_no_good_news_of,
    check_no_label_cue,
    check_topics,
    check_written,
)

from classifier.training.items import goodnews_items as gi
from classifier.training.items import praise_items as pi

# The old problem a thank-you names, and the thank-you itself, each with both labels: what is told now decides.
BOTH_SIDES = ("坑", "摔", "没人管", "排队", "跑了好几趟", "12345", "吐槽", "感谢", "谢谢", "点赞", "说句公道话", "终于",
              "但是", "至今", "交警", "护士", "急诊", "窗口", "网格员", "环卫", "公交", "接线员", "图书馆", "口袋公园",
              "地铁", "夜市", "灯会", "步道", "请假", "手机上", "家庭医生", "托管", "长者食堂", "电梯", "积水", "停电",
              "来电", "雪", "夜景", "干净", "补贴", "到账", "工资", "退费", "报销", "路灯", "办结")
# Enforcement results, crimes solved, punishments and rescues are adverse whatever the frame: none is good news.
NOT_GOOD_NEWS = ("抓获", "查处", "罚款", "罚单", "问责", "处分", "约谈", "被通报", "立案", "刑拘", "拘留", "救出",
                 "救援", "抢救", "遇难", "死亡", "撤离", "转移群众")
# What a post's tone shows: exclamations, emoji, interjections, tears and delight.
EMOTIONAL = ("！", "!", "😭", "🙏", "👍", "😂", "😅", "🥹", "💪", "啊啊", "谁懂", "绝了", "会谢", "破防", "蚌埠住",
             "哭", "太爽", "气得", "吓人", "求求")


def _rows() -> list[dict]:
    return pi.build()


def test_the_file_is_what_the_generator_writes() -> None:
    rows = pi.build()
    assert rows == pi.build()
    check_written(pi.OUT, rows, "praise_items")


def test_every_family_is_made_in_full_half_each_label_at_post_length() -> None:
    rows = _rows()
    assert len(pi.FAMILIES) >= 8 and set(pi.COUNTS) == set(pi.FAMILIES)
    assert 1900 <= len(rows) <= 2200 and pi.ROUND == 11
    check_made_in_full(rows, pi.COUNTS, pi.ROUND, 0, pi.TITLE_MAX)
    assert all(pi.TEXT_MIN <= len(r["text"]) <= pi.TEXT_MAX for r in rows)
    # As posts arrive: about half with no title, on both sides alike; lengths alike.
    for label in (0, 1):
        side = [r for r in rows if r["adverse"] == label]
        untitled = sum(not r["title"] for r in side) / len(side)
        assert 0.35 <= untitled <= 0.65, (label, untitled)
    mean = [sum(len(r["text"]) for r in rows if r["adverse"] == label) / (len(rows) / 2) for label in (0, 1)]
    assert abs(mean[0] - mean[1]) <= 20, mean


def test_every_scene_is_told_both_ways() -> None:
    for kind, scenes in pi.FAMILIES.items():
        assert len(scenes) >= 4, kind
        for scene in scenes:
            assert len(scene.bg) >= 3 and len(scene.thanks) >= 2 and len(scene.but) >= 2, scene.bg[0]
            assert len(scene.good) >= 4 and len(scene.bad) >= 4, scene.bg[0]
            assert len(scene.good_titles) >= 3 and len(scene.bad_titles) >= 3, scene.bg[0]
    sentences = Counter(s for scenes in pi.FAMILIES.values() for scene in scenes
                        for s in (*scene.bg, *scene.good, *scene.bad, *scene.thanks, *scene.but))
    assert [s for s, n in sentences.items() if n > 1] == []


def test_adverse_rows_carry_a_base_topic_and_the_others_none() -> None:
    check_topics(_rows(), ("公共基础设施建设", "社情民意", "卫生计生", "住房", "教育", "就业", "应急管理", "扶贫"))


def test_the_same_words_carry_both_labels() -> None:
    """Every word of the old problem and of the thank-you is on both sides, across the rows and inside each family."""
    rows = _rows()
    check_both_sides(rows, BOTH_SIDES, {
        "fixed_at_last": ("坑", "摔", "12345", "吐槽", "路灯", "漏水", "烧烤", "点赞"),
        "thanks_worker": ("交警", "护士", "急诊", "窗口", "网格员", "公交司机", "接线员", "跑了好几趟"),
        "new_facility": ("图书馆", "口袋公园", "步道", "地铁", "夜市", "灯会", "护栏"),
        "smooth_service": ("一窗", "请假", "手机", "周六", "排队", "跑了好几趟", "证明"),
        "family_care": ("家庭医生", "托管", "长者食堂", "送餐", "电梯", "扶手"),
        "weather_handled": ("积水", "停电", "来电", "雪", "台风", "巡堤"),
        "city_pride": ("家乡", "夜景", "干净", "垃圾", "护栏", "自来水"),
        "money_arrived": ("工资", "补贴", "退费", "报销", "到账", "公示")})
    # Titles alone too (a thread's title is read before its post).
    for word in ("说句公道话", "后续", "坑", "12345", "交警", "地铁", "到账", "点赞", "夸"):
        assert {r["adverse"] for r in rows if word in r["title"]} == {0, 1}, word


def _pieces(entry: str) -> str:
    """An entry's longest literal piece (its slots left out)."""
    return max((p.split("}")[-1] for p in entry.split("{")), key=len)


def test_no_framing_is_a_label_cue() -> None:
    """Titles of either side, openings, emoji and interjections, closings, every scene's background and thanks go
    on both sides, none with one label far more often than the other."""
    rows = _rows()
    thanks = [s for scenes in pi.FAMILIES.values() for scene in scenes for s in scene.thanks]
    check_no_label_cue(rows, (pi.OPENERS, pi.CLOSES, thanks), pi.FAMILIES)
    backgrounds = [s for scenes in pi.FAMILIES.values() for scene in scenes for s in scene.bg]
    for sentence in (*thanks, *backgrounds):  # their words round the slots, not only the longest piece's start
        labels = Counter(r["adverse"] for r in rows if _pieces(sentence)[:8] in r["text"])
        assert min(labels[0], labels[1]) >= 2, (sentence, labels)
    for entry in (*pi.TITLES, *pi.PRAISE_TITLES, *pi.OPENERS, *pi.EMO, *pi.CLOSES):
        piece = _pieces(entry)
        labels = [r["adverse"] for r in rows if piece in r["title"] + r["text"]]
        assert set(labels) == {0, 1}, entry
        if len(labels) >= 20 and len(piece) >= 2:
            assert 0.25 <= sum(labels) / len(labels) <= 0.75, (entry, sum(labels), len(labels))


def test_tone_is_no_cue() -> None:
    """The "0" side is emotional as often as the "1" side, and at least a third of the "1" rows are calm."""
    rows = _rows()
    shares = []
    for label in (0, 1):
        side = [r for r in rows if r["adverse"] == label]
        shares.append(sum(any(w in r["title"] + r["text"] for w in EMOTIONAL) for r in side) / len(side))
    assert abs(shares[0] - shares[1]) <= 0.12, shares
    assert shares[0] >= 0.3 and 1 - shares[1] >= 1 / 3, shares


def test_a_thank_you_that_still_asks_is_adverse() -> None:
    """感谢……但是……至今还没……: a good share of the "1" rows thank someone, and every "but" is on the "1" side."""
    rows = _rows()
    buts = [s for scenes in pi.FAMILIES.values() for scene in scenes for s in scene.but]
    stems = {_pieces(s)[:10] for s in buts}
    asking = [r for r in rows if any(stem in r["text"] for stem in stems)]
    assert asking and all(r["adverse"] == 1 for r in asking)
    assert len(asking) >= 0.2 * len(rows) / 2
    thanked = [r["adverse"] for r in rows if "感谢" in r["text"] or "谢谢" in r["text"]]
    assert 0.3 <= sum(thanked) / len(thanked) <= 0.7


def test_no_enforcement_or_rescue_is_told_as_good_news() -> None:
    check_no_good_news_of(_rows(), NOT_GOOD_NEWS)


def test_places_are_invented_and_no_office_of_a_development_set() -> None:
    check_invented_places([*gi.CITIES, *gi.COUNTIES, *gi.RIVERS])


def test_no_training_item_copies_a_development_item() -> None:
    check_apart(_rows())


def test_no_training_item_copies_a_stress_item() -> None:
    paths = sorted(DEVSETS.glob("stress/*_items.jsonl"))
    assert paths, "no stress set found under devsets/stress/"
    check_apart(_rows(), paths=paths)
