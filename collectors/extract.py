"""Article extraction: title, main text, time and author from a news page.

Runs on selectolax (Lexbor, a C parser): BeautifulSoup with html.parser reaches about 25 pages/s
on 100 KB pages, far from the 300 pages/s goal. BeautifulSoup stays the library of the kinds'
CSS selectors for list pages (collectors/selectors.py).

The main text is found readability-style: paragraphs score their parent (and half their
grandparent) by length and commas; the best container, minus link-heavy blocks, is the body.
"""

from __future__ import annotations

import hashlib
import re
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime

from selectolax.lexbor import LexborHTMLParser, LexborNode

from collectors import dates, textnorm

_DROP = "script, style, noscript, iframe, form, nav, header, footer, aside, select, button, textarea, svg, template"
_JUNK_ATTR = re.compile(
    r"comment|share|footer|foot\b|related|recommend|breadcrumb|crumb|copyright|sidebar|side-|advert|\bad[s_-]|"
    r"banner|nav|menu|toolbar|social|hot-?news|rank|login|qrcode|erweima|paging|pager",
    re.IGNORECASE)
_PARA = "p, pre, blockquote, td, div, section, article"
_BLOCK = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section", "article",
          "blockquote", "pre", "ul", "ol", "dd", "dt", "center")
# "标题-新华网", "标题_腾讯网": a site name glued to the title.
_SITE_SUFFIX = re.compile(r"\s*[-_|｜–—]\s*[\u4e00-\u9fffA-Za-z]{1,10}(网|报|社|台|频道|新闻|在线|日报|官网)$")
_TITLE_SPLIT = re.compile(r"\s*(?:[_|｜]|--|—|–|\s-\s)\s*")
_DATE_IN_TEXT = re.compile(
    r"(\d{4}\s*[年/\-.]\s*\d{1,2}\s*[月/\-.]\s*\d{1,2}\s*日?(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?)")
_AUTHOR_IN_TEXT = re.compile(
    r"(?:作者|记者|記者|文\s*/|撰稿|通讯员|作者：)\s*[:：]?\s*([\u4e00-\u9fff·]{2,8}(?:[、，,\s][\u4e00-\u9fff·]{2,8}){0,3})")
_SENTENCE_END = re.compile(r"[。！？!?…”」]")
_DATE_NODES = "[class*=time], [class*=date], [id*=time], [id*=date], [class*=pubtime], [class*=info]"
_EDITOR_IN_HTML = re.compile(r"责任编辑\s*[:：]\s*(?:<[^>]+>\s*)*([\u4e00-\u9fff·]{2,6})")
_TIME_META = ("article:published_time", "og:article:published_time", "publishdate", "pubdate", "publish_date",
              "publishtime", "dc.date", "dc.date.issued", "date", "og:release_date", "weibo:article:create_at")
_AUTHOR_META = ("author", "article:author", "dc.creator", "og:article:author")


@dataclass(frozen=True, slots=True)
class Article:
    title: str
    text: str
    published_at: datetime | None
    author: str | None
    # Text length of the chosen container before cleaning (0: nothing looked like an article).
    score: float = 0.0


def _metas(tree: LexborHTMLParser) -> dict[str, str]:
    found: dict[str, str] = {}
    for node in tree.css("meta"):
        attrs = node.attributes
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        content = attrs.get("content")
        if key and content and key not in found:
            found[key] = str(content).strip()
    return found


def _meta(metas: dict[str, str], names: tuple[str, ...]) -> str | None:
    return next((metas[name] for name in names if name in metas), None)


def _title(tree: LexborHTMLParser, metas: dict[str, str]) -> str:
    og = _meta(metas, ("og:title", "twitter:title"))
    node = tree.css_first("title")
    page_title = textnorm.normalise(node.text()) if node else ""
    h1s = [textnorm.normalise(h.text()) for h in tree.css("h1")]
    for h1 in h1s:
        # The article's own heading starts the page title; a site-name h1 does not.
        if h1 and (page_title.startswith(h1) or (og and og.startswith(h1))):
            return _SITE_SUFFIX.sub("", h1)
    if og:
        og = re.split(r"\s+(?:@|::)\s+", textnorm.normalise(og))[0]
        return _SITE_SUFFIX.sub("", og)
    if page_title:
        parts = [p for p in _TITLE_SPLIT.split(page_title) if p]
        return _SITE_SUFFIX.sub("", max(parts[:2], key=len) if parts else page_title)
    return next((h for h in h1s if h), "")


def _chars(text: str) -> int:
    return len(text.strip())


def _link_density(node: LexborNode, total: int) -> float:
    if total == 0:
        return 1.0
    linked = sum(_chars(a.text()) for a in node.css("a"))
    return min(1.0, linked / total)


def _junk(node: LexborNode) -> bool:
    attrs = node.attributes
    label = f"{attrs.get('class') or ''} {attrs.get('id') or ''}"
    return bool(label.strip()) and _JUNK_ATTR.search(label) is not None


def _ranked_containers(tree: LexborHTMLParser) -> list[tuple[float, LexborNode]]:
    scores: dict[int, float] = {}
    nodes: dict[int, LexborNode] = {}
    for node in tree.css(_PARA):
        # Containers count only for their own text (pages that separate paragraphs by <br>).
        text = node.text(deep=False) if node.tag in ("div", "td", "section", "article") else node.text()
        length = _chars(text)
        if length < 12:
            continue
        score = 1 + text.count("，") + text.count(",") + text.count("。") + min(length / 60, 5)
        parent = node.parent if node.tag not in ("div", "td", "section", "article") else node
        for weight, target in ((1.0, parent), (0.5, parent.parent if parent is not None else None)):
            if target is None or target.tag in ("html", "body", "[document]"):
                continue
            key = target.mem_id
            nodes[key] = target
            scores[key] = scores.get(key, 0.0) + score * weight
    ranked: list[tuple[float, LexborNode]] = []
    # Link density is costly: weigh only the strongest raw candidates.
    for key, score in sorted(scores.items(), key=lambda pair: pair[1], reverse=True)[:12]:
        node = nodes[key]
        if _junk(node):
            continue  # comment threads and sidebars can outscore a short article
        total = _chars(node.text())
        ranked.append((score * (1 - _link_density(node, total)), node))
    ranked.sort(key=lambda pair: pair[0], reverse=True)
    return ranked[:3]


def _container_text(node: LexborNode, deadline: float) -> str:
    for block in node.css("div, ul, ol, table, p, li, section, dl"):
        # Each block's text is its whole subtree: on thousands of unclosed nested tags this is
        # quadratic, so the cleaning stops at the deadline and the text is taken as it is.
        if time.monotonic() > deadline:
            break
        text_len = _chars(block.text())
        if _junk(block) or (text_len < 200 and _link_density(block, text_len) > 0.5):
            block.decompose()
    for img in node.css("img"):
        img.decompose()
    html = node.html or ""
    # Block boundaries become line breaks before the tags go.
    html = re.sub(r"<(?:br|/?(?:" + "|".join(_BLOCK) + r"))\b[^>]*>", "\n", html, flags=re.IGNORECASE)
    return LexborHTMLParser(f"<body>{html}</body>").body.text() if html else ""


def _trim_tail(text: str) -> str:
    """Drop the scraps after the last paragraph: 图集, +1, an editor's bare name, 【打印】."""
    lines = text.split("\n")
    while lines and (not lines[-1].strip() or (len(lines[-1].strip()) <= 6 and not _SENTENCE_END.search(lines[-1]))):
        lines.pop()
    return "\n".join(lines)


def _published(tree: LexborHTMLParser, metas: dict[str, str], body_text: str, head_text: str) -> datetime | None:
    value = _meta(metas, _TIME_META)
    if value:
        parsed = dates.parse(value)
        if parsed:
            return parsed
    for node in tree.css("time"):
        parsed = dates.parse(node.attributes.get("datetime") or node.text())
        if parsed:
            return parsed
    labelled = " ".join(n.text() for n in tree.css(_DATE_NODES))[:2000]
    for text in (labelled, head_text, body_text[:400]):
        found = _DATE_IN_TEXT.search(text)
        if found:
            parsed = dates.parse(found.group(1))
            if parsed:
                return parsed
    return None


def _author(metas: dict[str, str], head_text: str, body_text: str, html: str) -> str | None:
    value = _meta(metas, _AUTHOR_META)
    if value and not value.startswith("http"):
        return textnorm.normalise(value)[:128]
    for text in (head_text, body_text[:300], body_text[-200:]):
        found = _AUTHOR_IN_TEXT.search(text)
        if found:
            return found.group(1).strip()[:128]
    # The responsible editor, when the page names no author (新华网 and most portals).
    found = _EDITOR_IN_HTML.search(html)
    return found.group(1) if found else None


# The budget of one page: a bigger page is cut, a slower one (pathological nesting) stops cleaning.
MAX_HTML_CHARS = 2_000_000
TIME_BUDGET_S = 2.0
_CACHE_SIZE = 256
_cache: OrderedDict[bytes, Article] = OrderedDict()
_cache_lock = threading.Lock()


def extract(html: str) -> Article:
    """The article of a page, within a size and time budget; an unchanged page is not extracted again."""
    key = hashlib.blake2b(html.encode("utf-8", "surrogatepass"), digest_size=16).digest()
    with _cache_lock:
        cached = _cache.get(key)
        if cached is not None:
            _cache.move_to_end(key)
            return cached
    article = _extract(html[:MAX_HTML_CHARS], time.monotonic() + TIME_BUDGET_S)
    with _cache_lock:
        _cache[key] = article
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return article


# Real pages nest a few dozen levels; the parser's cost grows with the square of the depth, so a
# page with thousands of unclosed containers is flattened to its text blocks before parsing.
MAX_UNCLOSED = 2_000
_CONTAINER_OPEN = re.compile(r"<(?:div|span|p|td|tr|table|section|article|li|ul|ol|font|b|i|a|center|blockquote)\b",
                             re.IGNORECASE)
_CONTAINER_CLOSE = re.compile(r"</(?:div|span|p|td|tr|table|section|article|li|ul|ol|font|b|i|a|center|blockquote)\b",
                              re.IGNORECASE)
_BODY_START = re.compile(r"<body\b[^>]*>", re.IGNORECASE)
_ANY_TAG = re.compile(r"<[^>]*>")


def _flattened(html: str) -> str:
    """The page with its body reduced to text lines in one container (head kept for title and metas)."""
    found = _BODY_START.search(html)
    head, body = (html[:found.start()], html[found.end():]) if found else ("", html)
    body = re.sub(r"<(?:br|/?(?:" + "|".join(_BLOCK) + r"))\b[^>]*>", "\n", body, flags=re.IGNORECASE)
    body = _ANY_TAG.sub("", body)
    lines = "".join(f"<p>{line}</p>" for line in body.split("\n") if line.strip())
    return f"{head}<body><article>{lines}</article></body>"


def _extract(html: str, deadline: float) -> Article:
    if len(_CONTAINER_OPEN.findall(html)) - len(_CONTAINER_CLOSE.findall(html)) > MAX_UNCLOSED:
        html = _flattened(html)
    tree = LexborHTMLParser(html)
    metas = _metas(tree)
    title = _title(tree, metas)
    # The line under the title usually carries the time and author (时间：… 来源：… 作者：…).
    head_text = ""
    h1 = tree.css_first("h1")
    if h1 is not None and h1.parent is not None:
        head_text = textnorm.normalise(h1.parent.text(separator=" "))[:600]
    for node in tree.css(_DROP):
        node.decompose()
    text, score = "", 0.0
    for rank_score, container in _ranked_containers(tree):
        text, score = textnorm.clean(_container_text(container, deadline)), rank_score
        if len(text) >= 20:
            break
    if len(text) < 20 and tree.body is not None and tree.body.css_first("p") is not None:
        # Paragraphs straight under <body>, in no container: the body is the article.
        text = textnorm.clean(_container_text(tree.body, deadline))
    if title and text.startswith(title):
        text = text[len(title):].lstrip()
    text = _trim_tail(text)
    return Article(title=title, text=text, published_at=_published(tree, metas, text, head_text),
                   author=_author(metas, head_text, text, html), score=score)


def html_to_text(fragment: str) -> str:
    """Text of an HTML fragment (a feed summary, a weibo): blocks become lines, emoticons keep their alt."""
    if "<" not in fragment:
        return textnorm.clean(fragment)
    if len(_CONTAINER_OPEN.findall(fragment)) - len(_CONTAINER_CLOSE.findall(fragment)) > MAX_UNCLOSED:
        fragment = _flattened(fragment)  # thousands of unclosed tags: see _extract
    tree = LexborHTMLParser(f"<body>{fragment}</body>")
    for img in tree.css("img"):
        alt = img.attributes.get("alt")
        if alt:
            img.replace_with(alt)
        else:
            img.decompose()
    for node in tree.css("script, style, iframe, object, embed, noscript"):
        node.decompose()
    html = tree.body.html if tree.body else ""
    html = re.sub(r"<(?:br|/?(?:" + "|".join(_BLOCK) + r"))\b[^>]*>", "\n", html or "", flags=re.IGNORECASE)
    body = LexborHTMLParser(f"<body>{html}</body>").body
    return textnorm.clean(body.text() if body else "")
