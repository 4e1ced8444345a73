"""``rss``: RSS 0.9x/1.0/2.0 and Atom feeds, fetched with a conditional GET."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from typing import Any, ClassVar, Literal

import msgspec

from collectors import encoding, feeds
from collectors.extract import html_to_text
from collectors.fetch import looks_binary
from collectors.kinds.base import Candidate, PollContext
from collectors.pages import plausible_count
from collectors.sources import SourceSpec
from collectors.urls import BadURL, canonical
from core.contracts import Engagement
from core.errors import Failure


class RssOptions(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    # lxml: feedparser's entries (held to feedparser on its own test corpus), ~10x faster. feedparser_rs
    # blanks links to loopback/private addresses (intranet sites, the local demo): opt in only.
    backend: Literal["lxml", "feedparser", "feedparser_rs"] = "lxml"


# Frames and plugins are unwrapped, not dropped: the text inside is the feed author's fallback
# text (feedparser keeps it too); scripts, styles and applets go with their content.
_FRAMES = re.compile(r"</?(?:iframe|object|embed|frameset|frame|noframes)\b[^>]*>", re.IGNORECASE)
# HTML that was escaped twice: after one reading it is still markup, not text anyone wrote.
_MARKUP = re.compile(
    r"<(?:/?(?:p|br|div|span|a|img|b|strong|em|i|u|font|table|tr|td|th|li|ul|ol|h[1-6]|blockquote|pre|center"
    r"|section|article|figure|iframe|object|embed|script|style)\b[^<>]*|[a-z]+\s[^<>]*\bon[a-z]+\s*=[^<>]*)>",
    re.IGNORECASE)


def body_text(fragment: str) -> str:
    """The text of a feed entry's HTML body: no script, style or event handler survives."""
    if "<" in fragment and _FRAMES.search(fragment):
        fragment = _FRAMES.sub("", fragment)
    text = html_to_text(fragment) if fragment else ""
    if "<" in text and _MARKUP.search(text):
        text = html_to_text(_FRAMES.sub("", text))
    return text


def title_text(title: str) -> str:
    """A feed entry's title as one line of text: markup stripped, like the body's."""
    text = body_text(title)
    return " ".join(text.split()) if "\n" in text else text


def entries_to_candidates(ctx: PollContext, feed: feeds.Feed, base_url: str) -> list[Candidate]:
    """Shared with ``replay`` (recorded feed files): duplicates and bad entries are reported, not kept."""
    out: list[Candidate] = []
    guids: set[tuple[str, str]] = set()
    for index, entry in enumerate(feed.entries):
        link = entry.link or (entry.guid if entry.guid and entry.guid.startswith(("http://", "https://")) else None)
        if not link:
            ctx.problem(f"条目 {index} 没有链接 (entry without link or URL guid)")
            continue
        try:
            canonical(link, base_url)
        except BadURL as exc:
            ctx.problem(f"条目 {index}: {exc}")
            continue
        key = entry.guid or link
        if (key, link) in guids:
            ctx.problem(f"重复的 GUID {key!r} (duplicate guid, kept the first)")
            continue
        if entry.guid and any(g == key for g, _ in guids):
            # A guid reused with another link is another item (feeds that recycle guids): kept.
            ctx.problem(f"重复的 GUID {key!r} 但链接不同，已保留 (duplicate guid with a distinct link {link!r}, kept)")
        guids.add((key, link))
        if entry.raw_date:
            ctx.problem(f"无法识别的日期 {entry.raw_date!r} (invalid date in {link})")
        title = title_text(entry.title)
        text = body_text(entry.body_html)
        if not (title or text):
            ctx.problem(f"条目没有标题和正文 (empty entry {link})")
            continue
        out.append(Candidate(url=link, title=title, text=text, author=entry.author,
                             published_at=entry.published, guid=key,
                             engagement=Engagement(replies=plausible_count(entry.comments))))
    return out


class RssKind:
    name: ClassVar[str] = "rss"
    Options: ClassVar[type[msgspec.Struct]] = RssOptions

    @staticmethod
    def validate(spec: SourceSpec, options: Any) -> None:
        if not spec.url or not spec.url.startswith(("http://", "https://")):
            raise ValueError("kind rss needs an http(s) url of the feed")

    @staticmethod
    async def poll(ctx: PollContext) -> AsyncIterator[Candidate]:
        assert ctx.spec.url is not None
        result = await ctx.fetch(ctx.spec.url, conditional=True,
                                 accept="application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5")
        if isinstance(result, Failure):
            ctx.fail(result)
            return
        if result.not_modified:
            ctx.not_modified = True
            return
        ctx.etag = result.headers.get("etag") or ctx.etag
        ctx.last_modified = result.headers.get("last-modified") or ctx.last_modified
        # UTF-16 re-encoded, so the checks below read the bytes as text.
        body = encoding.as_utf8(result.body)
        if not body.strip():
            ctx.fail(Failure("响应为空 (empty body where a feed was expected)", retry=True))
            return
        if looks_binary(body, result.content_type):
            ctx.fail(Failure(f"响应是二进制内容 (binary body, {result.content_type or 'no type'})", retry=False))
            return
        if not feeds.looks_like_feed(body):
            ctx.fail(Failure("不是 RSS/Atom 订阅源 (HTML or other text where a feed was expected)", retry=False))
            return
        feed = feeds.parse(body, result.headers, backend=ctx.options.backend, url=result.url)
        ctx.found = len(feed.entries)
        if feed.malformed and not feed.entries:
            ctx.fail(Failure(f"XML 格式错误 (malformed feed: {feed.malformed})", retry=False))
            return
        candidates = entries_to_candidates(ctx, feed, result.url)
        if feed.malformed and not candidates:
            ctx.fail(Failure(f"XML 格式错误，没有可用条目 (malformed feed, nothing usable: {feed.malformed})",
                             retry=False))
            return
        if feed.malformed:
            ctx.problem(f"XML 格式错误，已尽量读取 (malformed feed, partly read: {feed.malformed})")
        for candidate in candidates:
            yield candidate
