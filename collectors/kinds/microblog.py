"""``microblog``: JSON APIs mapped to items by a declarative field mapping.

A path is dotted keys with ``[]`` where a list is walked: ``data.cards[].mblog``; ``a|b`` takes
the first that exists. Entries where the
item path leads nowhere (a card without a post) are skipped. The built-in mappings read the
m.weibo.cn responses (timeline, single status, comments); a source may give its own instead.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from typing import Any, ClassVar
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import msgspec

from collectors import dates
from collectors.extract import html_to_text
from collectors.fetch import looks_binary
from collectors.kinds import paging
from collectors.kinds.base import Candidate, PollContext
from collectors.kinds.paging import Page
from collectors.sources import SourceSpec
from core.contracts import Engagement, MediaTier
from core.errors import Failure


class Mapping(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    items: str
    id: str = "id"
    text: str = "text"
    # A title of its own (news search APIs); None: the first sentence of the text.
    title: str | None = None
    created_at: str | None = "created_at"
    author: str | None = "user.screen_name"
    reposts: str | None = "reposts_count"
    comments: str | None = "comments_count"
    likes: str | None = "attitudes_count"
    verified_type: str | None = "user.verified_type"
    # The item's page: a format string over {id}, {item[...]} and {query[...]} (the API URL's query).
    url: str = "https://m.weibo.cn/status/{id}"
    # The page of the item this one answers or reposts, same placeholders.
    parent_url: str | None = None
    # Where the response says it is fine (m.weibo.cn: "ok": 1).
    ok: str | None = "ok"


BUILTIN: dict[str, Mapping] = {
    "weibo_timeline": Mapping(items="data.cards[].mblog"),
    "weibo_status": Mapping(items="data", parent_url="https://m.weibo.cn/status/{item[retweeted_status][id]}"),
    "weibo_comments": Mapping(items="data.data[]", reposts=None, comments=None, likes="like_counts|like_count",
                              url="https://m.weibo.cn/detail/{query[id]}#comment-{id}",
                              parent_url="https://m.weibo.cn/status/{query[id]}"),
}
# Weibo's verified_type: 1 is a government account (政务微博).
DEFAULT_VERIFIED_TIERS: dict[str, MediaTier] = {"1": "government"}


class MicroblogOptions(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    mapping: str | Mapping = "weibo_timeline"
    # More API URLs beside the source's url.
    urls: list[str] = []
    verified_tiers: dict[str, MediaTier] = msgspec.field(default_factory=lambda: dict(DEFAULT_VERIFIED_TIERS))
    title_chars: int = 40
    # Paging: up to max_pages per URL, while a page brings something new. The next page is the
    # response's cursor at next_path sent as next_param (weibo: data.cardlistInfo.since_id →
    # since_id, comments: data.max_id → max_id), or else page_param counted up from the URL's value.
    max_pages: int = 1
    page_param: str = "page"
    next_path: str | None = None
    next_param: str | None = None

    def __post_init__(self) -> None:
        if isinstance(self.mapping, str) and self.mapping not in BUILTIN:
            raise ValueError(f"mapping {self.mapping!r} is not one of {', '.join(BUILTIN)} (or give a mapping table)")
        if not 1 <= self.max_pages <= 50:
            raise ValueError("max_pages must be within 1..50")
        if self.next_path is not None and not self.next_param:
            raise ValueError("next_path needs next_param (the query parameter that carries the cursor)")

    @property
    def resolved(self) -> Mapping:
        return BUILTIN[self.mapping] if isinstance(self.mapping, str) else self.mapping


def walk(doc: Any, path: str) -> Iterator[Any]:
    """Every value at ``path``; ``[]`` walks a list."""
    values = [doc]
    for part in path.split("."):
        many = part.endswith("[]")
        key = part[:-2] if many else part
        nxt: list[Any] = []
        for value in values:
            if key:
                value = value.get(key) if isinstance(value, dict) else None
            if value is None:
                continue
            if many:
                if isinstance(value, list):
                    nxt.extend(v for v in value if v is not None)
            else:
                nxt.append(value)
        values = nxt
    yield from values


def get(doc: Any, path: str | None) -> Any:
    """The first value found; ``a|b`` tries ``a`` then ``b`` (APIs that renamed a field)."""
    if path is None:
        return None
    for choice in path.split("|"):
        value = next(walk(doc, choice.strip()), None)
        if value is not None:
            return value
    return None


def _int(value: Any) -> int | None:
    if isinstance(value, bool) or value is None:
        return None
    from collectors.pages import count, plausible_count

    if isinstance(value, int):
        return plausible_count(value)

    return count(str(value))


def _format(template: str, item: dict, item_id: str, query: dict[str, str]) -> str | None:
    try:
        return template.format(id=item_id, item=item, query=query)
    except (KeyError, IndexError, TypeError, ValueError):
        return None


def title_of(text: str, limit: int) -> str:
    first = text.split("\n", 1)[0]
    for mark in "。！？!?":
        cut = first.find(mark)
        if 0 < cut < limit:
            return first[: cut + 1]
    return first[:limit] + ("…" if len(first) > limit else "")


def map_response(doc: Any, api_url: str, options: MicroblogOptions, ctx: PollContext | None = None) -> list[Candidate]:
    mapping = options.resolved
    query = dict(parse_qsl(urlsplit(api_url).query))
    out: list[Candidate] = []
    # ``a|b`` on the item path: both layouts are read (weibo search mixes single cards and groups).
    found = [item for path in mapping.items.split("|") for item in walk(doc, path.strip())]
    for item in found:
        if not isinstance(item, dict):
            continue
        raw_id = get(item, mapping.id)
        if raw_id in (None, ""):
            if ctx is not None:
                ctx.problem("微博条目缺少 id (item without id)")
            continue
        item_id = str(raw_id)
        text = html_to_text(str(get(item, mapping.text) or ""))
        if not text:
            continue
        url = _format(mapping.url, item, item_id, query)
        if url is None:
            if ctx is not None:
                ctx.problem(f"无法生成条目地址 (url template failed for {item_id})")
            continue
        raw_time = get(item, mapping.created_at)
        published = dates.parse(str(raw_time)) if raw_time not in (None, "") else None
        if raw_time not in (None, "") and published is None and ctx is not None:
            ctx.problem(f"无法识别的日期 {raw_time!r} (invalid date on {item_id})")
        verified = get(item, mapping.verified_type)
        tier = options.verified_tiers.get(str(verified)) if verified is not None else None
        parent = _format(mapping.parent_url, item, item_id, query) if mapping.parent_url else None
        author = get(item, mapping.author)
        title = html_to_text(str(get(item, mapping.title) or "")) if mapping.title else ""
        out.append(Candidate(
            url=url, title=title or title_of(text, options.title_chars), text=text,
            author=str(author) if author is not None else None, published_at=published,
            engagement=Engagement(reposts=_int(get(item, mapping.reposts)), replies=_int(get(item, mapping.comments)),
                                  likes=_int(get(item, mapping.likes))),
            parent_url=parent, tier=tier, guid=item_id))
    return out


class MicroblogKind:
    name: ClassVar[str] = "microblog"
    Options: ClassVar[type[msgspec.Struct]] = MicroblogOptions

    @staticmethod
    def validate(spec: SourceSpec, options: Any) -> None:
        if not spec.url and not options.urls:
            raise ValueError("kind microblog needs url or options.urls")

    @staticmethod
    async def poll(ctx: PollContext) -> AsyncIterator[Candidate]:
        options: MicroblogOptions = ctx.options
        mapping = options.resolved
        urls = ([ctx.spec.url] if ctx.spec.url else []) + list(options.urls)

        async def load(api_url: str, number: int) -> Any | Failure | None:
            result = await ctx.fetch(api_url, accept="application/json, text/plain;q=0.8")
            if isinstance(result, Failure):
                return result
            if not result.body.strip() or looks_binary(result.body, result.content_type):
                ctx.fail(Failure(f"响应为空或不是文本 (empty or binary body: {api_url})", retry=True))
                return None
            try:
                doc = json.loads(result.body)
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                ctx.fail(Failure(f"不是合法的 JSON ({exc.__class__.__name__}: {api_url})", retry=False))
                return None
            if mapping.ok is not None and isinstance(doc, dict) and not get(doc, mapping.ok):
                if number == 0:
                    ctx.fail(Failure(f"接口返回失败 ({mapping.ok} = {get(doc, mapping.ok)!r}: {api_url})",
                                     retry=True))
                return None  # weibo answers a page past the end with ok: 0
            return doc

        def following(page: Page[Any]) -> str | None:
            return next_page(page.url, page.content, options)

        async for page in paging.walk(ctx, urls, options.max_pages, load, following):
            candidates = map_response(page.content, page.url, options, ctx)
            ctx.found += len(candidates)
            for candidate in candidates:
                if not page.first_time(candidate.url):
                    continue
                if not await ctx.seen(candidate.url):
                    page.fresh += 1
                yield candidate


def next_page(api_url: str, doc: Any, options: MicroblogOptions) -> str | None:
    """The URL of the page after ``api_url``'s, or None when the response says there is none."""
    parts = urlsplit(api_url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    if options.next_path is not None:
        cursor = get(doc, options.next_path)
        if cursor in (None, "", 0, "0"):
            return None
        param, value = str(options.next_param), str(cursor)
    else:
        try:
            current = int(dict(query).get(options.page_param, "1"))
        except ValueError:
            return None
        param, value = options.page_param, str(current + 1)
    query = [(k, v) for k, v in query if k != param] + [(param, value)]
    return urlunsplit(parts._replace(query=urlencode(query)))
