"""Background scope: the parts of a prepared document told as past or as already resolved.

Good news often tells the story of the problem it fixed ("此前，村民长期依靠水井取水……今年3月……"),
and a char n-gram model reads the problem words of that story as a problem now. Like negation-scope
marking in sentiment analysis (Das & Chen 2001; Pang et al. 2002 prefix NOT_ to every token up to the
next punctuation), this module marks two kinds of clause as background:

- a RECALLED clause: from a marker of narrated past (此前, 以前, 过去, 曾经, 一度, 去年, 两年前, 多年来,
  修复前 …) up to the end of the sentence when the marker opens its clause ("此前，……。"), of the clause
  when it stands inside one ("村民曾多次反映出行困难，"), or up to a marker that brings the text back to
  the present or turns it (但, 然而, 至今, 仍, 依然, 如今, 目前, 今年, 日前, 又 …): "此前多次反映，至今没有
  解决" keeps "至今没有解决" in the present;
- a RESOLVED clause: the clause (between commas or stops) that says the matter is solved (已解决,
  得到解决, 修复通车, 整改到位, 恢复供水 …), unless a negation stands right before it (仍未得到解决).

The words come from how Chinese narrates background in general (time adverbs of the past, "N年前",
"X前" of the verbs of repair and improvement, the aspect of completion), not from any development
item. :func:`background_spans` reads one document or a batch joined by NUL (one scan for all). The
model (classifier.model, analyzers ``char13+scope1``) gives the n-grams inside these spans a key of
their own, and the training data decides what they weigh. A change to these lists changes the
features: bump :data:`SCHEME` (the analyzer names carry it) so that a model trained on the old lists
is refused rather than scored with other features.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

SCHEME = "scope1"

# Past-time adverbs and phrases that open a narrated past (order does not matter: the regex is
# built longest first).
RECALLED = (
    "此前", "之前", "以前", "以往", "从前", "过去", "曾经", "曾", "一度", "原先", "原来", "原本", "早前", "早先",
    "先前", "当初", "当年", "往年", "昔日", "早年", "去年", "前年", "前些年", "前几年", "早些年", "多年前",
    "几年前", "数年前", "多年来", "长期以来", "上世纪",
)
# "before it was V-ed": the verbs of repair, building and improvement, each + 前 (修复前, 整治前).
_BEFORE_VERBS = (
    "修复", "整治", "改造", "整改", "治理", "建成", "开通", "搬迁", "提升", "升级", "维修", "翻修", "安装",
    "投用", "启用", "实施", "修建", "硬化", "拓宽", "疏通", "更换", "通车", "竣工",
)
RECALLED += tuple(v + "前" for v in _BEFORE_VERBS)
# Markers that end a recalled clause: a turn (但, 然而), the present (如今, 目前, 今年, 日前), or a
# problem that lasts or comes back (至今, 仍, 依然, 又).
PRESENT = (
    "但", "但是", "可是", "然而", "不过", "却", "至今", "迄今", "仍", "仍然", "依然", "依旧", "还是", "现在", "如今",
    "而今", "目前", "当前", "眼下", "今年", "今天", "近日", "日前", "近期", "最近", "又", "再次", "再度", "后来",
    "随后", "此后",
)
# A clause that says the matter is solved: completion (已, 得到, 完成) with a verb of solving or repair.
RESOLVED = (
    "已解决", "已经解决", "得到解决", "得以解决", "彻底解决", "有效解决", "顺利解决", "已修复", "已经修复",
    "修复通车", "恢复通车", "恢复供水", "恢复供电", "恢复供气", "恢复正常", "整改到位", "整改完毕", "完成整改",
    "已整改", "已办结", "已处理完毕", "已清理", "已疏通", "已拆除", "已更换", "已维修", "已落实", "已竣工",
    "迎刃而解",
)
# Right before a resolved marker, these make it unresolved (仍未得到解决, 没有得到解决, 是否已解决).
_NEGATIONS = ("未", "没", "不", "无", "难", "否", "没有", "未能", "不能", "无法", "难以")

# A sentence ends a recalled clause that opens its clause ("此前，……。", "去年汛期冲毁的……"); a clause ends
# one that stands inside a clause ("村民曾多次反映出行困难，", "比去年增加12%，") and a resolved one. NUL
# separates the documents of a batch: it ends everything.
_SENTENCE_END = "。！？；!?;\n\x00"
_CLAUSE_END = _SENTENCE_END + "，,：:"
# What may stand right before a marker that opens its clause.
_OPENERS = frozenset(_CLAUSE_END + "“”\"'「」『』《》【】()（） ")


def _alternation(words: Sequence[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


# "N years / months ago" (两年前, 3个月前, 半年前) of any number: found by their last two characters (a
# regex opening with the numbers would try every digit of a text), then read backwards.
_AGO = re.compile(r"(?:[一二两三四五六七八九十几数多半]|\d+)个?(?:年|月|星期|周)前")
_AGO_END = re.compile("[年月周期]前(?!后)")
# A deadline (12月31日之前, 8点以前) is no past; time going by (大半年过去了) is no past either.
_NOT_PAST = {"之前": r"(?<![日号点时]之前)", "以前": r"(?<![日号点时]以前)", "过去": r"(?!了)"}
_RECALLED_RE = re.compile("|".join(re.escape(w) + _NOT_PAST.get(w, "")
                                   for w in sorted(set(RECALLED), key=lambda w: (-len(w), w))))
_PRESENT = _alternation(PRESENT)
_SENTENCE_END_RE = re.compile(f"[{re.escape(_SENTENCE_END)}]|{_PRESENT}")
_CLAUSE_END_RE = re.compile(f"[{re.escape(_CLAUSE_END)}]|{_PRESENT}")
_RESOLVED_RE = re.compile(_alternation(RESOLVED))
_LONGEST_NEGATION = max(map(len, _NEGATIONS))
_CLAUSE_PUNCT_RE = re.compile(f"[{re.escape(_CLAUSE_END)}]")
_CLAUSE_CHARS = frozenset(_CLAUSE_END)


def background_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) character spans of ``text`` that are recalled or resolved background, sorted,
    merged where they overlap or touch. ``text`` may be a batch of documents joined by NUL: the spans
    are then positions in the joined text, and none crosses a NUL."""
    spans: list[tuple[int, int]] = []
    n = len(text)
    starts = [(m.start(), m.end()) for m in _RECALLED_RE.finditer(text)]
    for m in _AGO_END.finditer(text):
        ago = _AGO.search(text, max(m.start() - 8, 0), m.end())
        if ago is not None and ago.end() == m.end():
            starts.append((ago.start(), ago.end()))
    for start, after in starts:
        opens = start == 0 or text[start - 1] in _OPENERS
        end = (_SENTENCE_END_RE if opens else _CLAUSE_END_RE).search(text, after)
        spans.append((start, end.start() if end else n))
    for m in _RESOLVED_RE.finditer(text):
        start = m.start()
        # Checked here rather than by look-behinds in the regex, which would run at every position.
        if text[max(start - _LONGEST_NEGATION, 0) : start].endswith(_NEGATIONS):
            continue
        while start > 0 and text[start - 1] not in _CLAUSE_CHARS:
            start -= 1
        end = _CLAUSE_PUNCT_RE.search(text, m.end())
        spans.append((start, end.start() if end else n))
    if not spans:
        return []
    spans.sort()
    merged = [spans[0]]
    for start, end in spans[1:]:
        last_start, last_end = merged[-1]
        if start <= last_end:
            merged[-1] = (last_start, max(last_end, end))
        else:
            merged.append((start, end))
    return [(s, e) for s, e in merged if e > s]


def background_share(doc: str) -> float:
    """The share of ``doc``'s characters inside background spans (for reports)."""
    if not doc:
        return 0.0
    return sum(e - s for s, e in background_spans(doc)) / len(doc)
