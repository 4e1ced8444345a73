"""``news``: a list page (CSS selectors pick the article links) plus the article pages."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from typing import Any, ClassVar

import msgspec

from collectors import pages
from collectors.extract import extract
from collectors.kinds.base import Candidate, PollContext
from collectors.sources import SourceSpec
from collectors.urls import BadURL, canonical
from core.errors import Failure


class NewsOptions(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    # More list pages beside the source's url.
    list_urls: list[str] = []
    # CSS selector (BeautifulSoup) of the article links on a list page.
    link_selector: str = "a[href]"
    # A regular expression the article URL must match (e.g. /content_\d+\.htm).
    link_pattern: str | None = None
    same_host: bool = True
    max_articles: int | None = None

    def __post_init__(self) -> None:
        if self.link_pattern is not None:
            try:
                re.compile(self.link_pattern)
            except re.error as exc:
                raise ValueError(f"link_pattern is not a valid regular expression: {exc}") from exc
        if self.max_articles is not None and self.max_articles < 1:
            raise ValueError("max_articles must be at least 1")


def list_urls(spec: SourceSpec, options: Any) -> list[str]:
    return ([spec.url] if spec.url else []) + list(options.list_urls)


def article_links(html: str, base: str, options: NewsOptions) -> list[str]:
    from urllib.parse import urlsplit

    tree = pages.soup(html)
    pattern = re.compile(options.link_pattern) if options.link_pattern else None
    host = urlsplit(base).netloc
    links: list[str] = []
    seen: set[str] = set()
    for node in tree.select(options.link_selector):
        href = node.get("href")
        if not isinstance(href, str) or href.startswith(("javascript:", "mailto:", "#")):
            continue
        try:
            url = canonical(href, base)
        except BadURL:
            continue  # one broken link on a list page is not the page's failure
        if not url.startswith(("http://", "https://")) or url in seen:
            continue
        if options.same_host and urlsplit(url).netloc != host:
            continue
        if pattern is not None and not pattern.search(url):
            continue
        seen.add(url)
        links.append(url)
    return links


async def fetch_article(ctx: PollContext, url: str) -> Candidate | None:
    result = await ctx.fetch(url)
    if isinstance(result, Failure):
        ctx.problem(f"文章抓取失败 ({result.reason})", retry=result.retry)
        return None
    html = pages.page_text(result)
    if isinstance(html, Failure):
        ctx.problem(html.reason, retry=html.retry)
        return None
    article = await asyncio.to_thread(extract, html)
    if not article.text and not article.title:
        ctx.problem(f"正文提取失败 (no title or text found: {url})")
        return None
    if not article.text:
        ctx.problem(f"只提取到标题，没有正文 (title only: {url})")
    return Candidate(url=url, title=article.title, text=article.text, author=article.author,
                     published_at=article.published_at)


class NewsKind:
    name: ClassVar[str] = "news"
    Options: ClassVar[type[msgspec.Struct]] = NewsOptions

    @staticmethod
    def validate(spec: SourceSpec, options: Any) -> None:
        if not list_urls(spec, options):
            raise ValueError("kind news needs url or options.list_urls")

    @staticmethod
    async def poll(ctx: PollContext) -> AsyncIterator[Candidate]:
        limit = ctx.options.max_articles or ctx.settings.max_articles_per_poll
        todo: list[str] = []
        for list_url in list_urls(ctx.spec, ctx.options):
            page = await ctx.fetch_page(list_url)
            if isinstance(page, Failure):
                ctx.fail(page)
                return
            result, html = page
            links = article_links(html, result.url, ctx.options)
            ctx.found += len(links)
            for url in links:
                if url not in todo and not await ctx.seen(url):
                    todo.append(url)
        # Oldest links last on most list pages: fetch in page order, at most `limit` per poll;
        # the rest stay unseen and come next poll.
        todo = todo[:limit]
        tasks = [asyncio.ensure_future(fetch_article(ctx, url)) for url in todo]
        try:
            for task in tasks:
                candidate = await task
                if candidate is not None:
                    yield candidate
        finally:
            for task in tasks:
                task.cancel()
