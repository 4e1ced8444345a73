"""``replay``: items from recorded files, for demos, backfills and tests.

``format: jsonl`` reads one item per line (a full RawItem, or just url/title/text with optional
author, published_at and engagement); ``format: rss`` reads a saved feed. Lines that do not fit
are reported with their line number and skipped.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any, ClassVar, Literal

import msgspec

from collectors import dates, feeds
from collectors.kinds.base import Candidate, PollContext
from collectors.kinds.rss import entries_to_candidates
from collectors.sources import SourceSpec
from collectors.textnorm import clean
from core.contracts import Engagement


class ReplayOptions(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    path: str
    format: Literal["jsonl", "rss"] = "jsonl"


class _Line(msgspec.Struct, frozen=True):
    url: str
    title: str = ""
    text: str = ""
    author: str | None = None
    published_at: str | None = None
    engagement: Engagement = Engagement()
    parent_url: str | None = None


def _read_jsonl(ctx: PollContext, data: bytes) -> list[Candidate]:
    decoder = msgspec.json.Decoder(_Line)
    out: list[Candidate] = []
    for number, raw in enumerate(data.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            line = decoder.decode(raw)
        except (msgspec.ValidationError, msgspec.DecodeError) as exc:
            ctx.problem(f"第 {number} 行无法读取 (line {number}: {exc})")
            continue
        published = dates.parse(line.published_at) if line.published_at else None
        if line.published_at and published is None:
            ctx.problem(f"第 {number} 行日期无法识别 ({line.published_at!r})")
        title, text = clean(line.title), clean(line.text)
        if not (title or text):
            ctx.problem(f"第 {number} 行没有标题和正文")
            continue
        out.append(Candidate(url=line.url, title=title, text=text, author=line.author, published_at=published,
                             engagement=line.engagement, parent_url=line.parent_url))
    return out


class ReplayKind:
    name: ClassVar[str] = "replay"
    Options: ClassVar[type[msgspec.Struct]] = ReplayOptions

    @staticmethod
    def validate(spec: SourceSpec, options: Any) -> None:
        if not options.path:
            raise ValueError("kind replay needs options.path")

    @staticmethod
    async def poll(ctx: PollContext) -> AsyncIterator[Candidate]:
        from core.errors import Failure

        path = Path(ctx.options.path)
        try:
            data = await asyncio.to_thread(path.read_bytes)
        except OSError as exc:
            ctx.fail(Failure(f"回放文件无法读取 ({path}: {exc.strerror})", retry=True))
            return
        if ctx.options.format == "rss":
            # A saved feed has no response; its relative links resolve against the source's url, if given.
            feed = feeds.parse(data, url=ctx.spec.url)
            if feed.malformed and not feed.entries:
                ctx.fail(Failure(f"回放订阅源格式错误 ({feed.malformed})", retry=False))
                return
            candidates = entries_to_candidates(ctx, feed, path.as_uri())
        else:
            candidates = _read_jsonl(ctx, data)
        ctx.found = len(candidates)
        for candidate in candidates:
            yield candidate
