"""The one interface every source kind implements, and what a poll hands back."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, ClassVar, Protocol

import msgspec

from collectors import pages
from collectors.fetch import Fetched, Fetcher
from collectors.settings import CollectorSettings
from collectors.sources import SourceSpec
from core.contracts import Engagement, MediaTier, SourceKind
from core.errors import Failure


@dataclass(frozen=True, slots=True)
class Candidate:
    """An item as a kind found it, before canonical URL, id, hash and revision are worked out."""

    url: str
    title: str
    text: str
    author: str | None = None
    published_at: datetime | None = None
    engagement: Engagement = field(default_factory=Engagement)
    # The URL of the thread a reply belongs to.
    parent_url: str | None = None
    region_hints: tuple[str, ...] = ()
    tier: MediaTier | None = None
    # The source's own id (RSS guid, weibo mid): duplicates within one poll are reported.
    guid: str | None = None
    # Only the engagement was re-read (a thread list): update the stored item, never create one.
    engagement_only: bool = False
    # A search result: the queries of the keyword scheme that found it, and what kind of item it is
    # (a weibo found by search is a microblog post for grading, not a "search").
    queries: tuple[str, ...] = ()
    kind: SourceKind | None = None


@dataclass(slots=True)
class PollContext:
    """What a kind gets for one poll: the fetcher, its cursor, and a place to report problems."""

    spec: SourceSpec
    options: Any
    settings: CollectorSettings
    fetcher: Fetcher
    etag: str | None = None
    last_modified: str | None = None
    cursor: dict[str, Any] = field(default_factory=dict)
    # Set by the service: has this canonical URL been published already?
    is_seen: Callable[[str], Awaitable[bool]] | None = None
    # Set by the service: which of these item ids another source has published already.
    published_elsewhere: Callable[[list[str]], Awaitable[set[str]]] | None = None
    # Problems that do not end the poll (one bad entry, one article that failed).
    problems: list[Failure] = field(default_factory=list)
    # A problem that ended the poll.
    failure: Failure | None = None
    # How many entries the parser found (0 on a page that used to have some means it broke).
    found: int = 0
    not_modified: bool = False

    def problem(self, reason: str, retry: bool = False) -> None:
        self.problems.append(Failure(reason, retry=retry))

    def fail(self, failure: Failure) -> None:
        self.failure = failure

    async def fetch(self, url: str, *, conditional: bool = False, accept: str | None = None) -> Fetched | Failure:
        if conditional:
            return await self.fetcher.get(url, etag=self.etag, last_modified=self.last_modified, accept=accept)
        return await self.fetcher.get(url, accept=accept)

    async def fetch_page(self, url: str) -> tuple[Fetched, str] | Failure:
        """A page fetched and decoded to text, or the failure of either step."""
        result = await self.fetch(url)
        if isinstance(result, Failure):
            return result
        html = pages.page_text(result)
        return html if isinstance(html, Failure) else (result, html)

    async def seen(self, url: str) -> bool:
        return False if self.is_seen is None else await self.is_seen(url)

    async def elsewhere(self, item_ids: list[str]) -> set[str]:
        return set() if self.published_elsewhere is None or not item_ids else await self.published_elsewhere(item_ids)


class Kind(Protocol):
    """A source kind: registered once in :data:`collectors.kinds.REGISTRY`."""

    name: ClassVar[str]
    Options: ClassVar[type[msgspec.Struct]]

    @staticmethod
    def validate(spec: SourceSpec, options: Any) -> None:
        """Raise ValueError when the source cannot work (e.g. no URL)."""

    @staticmethod
    def poll(ctx: PollContext) -> AsyncIterator[Candidate]:
        """Yield what the source has now; report problems on ``ctx``; never raise for bad input."""
