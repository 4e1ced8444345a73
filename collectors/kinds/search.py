"""``search``: platform searches (微博搜索, 新闻搜索, 贴吧搜索, 留言板) for the office's keyword scheme.

The scheme (``core.keywords``) expands into queries ("灵山县 拆迁"); each query runs through a URL
template with ``{keyword}``, ``{page}`` and ``{offset}``, through the same polite fetcher as every
other kind (robots, per-host limits, backoff, Retry-After). Results are read by a declarative
mapping: HTML rows by CSS selectors, or JSON by the microblog kind's paths.

Schedule: every query runs once per ``cycle_s``; a poll (every ``interval_s``) runs the next slice
of ceil(queries × interval_s / cycle_s) queries, so a scheme of 600 queries is spread over the
cycle instead of hitting a platform 600 times at once. A query pages on until a page holds an item
older than that query's last run (or nothing new, or ``max_pages``).

Deduplication: one item, one id (the canonical URL's hash). Within a poll a result found by several
queries goes out once, carrying every query that found it (``RawItem.queries``); a result this
source or another source (a fixed one) has already published is not sent again.
"""

from __future__ import annotations

import asyncio
import json
import math
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, ClassVar, Literal
from urllib.parse import quote

import msgspec
import yaml

from collectors import dates, pages
from collectors.extract import extract
from collectors.fetch import looks_binary
from collectors.kinds.base import Candidate, PollContext
from collectors.kinds.microblog import Mapping, MicroblogOptions, get, map_response
from collectors.settings import CollectorSettings
from collectors.sources import SourceSpec
from collectors.textnorm import clean, simplified
from collectors.urls import BadURL, canonical
from core import keywords
from core.contracts import Engagement, item_id_for
from core.errors import ConfigError, Failure

TEMPLATES_FILE = Path(__file__).with_name("search_templates.yaml")
ItemKind = Literal["news", "forum", "microblog"]


class HtmlResults(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """One result per ``row``; inside it (CSS selectors, BeautifulSoup): the link and the parts."""

    row: str
    # The element holding the result's address; None: the row itself.
    link: str | None = "a[href]"
    # The attribute with the address (Baidu puts the real one in ``mu``, the href is a redirect).
    link_attr: str = "href"
    title: str | None = None  # None: the link's text
    snippet: str | None = None
    time: str | None = None
    author: str | None = None
    replies: str | None = None
    views: str | None = None
    # [pattern, replacement] (Python re) applied to the absolute address, so a result's link becomes
    # the address a fixed source knows (贴吧: /p/123?pid=456#456 → /p/123): one item, one id.
    link_rewrite: list[str] | None = None

    def __post_init__(self) -> None:
        if self.link_rewrite is not None:
            if len(self.link_rewrite) != 2:
                raise ValueError("link_rewrite must be [pattern, replacement]")
            try:
                re.compile(self.link_rewrite[0])
            except re.error as exc:
                raise ValueError(f"link_rewrite pattern {self.link_rewrite[0]!r}: {exc}") from exc


class Template(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """How one platform is searched and read. Built-ins live in ``search_templates.yaml``."""

    # {keyword}: the query, URL-encoded; {page}: page_start, page_start + 1, …;
    # {offset}: (page - page_start) × page_size
    url: str
    results: Literal["html", "json"]
    html: HtmlResults | None = None
    json: Mapping | None = None
    item_kind: ItemKind = "news"
    page_start: int = 1
    page_size: int = 10
    max_pages: int = 3
    query_encoding: Literal["utf-8", "gb18030"] = "utf-8"
    # What it was built from (shown by the dry run, kept with the template).
    note: str = ""

    def __post_init__(self) -> None:
        if "{keyword}" not in self.url:
            raise ValueError(f"template url {self.url!r} has no {{keyword}}")
        if self.results == "html" and self.html is None:
            raise ValueError("results: html needs an html mapping (row, link, …)")
        if self.results == "json" and self.json is None:
            raise ValueError("results: json needs a json mapping (items, id, text, …)")
        if not 1 <= self.max_pages <= 50:
            raise ValueError("max_pages must be within 1..50")
        if self.max_pages > 1 and "{page}" not in self.url and "{offset}" not in self.url:
            raise ValueError("max_pages > 1 needs {page} or {offset} in the url")
        if self.page_size < 1 or self.page_start < 0:
            raise ValueError("page_size must be >= 1 and page_start >= 0")
        try:
            self.url.format(keyword="x", page=1, offset=0)
        except (KeyError, IndexError, ValueError) as exc:
            raise ValueError(f"template url {self.url!r}: only {{keyword}}, {{page}} and {{offset}} may be used "
                             f"({exc})") from exc


def _load_templates() -> dict[str, Template]:
    raw = yaml.safe_load(TEMPLATES_FILE.read_text(encoding="utf-8"))
    return {name: msgspec.convert(body, Template) for name, body in raw["templates"].items()}


TEMPLATES: dict[str, Template] = _load_templates()


class SearchOptions(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    # The office's keyword scheme (YAML), read at every poll: an edit takes effect at the next poll.
    scheme: str
    template: str | Template = "baidu_news"
    # Only these rules of the scheme (default: every rule with search: true).
    rules: list[str] | None = None
    # Every query runs once per cycle.
    cycle_s: float = 3600.0
    # Overrides of the template's paging.
    max_pages: int | None = None
    # Results older than this are not news any more: dropped (and the first run pages no further).
    lookback_s: float = 3 * 86400.0
    # Keep only results the scheme matches (title and snippet or text): platforms match loosely.
    filter: bool = True
    # Fetch each new result's page for the full text (news search); the snippet stays on failure.
    follow: bool = False

    def __post_init__(self) -> None:
        if isinstance(self.template, str) and self.template not in TEMPLATES:
            raise ValueError(f"template {self.template!r} is not one of {', '.join(TEMPLATES)} "
                             "(or give a template table)")
        if self.cycle_s < 60:
            raise ValueError("cycle_s must be at least 60")
        if self.max_pages is not None and not 1 <= self.max_pages <= 50:
            raise ValueError("max_pages must be within 1..50")
        if self.lookback_s <= 0:
            raise ValueError("lookback_s must be > 0")


def template_of(spec: SourceSpec, options: SearchOptions) -> Template:
    base = TEMPLATES[options.template] if isinstance(options.template, str) else options.template
    changes: dict[str, Any] = {}
    if spec.url:
        changes["url"] = spec.url
    if options.max_pages is not None:
        changes["max_pages"] = options.max_pages
    return msgspec.convert({**msgspec.to_builtins(base), **changes}, Template) if changes else base


def load_scheme(options: SearchOptions) -> keywords.Scheme:
    return keywords.load(options.scheme)


def query_url(template: Template, query: str, page: int) -> str:
    encoded = quote(query.encode(template.query_encoding), safe="")
    return template.url.format(keyword=encoded, page=template.page_start + page, offset=page * template.page_size)


# -- the plan: what a scheme costs --------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Plan:
    queries: list[keywords.Query]
    per_poll: int
    interval_s: float
    cycle_s: float
    max_pages: int
    host_delay_s: float
    poll_timeout_s: float

    @property
    def polls_per_cycle(self) -> int:
        return math.ceil(len(self.queries) / self.per_poll) if self.per_poll else 0

    @property
    def requests_per_hour(self) -> tuple[float, float]:
        """(every query one page, every query max_pages): the range of the search host's load."""
        per_hour = len(self.queries) * 3600.0 / self.cycle_s
        return per_hour, per_hour * self.max_pages

    @property
    def host_capacity_per_hour(self) -> float:
        return math.inf if self.host_delay_s <= 0 else 3600.0 / self.host_delay_s

    @property
    def poll_seconds(self) -> float:
        """The least time one poll takes at the per-host delay, every query paging to the end."""
        return self.per_poll * self.max_pages * self.host_delay_s

    @property
    def fits(self) -> bool:
        return (self.requests_per_hour[1] <= self.host_capacity_per_hour
                and self.poll_seconds <= min(self.interval_s, self.poll_timeout_s))

    def describe(self) -> list[str]:
        low, high = self.requests_per_hour
        lines = [
            f"关键词方案展开为 {len(self.queries)} 个搜索词；每 {self.cycle_s:g}s 每个搜索词搜索一次",
            f"每次采集（每 {self.interval_s:g}s）搜索 {self.per_poll} 个词，{self.polls_per_cycle} 次采集轮完一遍；"
            f"每词最多 {self.max_pages} 页",
            f"对搜索站点: 每小时 {low:,.0f}–{high:,.0f} 次请求（每主机上限 "
            + ("不限" if math.isinf(self.host_capacity_per_hour) else f"{self.host_capacity_per_hour:,.0f}")
            + f" 次/小时，间隔 {self.host_delay_s:g}s）；一次采集至少 {self.poll_seconds:,.1f}s"
            f"（采集超时 {self.poll_timeout_s:g}s）",
            "在每主机限速之内" if self.fits else
            "超出限速或超时：请加大 cycle_s、减小 max_pages 或缩减方案",
        ]
        return lines


def plan(spec: SourceSpec, options: SearchOptions, settings: CollectorSettings,
         scheme: keywords.Scheme | None = None) -> Plan:
    scheme = scheme or load_scheme(options)
    queries = scheme.queries(options.rules)
    per_poll = min(len(queries), max(1, math.ceil(len(queries) * spec.interval_s / options.cycle_s)))
    return Plan(queries, per_poll, spec.interval_s, options.cycle_s, template_of(spec, options).max_pages,
                settings.per_host_delay_s, settings.poll_timeout_s)


# -- reading results ---------------------------------------------------------------------------
def _text(node: Any, selector: str | None) -> str | None:
    if selector is None or node is None:
        return None
    found = node.select_one(selector)
    # No separator: a hit word marked <em>拆迁</em> stays inside its sentence.
    return " ".join(found.get_text().split()) if found is not None else None


def read_html(html: str, page_url: str, mapping: HtmlResults, ctx: PollContext | None = None) -> list[Candidate]:
    out: list[Candidate] = []
    for row in pages.soup(html).select(mapping.row):
        link = row if mapping.link is None else row.select_one(mapping.link)
        href = link.get(mapping.link_attr) if link is not None else None
        if not isinstance(href, str) or not href.strip():
            if ctx is not None:
                ctx.problem("搜索结果行没有链接 (result row without link)")
            continue
        try:
            url = canonical(href, page_url)
            if mapping.link_rewrite:
                url = canonical(re.sub(mapping.link_rewrite[0], mapping.link_rewrite[1], url))
        except BadURL as exc:
            if ctx is not None:
                ctx.problem(str(exc))
            continue
        title = clean(_text(row, mapping.title) if mapping.title else
                      (" ".join(link.get_text().split()) if link is not None else "") or "")
        snippet = clean(_text(row, mapping.snippet) or "")
        raw_time = _text(row, mapping.time)
        published = dates.parse(_datelike(raw_time)) if raw_time else None
        out.append(Candidate(url=url, title=title, text=snippet, author=_text(row, mapping.author),
                             published_at=published,
                             engagement=Engagement(replies=pages.count(_text(row, mapping.replies)),
                                                   views=pages.count(_text(row, mapping.views)))))
    return out


def _datelike(raw: str) -> str:
    """A result's time without the words around it: ``发布时间：2026-11-30 21:14`` → the date."""
    found = re.search(r"\d{4}[-/年.]\d{1,2}[-/月.]\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?"
                      r"|\d+\s*(?:秒|分钟|小时|天)前|(?:今天|昨天|前天)\s*\d{1,2}:\d{2}|刚刚", raw)
    return found.group(0) if found else raw.strip()


def read_json(body: bytes, page_url: str, template: Template,
              ctx: PollContext | None = None) -> list[Candidate] | Failure:
    try:
        doc = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        return Failure(f"不是合法的 JSON ({exc.__class__.__name__}: {page_url})", retry=False)
    assert template.json is not None
    options = MicroblogOptions(mapping=template.json)
    if template.json.ok is not None and isinstance(doc, dict) and not get(doc, template.json.ok):
        # m.weibo.cn answers a search with no results as ok: 0 and no cards: not a failure.
        return []
    return map_response(doc, page_url, options, ctx)


@dataclass(slots=True)
class _Found:
    candidate: Candidate
    queries: list[str] = field(default_factory=list)


class SearchKind:
    name: ClassVar[str] = "search"
    Options: ClassVar[type[msgspec.Struct]] = SearchOptions

    @staticmethod
    def validate(spec: SourceSpec, options: Any) -> None:
        try:
            template = template_of(spec, options)
            scheme = load_scheme(options)
        except (ConfigError, msgspec.ValidationError) as exc:
            raise ValueError(str(exc)) from exc
        if "{keyword}" not in template.url:
            raise ValueError(f"url {template.url!r} has no {{keyword}}")
        if options.rules is not None:
            unknown = [r for r in options.rules if scheme.rule(r) is None]
            if unknown:
                raise ValueError(f"rules {unknown} are not rules of {options.scheme} "
                                 f"({', '.join(r.name for r in scheme.rules)})")
        if not scheme.queries(options.rules):
            raise ValueError(f"{options.scheme}: no rule with search: true expands into a query")

    @staticmethod
    async def poll(ctx: PollContext) -> AsyncIterator[Candidate]:
        options: SearchOptions = ctx.options
        template = template_of(ctx.spec, options)
        try:
            scheme = await asyncio.to_thread(load_scheme, options)
        except ConfigError as exc:
            ctx.fail(Failure(f"关键词方案无效: {exc}", retry=False))
            return
        the_plan = plan(ctx.spec, options, ctx.settings, scheme)
        queries = the_plan.queries
        if not queries:
            ctx.fail(Failure(f"关键词方案没有可搜索的规则 ({options.scheme})", retry=False))
            return
        if not the_plan.fits:
            ctx.problem("搜索方案超出每主机限速或采集超时: " + "；".join(the_plan.describe()[1:3]))
        start = int(ctx.cursor.get("next", 0)) % len(queries)
        chosen = [queries[(start + i) % len(queries)] for i in range(the_plan.per_poll)]
        marks: dict[str, str] = dict(ctx.cursor.get("since", {}))
        now = datetime.now(UTC)
        oldest = now - timedelta(seconds=options.lookback_s)
        found: dict[str, _Found] = {}
        failure: Failure | None = None
        for query in chosen:
            mark = _time(marks.get(query.text)) or oldest
            outcome = await _run_query(ctx, template, options, scheme, query, mark, oldest, found)
            if isinstance(outcome, Failure):
                if outcome.retry_after is not None or "HTTP 429" in outcome.reason:
                    failure = outcome  # the platform asks us to slow down: stop this poll here
                    break
                ctx.problem(f"搜索 “{query.text}” 失败: {outcome.reason}", retry=outcome.retry)
                continue
            marks[query.text] = now.isoformat()
        ids = {item_id_for(url): url for url in found}
        for item_id in await ctx.elsewhere(list(ids)):
            found.pop(ids[item_id], None)  # a fixed source has it already: one item, one id
        budget = ctx.settings.max_articles_per_poll
        for url, hit in found.items():
            candidate = hit.candidate
            if options.follow and budget > 0 and not await ctx.seen(url):
                budget -= 1
                candidate = await _full_text(ctx, candidate)
            yield Candidate(url=url, title=candidate.title, text=candidate.text, author=candidate.author,
                            published_at=candidate.published_at, engagement=candidate.engagement,
                            parent_url=candidate.parent_url, tier=candidate.tier, guid=candidate.guid,
                            queries=tuple(hit.queries), kind=template.item_kind)
        if failure is not None:
            ctx.fail(failure)
            return
        current = {q.text for q in queries}
        ctx.cursor = {"next": (start + len(chosen)) % len(queries),
                      "since": {k: v for k, v in marks.items() if k in current}}


def _time(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


async def _run_query(ctx: PollContext, template: Template, options: SearchOptions, scheme: keywords.Scheme,
                     query: keywords.Query, mark: datetime, oldest: datetime,
                     found: dict[str, _Found]) -> int | Failure:
    """Page through one query's results into ``found``; the number of pages read, or the failure."""
    accept = "application/json, text/plain;q=0.8" if template.results == "json" else None
    for page in range(template.max_pages):
        url = query_url(template, query.text, page)
        result = await ctx.fetch(url, accept=accept)
        if isinstance(result, Failure):
            return result
        if not result.body.strip() or looks_binary(result.body, result.content_type):
            return Failure(f"响应为空或不是文本 (empty or binary body: {url})", retry=True)
        if template.results == "json":
            rows = read_json(result.body, result.url, template, ctx)
            if isinstance(rows, Failure):
                return rows
        else:
            html = pages.page_text(result)
            if isinstance(html, Failure):
                return html
            assert template.html is not None
            rows = read_html(html, result.url, template.html, ctx)
        ctx.found += len(rows)
        if not rows:
            return page + 1  # no (more) results
        fresh = 0
        reached_last_run = False
        for row in rows:
            try:
                key = canonical(row.url)
            except BadURL as exc:
                ctx.problem(str(exc))
                continue
            if row.published_at is not None and row.published_at < mark:
                reached_last_run = True
            if row.published_at is not None and row.published_at < oldest:
                continue
            if key in found:
                if query.text not in found[key].queries:
                    found[key].queries.append(query.text)
                continue
            if options.filter and not scheme.match(simplified(row.title), simplified(row.text)):
                continue
            if await ctx.seen(key):
                continue
            found[key] = _Found(row, [query.text])
            fresh += 1
        if reached_last_run or fresh == 0:
            return page + 1
    return template.max_pages


async def _full_text(ctx: PollContext, candidate: Candidate) -> Candidate:
    page = await ctx.fetch_page(candidate.url)
    if isinstance(page, Failure):
        ctx.problem(f"搜索结果页面抓取失败，保留摘要 ({page.reason})", retry=page.retry)
        return candidate
    _, html = page
    article = await asyncio.to_thread(extract, html)
    if not article.text:
        return candidate
    return Candidate(url=candidate.url, title=candidate.title or article.title, text=article.text,
                     author=candidate.author or article.author,
                     published_at=candidate.published_at or article.published_at,
                     engagement=candidate.engagement, guid=candidate.guid)
