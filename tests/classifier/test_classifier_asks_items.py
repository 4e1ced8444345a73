"""Round-8 training items (classifier/training/items/asks_items.py): reproducible, terse polite asks that
tell a shortfall beside pure 咨询 and thanks in the same words, private-life posts beside the same shapes
where a public body is at fault, invented places only, and apart from every development set
(devsets/README.md: never train on them, never copy or paraphrase their sentences)."""

from __future__ import annotations

import json
import re
from collections import Counter

from devset_checks import check_apart, check_invented_places

from classifier.training.items import asks_items as ai
from core.taxonomy import BASE_TOPICS

# The words of an ask that a shortfall and a 咨询/thanks share: only what is wrong now decides the label,
# never the money word, the review state, the polite form nor the register.
BOTH_SIDES = ("低保", "残疾人", "补贴", "分红", "光伏", "帮扶", "临时救助", "雨露计划", "贴息", "工资", "社保补贴",
              "养老金", "失业", "公益", "见习", "工伤", "公积金", "提取", "物业", "维修资金", "租赁补贴", "公租房",
              "不动产证", "医保", "报销", "医院", "生育津贴", "慢特病", "疫苗", "预交金", "退费", "停车", "燃气",
              "水费", "供暖", "驾校", "保证金", "开标", "招标", "变更公告", "中标", "采购", "户口", "居住证",
              "政务大厅", "12345", "工单", "证明", "身份证", "工作许可", "居留许可", "APEC", "外资", "施工许可",
              "营业执照", "环评", "审核中", "到账", "发放", "补发", "通知", "公示", "审批", "两个多月",
              "一个多月", "事先没人告诉", "麻烦帮忙催一下", "关于", "请问", "咨询", "麻烦", "求助", "太慢", "反映",
              "您好", "谢谢", "盼回复", "辛苦了", "俺", "莫得", "咋")
# A bare title arrives alone: these words head titles of both labels.
TITLE_BOTH_SIDES = ("低保", "补贴", "分红", "工资", "养老金", "公积金", "维修资金", "报销", "保证金", "开标", "中标",
                    "审核中", "到账", "请问", "关于", "咨询", "麻烦", "求助")
# The places, feelings and 网络用语 of a post, on both sides.
POST_BOTH_SIDES = ("站", "人山人海", "钓鱼", "空军", "雪", "风", "考研", "考点", "房东", "城中村", "拆迁", "上菜",
                   "攻略", "出租车", "打表", "景区", "桔子", "爷爷", "老街", "公园", "幼儿园", "大桥", "日落", "夜市",
                   "樱花", "公交", "末班", "急诊", "招聘", "装修", "押金", "绿道", "广场舞", "云海", "栈道", "作业",
                   "赶集", "摊位费", "冰面", "驾校", "野餐", "湿地", "路灯", "加班", "家人们谁懂啊", "破防", "yyds",
                   "emo", "😭", "#")


def _rows() -> list[dict]:
    return ai.build()


def test_the_file_is_what_the_generator_writes() -> None:
    rows = [json.loads(line) for line in ai.OUT.read_text(encoding="utf-8").splitlines()]
    assert rows == ai.build(), "asks_items.jsonl is stale: run python -m classifier.training.items.asks_items"


def test_every_kind_and_label_is_made_in_full_at_message_length() -> None:
    rows = _rows()
    assert Counter((r["kind"], r["adverse"]) for r in rows) == ai.COUNTS
    assert 1900 <= len(rows) <= 2100
    asks = [r for r in rows if r["kind"] == "asks"]
    posts = [r for r in rows if r["kind"] == "posts"]
    assert 0.5 <= sum(r["adverse"] for r in asks) / len(asks) <= 0.6
    assert 0.25 <= sum(r["adverse"] for r in posts) / len(posts) <= 0.35
    fields = {"title", "text", "adverse", "topic", "kind", "round"}
    assert all(set(r) == fields and r["round"] == ai.ROUND == 8 for r in rows)
    assert len({f"{r['title']}|{r['text']}" for r in rows}) == len(rows)
    assert all(4 == ai.TITLE_MIN <= len(r["title"]) <= ai.TITLE_MAX == 30 for r in rows)
    assert all(len(r["text"]) <= ai.TEXT_MAX == 200 for r in rows)
    # As messages arrive: some a title alone, most a title and one to three sentences, on both sides.
    for kind in ("asks", "posts"):
        for label in (0, 1):
            side = [r for r in rows if r["kind"] == kind and r["adverse"] == label]
            empty = sum(not r["text"] for r in side) / len(side)
            short = sum(len(re.findall(r"[。？！?!]", r["text"])) <= 3 for r in side) / len(side)
            assert 0.08 <= empty <= 0.3 and short >= 0.9, (kind, label, empty, short)


def test_many_matters_each_told_on_both_sides() -> None:
    """At least 60 matters of asks and 40 of posts; every ask has a shortfall, a 咨询 and a thanks side;
    most posts have a fault side, some are never adverse; every matter is told in the file."""
    assert len(ai.ASKS) >= 60 and len(ai.POSTS) >= 40
    assert all(m.bad and m.bad_say and m.ask and m.ask_say and m.thanks and m.thanks_say and m.heads and m.topic
               for m in ai.ASKS)
    faulted = [m for m in ai.POSTS if m.bad]
    assert len(faulted) >= 25 and len(ai.POSTS) - len(faulted) >= 10
    assert all(m.topic and m.bad_say for m in faulted)
    assert all(m.topic is None and not m.bg for m in ai.POSTS if not m.bad)
    assert len({m.bad[0] for m in ai.ASKS}) == len(ai.ASKS)
    assert len({m.ask[0] for m in ai.POSTS}) == len(ai.POSTS)
    rows = _rows()
    for kind, matters in ai.FAMILIES.items():
        told = "\n".join(r["title"] + "|" + r["text"] for r in rows if r["kind"] == kind)
        for m in matters:
            for side in (m.bad + m.bad_say, m.ask + m.ask_say, m.thanks + m.thanks_say):
                if side:
                    stems = [max(re.findall(r"[\u4e00-\u9fff]+", s), key=len)[:6] for s in side]
                    assert any(stem in told for stem in stems), (kind, side[0])


def test_adverse_rows_carry_a_base_topic_and_the_others_none() -> None:
    rows = _rows()
    for r in rows:
        if r["adverse"]:
            assert r["topic"] in BASE_TOPICS, r
        else:
            assert r["topic"] is None, r
    # The department that must answer (谁主管谁负责).
    asks = Counter(r["topic"] for r in rows if r["adverse"] and r["kind"] == "asks")
    for topic in ("扶贫", "就业", "住房", "卫生计生", "价格", "公共资源交易", "社情民意", "涉外", "其他"):
        assert asks[topic] >= 10, topic
    posts = Counter(r["topic"] for r in rows if r["adverse"] and r["kind"] == "posts")
    assert len(posts) >= 8 and posts["公共基础设施建设"] >= 10


def test_the_same_words_carry_both_labels() -> None:
    rows = _rows()
    asks = [r for r in rows if r["kind"] == "asks"]
    posts = [r for r in rows if r["kind"] == "posts"]
    for word in BOTH_SIDES:
        assert {r["adverse"] for r in asks if word in r["title"] + r["text"]} == {0, 1}, word
    for word in TITLE_BOTH_SIDES:
        assert {r["adverse"] for r in asks if word in r["title"]} == {0, 1}, word
    for word in POST_BOTH_SIDES:
        assert {r["adverse"] for r in posts if word in r["title"] + r["text"]} == {0, 1}, word
    # The bare heads (关于……, 咨询……) go on both sides, a text telling them apart.
    heads = {max(h.split("{"), key=len).split("}")[-1] for m in ai.ASKS for h in m.heads}
    headed = [r for r in asks if r["text"] and any(r["title"].endswith(h) for h in heads if len(h) >= 4)]
    titled = Counter(r["adverse"] for r in headed)
    assert titled[0] >= 100 and titled[1] >= 100, titled
    # A title alone always carries its label: no bare head stands without a text.
    for r in asks:
        if not r["text"]:
            assert not any(r["title"].endswith(h) for h in heads if len(h) >= 4 and h.startswith(("关于", "咨询"))), r


def test_no_form_or_sentence_is_a_label_cue_by_repetition() -> None:
    """Greetings, closings, title frames, post tags and each matter's background go on both sides of
    their family: none appears with one label only."""
    rows = _rows()
    pools = {"asks": [*ai.GREETINGS, *ai.ASK_CLOSES, *ai.ASK_FRAMES], "posts": [*ai.POST_TAGS, *ai.POST_ENDS]}
    for kind, matters in ai.FAMILIES.items():
        pools[kind] += [s for m in matters for s in m.bg]
    for kind, pool in pools.items():
        side = [r for r in rows if r["kind"] == kind]
        for sentence in pool:
            stem = max(sentence.split("{"), key=len).split("}")[-1].rstrip("。！，")[:8]
            if len(stem) < 2:
                continue
            labels = {r["adverse"] for r in side if stem in r["title"] + r["text"]}
            assert labels in ({0, 1}, set()), (kind, sentence)
    # The terse and typo registers on both sides.
    asks = [r for r in rows if r["kind"] == "asks"]
    typos = [wrong for _, wrong in ai.TYPOS if wrong not in ("啥", "咋")]
    assert {r["adverse"] for r in asks if any(w in r["title"] + r["text"] for w in typos)} == {0, 1}
    for kind in ("asks", "posts"):
        spoken = [r for r in rows if r["kind"] == kind and any(w in r["title"] + r["text"] for _, w in ai.DIALECT)]
        assert Counter(r["adverse"] for r in spoken).most_common()[-1][1] >= 5, kind
    terse = [r for r in asks if r["text"] and "，" not in r["text"] and "。" not in r["text"] and " " in r["text"]]
    assert {r["adverse"] for r in terse} == {0, 1}


def test_places_are_invented_and_no_office_of_a_development_set() -> None:
    check_invented_places([*ai.CITIES, *ai.COUNTIES, *ai.RIVERS],
                          [*ai.TOWNS, *ai.VILLAGES, *ai.ESTATES, *ai.STREETS, *ai.HILLS])


def test_no_training_item_copies_a_development_item() -> None:
    check_apart(_rows())
