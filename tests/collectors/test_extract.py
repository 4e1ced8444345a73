"""Article extraction against the expected texts shipped with the recorded pages."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from collectors import encoding, extract


def _grams(text: str) -> Counter[str]:
    text = re.sub(r"\s+", "", text)
    return Counter(text[i:i + 2] for i in range(len(text) - 1))


def precision_recall(got: str, expected: str) -> tuple[float, float]:
    """Character-bigram overlap: robust to line breaks and spacing, strict on content."""
    g, e = _grams(got), _grams(expected)
    common = sum((g & e).values())
    return common / max(1, sum(g.values())), common / max(1, sum(e.values()))


def _extract(path: Path) -> extract.Article:
    return extract.extract(encoding.decode(path.read_bytes()).text)


@pytest.mark.parametrize("name", ["gmw", "pixnet", "qq", "youth"])
def test_readability_pages(fixtures: Path, name: str) -> None:
    folder = fixtures / "readability" / name
    article = _extract(folder / "source.html")
    meta = json.loads((folder / "expected-metadata.json").read_text(encoding="utf-8"))
    expected = LexborHTMLParser((folder / "expected.html").read_text(encoding="utf-8")).body.text()
    precision, recall = precision_recall(article.text, expected)
    assert precision >= 0.9 and recall >= 0.85, (precision, recall)
    # Ours is the article's title without the site's name glued on.
    assert article.title and meta["title"].startswith(article.title)
    if meta.get("byline"):
        assert article.author == meta["byline"]


def test_trafilatura_chinese_eval_set(fixtures: Path) -> None:
    cases = json.loads((fixtures / "trafilatura" / "evaldata_chinese_subset.json").read_text(encoding="utf-8"))
    assert len(cases) == 4
    for case in cases.values():
        article = _extract(fixtures / "trafilatura" / case["file"])
        assert article.title and case["title"].strip().startswith(article.title), case["file"]
        for unwanted in case["without"]:
            assert unwanted not in article.text, (case["file"], unwanted)
        if case["file"].startswith("baike."):
            # An encyclopedia entry, not a news page: its infobox lies outside the main text.
            continue
        for wanted in case["with"]:
            assert wanted in article.text, (case["file"], wanted)
        if case["author"]:
            assert article.author == case["author"], case["file"]
        if case["date"] and article.published_at is not None:
            assert article.published_at.date().isoformat() == case["date"], case["file"]
    dated = [c for c in cases.values() if c["file"].startswith(("xinhuanet", "banyuetan"))]
    assert all(_extract(fixtures / "trafilatura" / c["file"]).published_at for c in dated)


def test_newspaper3k_and_goose3_bbc_page(fixtures: Path) -> None:
    article = _extract(fixtures / "newspaper3k" / "chinese_article.html")
    expected = (fixtures / "newspaper3k" / "chinese.txt").read_text(encoding="utf-8")
    precision, recall = precision_recall(article.text, expected)
    assert precision >= 0.85 and recall >= 0.95, (precision, recall)
    assert article.title == "港特首梁振英就住宅违建事件道歉"
    goose = json.loads((fixtures / "goose3" / "test_bbc_chinese.json").read_text(encoding="utf-8"))["expected"]
    article = _extract(fixtures / "goose3" / "test_bbc_chinese.html")
    # goose3 ships the opening of the cleaned text: all of it must be in ours.
    assert precision_recall(article.text, goose["cleaned_text"])[1] >= 0.98


def test_html_fragments_keep_emoticon_alt_and_drop_tags() -> None:
    fragment = ('搬完这块砖<span class="url-icon"><img alt=[偷笑] src="//x.png" /></span>'
                '<br />第二行<a href="#">链接</a>')
    assert extract.html_to_text(fragment) == "搬完这块砖[偷笑]\n第二行链接"


def test_garbage_pages_give_empty_articles() -> None:
    for page in ("", "<html></html>", "<html><body><nav><a href='/'>首页</a></nav></body></html>", "\x00\x01binary"):
        article = extract.extract(page)
        assert article.text == ""
