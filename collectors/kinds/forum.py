"""``forum``: thread lists with reply and view counts, thread bodies, and the first page of replies
(跟帖) as items linked to their thread.

A thread already published is not fetched again: its counts, read from the list, go out as an
update of the same item (revision + 1) when they changed.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any, ClassVar

import msgspec

from collectors import dates, pages
from collectors.extract import extract
from collectors.fetch import Fetched
from collectors.kinds import paging
from collectors.kinds.base import Candidate, PollContext
from collectors.kinds.paging import Page
from collectors.sources import SourceSpec
from collectors.textnorm import clean
from collectors.urls import BadURL, canonical
from core.contracts import Engagement
from core.errors import Failure


class ForumOptions(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    # On the thread list (BeautifulSoup CSS selectors): one row per thread, and inside a row:
    row_selector: str
    link_selector: str = "a[href]"
    replies_selector: str | None = None
    views_selector: str | None = None
    author_selector: str | None = None
    list_urls: list[str] = []
    # On a thread page: the first post, and each reply with its parts.
    post_selector: str | None = None
    reply_selector: str | None = None
    reply_body_selector: str | None = None
    reply_author_selector: str | None = None
    reply_time_selector: str | None = None
    max_replies: int = 50
    # Paging: the link to the next page of the thread list (Discuz: "a.nxt") followed up to
    # max_pages while a page brings a thread not seen before; the same for a thread's replies.
    next_selector: str | None = None
    max_pages: int = 1
    reply_next_selector: str | None = None
    max_reply_pages: int = 1


def _text(node: Any, selector: str | None) -> str | None:
    if selector is None or node is None:
        return None
    found = node.select_one(selector)
    return found.get_text(" ", strip=True) if found is not None else None


async def _thread(ctx: PollContext, url: str, title: str, engagement: Engagement,
                  author: str | None) -> list[Candidate]:
    options: ForumOptions = ctx.options
    result = await ctx.fetch(url)
    if isinstance(result, Failure):
        ctx.problem(f"帖子抓取失败 ({result.reason})", retry=result.retry)
        return []
    html = pages.page_text(result)
    if isinstance(html, Failure):
        ctx.problem(html.reason, retry=html.retry)
        return []
    tree = pages.soup(html)
    if options.post_selector:
        body = clean(_text(tree, options.post_selector) or "")
        published = None
    else:
        article = await asyncio.to_thread(extract, html)
        body, published = article.text, article.published_at
        author = author or article.author
    if not (title or body):
        ctx.problem(f"帖子没有标题和正文 ({url})")
        return []
    out = [Candidate(url=url, title=title, text=body, author=author, published_at=published,
                     engagement=engagement)]
    if options.reply_selector:
        nodes = list(tree.select(options.reply_selector))
        page_url = result.url
        for _ in range(options.max_reply_pages - 1):
            if len(nodes) >= options.max_replies:
                break
            following = _next_url(tree, options.reply_next_selector, page_url, ctx)
            if following is None:
                break
            page = await ctx.fetch_page(following)
            if isinstance(page, Failure):
                ctx.problem(f"回帖翻页失败 ({page.reason})", retry=page.retry)
                break
            page_url = page[0].url
            tree = pages.soup(page[1])
            nodes.extend(tree.select(options.reply_selector))
        for index, node in enumerate(nodes[: options.max_replies]):
            text = clean(_text(node, options.reply_body_selector) if options.reply_body_selector
                         else node.get_text("\n", strip=True))
            if not text:
                continue
            anchor = node.get("id")
            ref = anchor if isinstance(anchor, str) and anchor else str(index + 1)
            out.append(Candidate(url=f"{url}#reply-{ref}", title=f"回复：{title}"[:200], text=text,
                                 author=_text(node, options.reply_author_selector),
                                 published_at=dates.parse(_text(node, options.reply_time_selector)),
                                 parent_url=url))
    return out


def _next_url(tree: Any, selector: str | None, base: str, ctx: PollContext) -> str | None:
    """The next page's address from its link, or None (no link: the last page)."""
    if not selector:
        return None
    link = tree.select_one(selector)
    href = link.get("href") if link is not None else None
    if not isinstance(href, str) or not href.strip() or href.startswith(("javascript:", "#")):
        return None
    try:
        return canonical(href, base)
    except BadURL as exc:
        ctx.problem(f"下一页链接无效 ({exc})")
        return None


class ForumKind:
    name: ClassVar[str] = "forum"
    Options: ClassVar[type[msgspec.Struct]] = ForumOptions

    @staticmethod
    def validate(spec: SourceSpec, options: Any) -> None:
        if not spec.url and not options.list_urls:
            raise ValueError("kind forum needs url or options.list_urls")
        if options.max_replies < 0:
            raise ValueError("max_replies must be >= 0")
        for name in ("max_pages", "max_reply_pages"):
            if not 1 <= getattr(options, name) <= 50:
                raise ValueError(f"{name} must be within 1..50")
        if options.max_pages > 1 and not options.next_selector:
            raise ValueError("max_pages > 1 needs next_selector (the link to the next list page)")
        if options.max_reply_pages > 1 and not options.reply_next_selector:
            raise ValueError("max_reply_pages > 1 needs reply_next_selector")

    @staticmethod
    async def poll(ctx: PollContext) -> AsyncIterator[Candidate]:
        options: ForumOptions = ctx.options
        urls = ([ctx.spec.url] if ctx.spec.url else []) + list(options.list_urls)
        budget = ctx.settings.max_articles_per_poll

        async def load(url: str, number: int) -> tuple[Fetched, Any] | Failure:
            page = await ctx.fetch_page(url)
            return page if isinstance(page, Failure) else (page[0], pages.soup(page[1]))

        def following(page: Page[tuple[Fetched, Any]]) -> str | None:
            result, tree = page.content
            # A spent budget ends the paging: the pages after it would only be counted.
            return _next_url(tree, options.next_selector, result.url, ctx) if budget > 0 else None

        async for page in paging.walk(ctx, urls, options.max_pages, load, following, what="列表"):
            result, tree = page.content
            rows = tree.select(options.row_selector)
            ctx.found += len(rows)
            for row in rows:
                link = row.select_one(options.link_selector)
                href = link.get("href") if link is not None else None
                if not isinstance(href, str):
                    ctx.problem("帖子列表行没有链接 (thread row without link)")
                    continue
                try:
                    url = canonical(href, result.url)
                except BadURL as exc:
                    ctx.problem(str(exc))
                    continue
                title = clean(link.get_text(" ", strip=True)) if link is not None else ""
                engagement = Engagement(replies=pages.count(_text(row, options.replies_selector)),
                                        views=pages.count(_text(row, options.views_selector)))
                if not page.first_time(url):
                    continue
                if await ctx.seen(url):
                    yield Candidate(url=url, title=title, text="", engagement=engagement, engagement_only=True)
                    continue
                page.fresh += 1
                if budget <= 0:
                    continue
                budget -= 1
                for candidate in await _thread(ctx, url, title, engagement, _text(row, options.author_selector)):
                    yield candidate
