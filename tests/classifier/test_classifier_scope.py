"""Background scope: recalled and resolved clauses are marked, what is reported now is not."""

from __future__ import annotations

import hashlib
import json
from itertools import pairwise
from pathlib import Path

import pytest

from classifier import scope
from classifier.scope import background_share, background_spans


def marked(doc: str) -> list[str]:
    return [doc[s:e] for s, e in background_spans(doc)]


# Good news that tells the problem it fixed: the problem is background.
RECALLED = [
    ("此前，村民长期依靠公共水井取水，夏季水量不足。今年3月，自来水管网通到了村里。",
     "此前，村民长期依靠公共水井取水，夏季水量不足"),
    ("以前一到下雨天，这条路就泥泞难行。现在硬化路修到了家门口。", "以前一到下雨天，这条路就泥泞难行"),
    ("该小区曾多次发生电梯困人事件，物业更换了全部电梯。", "曾多次发生电梯困人事件"),
    ("去年暴雨冲毁的桥梁日前重建完工。", "去年暴雨冲毁的桥梁"),
    ("改造前，菜市场污水横流、蚊蝇滋生。", "改造前，菜市场污水横流、蚊蝇滋生"),
    ("多年来困扰居民的停车难问题，如今有了新解法。", "多年来困扰居民的停车难问题，"),
]
# A matter said to be solved: its clause is background, unless negated.
RESOLVED = [
    ("经过协调，拖欠的工资已全部发放，问题已得到解决。", "问题已得到解决"),
    ("受损线路连夜抢修，周边小区已恢复供水。", "周边小区已恢复供水"),
    ("涉事商户整改到位，监管部门将持续跟踪。", "涉事商户整改到位"),
]
# The problem now: nothing marked.
PRESENT = [
    "小区停水三天了，到现在也没人来修。",
    "市民反映18路公交车间隔太长，高峰期根本挤不上车。",
    "问题仍未得到解决，村民出行只能绕行五公里。",
    "物业说会整改，但是一个月过去了没有任何动静",  # 过去 here is "gone by", after the turn 但是
    "记者调查发现，该厂深夜偷排废水，河水发黑发臭。",
]


@pytest.mark.parametrize(("doc", "span"), RECALLED + RESOLVED)
def test_background_is_marked(doc: str, span: str) -> None:
    assert span in marked(doc)


def test_the_present_after_a_recalled_clause_is_not_marked() -> None:
    # "至今没有解决" is what is reported now, though a recalled clause precedes it.
    doc = "此前多次反映，至今没有解决，雨天积水仍然没过脚踝。"
    assert marked(doc) == ["此前多次反映，"]
    # Inside a clause, a marker scopes to the clause's end.
    doc = "这条路去年刚修过，如今又坑坑洼洼。"
    assert marked(doc) == ["去年刚修过"]


@pytest.mark.parametrize("doc", PRESENT[:3] + PRESENT[4:])
def test_the_present_is_not_marked(doc: str) -> None:
    assert marked(doc) == []


def test_a_turn_ends_the_recalled_clause() -> None:
    assert "一个月过去了没有任何动静" not in "".join(marked(PRESENT[3]))


def test_spans_are_sorted_disjoint_and_inside_the_document() -> None:
    doc = "去年汛期冲毁的道路日前修复通车。据了解，修复前，村民曾多次通过热线反映出行困难。"
    spans = background_spans(doc)
    assert spans == sorted(spans)
    assert all(0 <= s < e <= len(doc) for s, e in spans)
    assert all(e1 < s2 for (_, e1), (s2, _) in pairwise(spans))
    assert background_spans("") == [] and background_share("") == 0.0


def test_the_scheme_names_its_lists() -> None:
    """Models name the scheme (analyzer char13+scope1): other marker lists are other features, so a
    change to any list must bump SCHEME (and the pinned digest here) and models be retrained."""
    patterns = [r.pattern for r in (scope._RECALLED_RE, scope._AGO, scope._AGO_END, scope._SENTENCE_END_RE,
                                    scope._CLAUSE_END_RE, scope._RESOLVED_RE, scope._CLAUSE_PUNCT_RE)]
    lists = [patterns, scope._NEGATIONS, sorted(scope._OPENERS), sorted(scope._CLAUSE_CHARS)]
    digest = hashlib.sha256(json.dumps(lists, ensure_ascii=False).encode()).hexdigest()[:16]
    assert (scope.SCHEME, digest) == ("scope1", PINNED)


PINNED = "189375cd925bd4b5"


def test_news_sentences_are_mostly_unmarked(shared_dir: Path) -> None:
    """On the DuEE news sentences (flat prose of events) background is a small part, as in news."""
    texts = []
    for name in ("duee_dev.json", "duee_sample.json"):
        path = shared_dir / "data/events" / name
        if not path.is_file():
            pytest.skip(f"{path} is absent")
        texts += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    chars = sum(len(t) for t in texts)
    share = sum(background_share(t) * len(t) for t in texts) / chars
    docs = sum(bool(background_spans(t)) for t in texts) / len(texts)
    assert 0.005 < share < 0.10 and docs < 0.2, (share, docs)
