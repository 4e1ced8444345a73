"""The boilerplate guard of incidents.text: a text in which no pattern's opening occurs is returned as it
is, and every text gets exactly what the substitutions alone give."""

from __future__ import annotations

import csv
import random
import re
from dataclasses import replace
from pathlib import Path

import pytest

from incidents.config import default_rules
from incidents.text import _guard, story_keys, strip_boilerplate


def _substituted(text: str, patterns: tuple[re.Pattern[str], ...]) -> str:
    """strip_boilerplate without the guard: each pattern's substitution in turn."""
    for pattern in patterns:
        text = pattern.sub(lambda m: m.group(1) if m.groups() and m.group(1) else " ", text)
    return text


def _made_texts(patterns: tuple[re.Pattern[str], ...], n: int) -> list[str]:
    """Texts of the patterns' own characters (their openings, cut short and whole) among ordinary ones."""
    rng = random.Random(7)
    pieces = ["来源：新华社", "来源", "来了", "转发微博", "转", "本文来源:人民网", "本地", "编辑：张三", "编",
              "//@某人:", "/", "@用户_1", "@", "#话题#", "#", "http://a.cn/x", "ht", "版权所有 翻印必究", "声明：本文",
              "声明", "免责", "责任编辑", "原标题：", "点击查看原文", "阅读原文", "查看更多", "展开全文",
              "小区停水", "，", "。", " ", "A", "z", "：", ":", "\n"]
    pieces += [ch for p in patterns for ch in p.pattern if ch.isprintable()][:200]
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 40))) for _ in range(n)]


def test_guard_holds_the_opening_of_every_pattern() -> None:
    rules = default_rules()
    guard = _guard(rules.boilerplate)
    assert guard is not None
    for opening in ("来源:", "责任编辑：", "原标题", "//@a:", "@abc", "#话题#", "https://x", "版权所有", "免责声明",
                    "声明：本文"):
        assert guard.search(opening), opening
    assert guard.search("小区停水三天，没人管。") is None


def test_guard_gives_the_substitutions_result(shared_dir: Path) -> None:
    rules = default_rules()
    texts = _made_texts(rules.boilerplate, 4000)
    with (shared_dir / "data" / "gov" / "messages_with_gov_replies.csv").open(encoding="utf-8-sig", newline="") as fh:
        texts += [f"{r['title']}。{r['body']}"[:600] for r, _ in zip(csv.DictReader(fh), range(2000), strict=False)]
    guard = _guard(rules.boilerplate)
    assert guard is not None
    skipped = 0
    for text in texts:
        assert strip_boilerplate(text, rules) == _substituted(text, rules.boilerplate), text
        skipped += guard.search(text) is None
    assert 0 < skipped < len(texts)  # both paths ran


@pytest.mark.parametrize(("patterns", "known"), [
    ((r"(?:来源|转自)[:：]", r"@\w+"), True),
    ((r"来源", r"[abc]x"), False),  # a class first: its opening is not known
    ((r"来源", r"(?i)http"), False),  # case folded: the literal opening does not say it
    ((r"来源", r"x?y"), False),  # may begin with y or x
    ((r"来源", r"(?:a|)b"), True),  # begins with ab or b
    ((r"来源", r"(?:a|)"), False),  # an empty alternative: may match anywhere
    ((r"来源", r"(?<=说)来"), False),  # an assertion first
    ((r"(?:来源|来)\d", r"#(x+)#"), True),
])
def test_guard_is_none_where_an_opening_is_not_known(patterns: tuple[str, ...], known: bool) -> None:
    compiled = tuple(re.compile(p) for p in patterns)
    guard = _guard(compiled)
    assert (guard is not None) is known
    rules = replace(default_rules(), boilerplate=compiled)
    for text in [*_made_texts(compiled, 800), "说来源", "ab", "b", "xy", "y", "HTTP", "来1", "#xx#", "来源:"]:
        assert strip_boilerplate(text, rules) == _substituted(text, compiled), (patterns, text)


def test_story_keys_unchanged_by_the_guard() -> None:
    rules = default_rules()
    texts = _made_texts(rules.boilerplate, 600)
    items = [("", t * 6) for t in texts]
    unguarded = replace(rules, boilerplate=(*rules.boilerplate, re.compile(r"[\s\S]{0}(?!)")))
    # An added pattern whose opening is not known (a class first) turns the guard off; it never matches.
    assert _guard(unguarded.boilerplate) is None
    assert story_keys(items, rules) == story_keys(items, unguarded)
