"""Paging shared by the kinds that read lists newest first (forum thread lists, microblog timelines).

From each first address, pages are read up to ``max_pages`` while a page brings something not seen
before: the pages after one that brought nothing new are older still. A page that fails to load
ends the poll when it is the first of its address, and only the paging otherwise (what came before
it is kept). An address already read in this poll is not read again.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from collectors.kinds.base import PollContext
from core.errors import Failure

T = TypeVar("T")


@dataclass(slots=True)
class Page(Generic[T]):
    """One page as the kind loaded it; the kind counts on it what was new."""

    url: str
    number: int  # 0 for the first page of its address
    content: T
    fresh: int = 0
    _met: set[str] = field(default_factory=set, repr=False)

    def first_time(self, key: str) -> bool:
        """True the first time this poll meets ``key``; an entry may move to the next page while
        the pages are read, and is sent once."""
        if key in self._met:
            return False
        self._met.add(key)
        return True


async def walk(ctx: PollContext, first_urls: Iterable[str], max_pages: int,
               load: Callable[[str, int], Awaitable[T | Failure | None]],
               following: Callable[[Page[T]], str | None], what: str = "") -> AsyncIterator[Page[T]]:
    """The pages of every address in ``first_urls``, each handed to the kind before the next is loaded.

    ``load`` reads one page (its address, its number from 0): its content, a Failure of the fetch,
    or None when there is no such page (after ``ctx.fail`` when the poll cannot go on).
    ``following`` gives the address of the page after one whose entries brought something new
    (``fresh``), or None on the last page. ``what`` names the pages in a failed page's problem.
    """
    met: set[str] = set()
    done: set[str] = set()
    for first_url in first_urls:
        url: str | None = first_url
        for number in range(max_pages):
            if url is None or url in done:
                break
            done.add(url)
            content = await load(url, number)
            if isinstance(content, Failure):
                if number == 0:
                    ctx.fail(content)
                    return
                ctx.problem(f"{what}翻页失败，已停止翻页 ({content.reason})", retry=content.retry)
                break
            if ctx.failure is not None:
                return
            if content is None:
                break
            page = Page(url, number, content, _met=met)
            yield page
            if not page.fresh:
                break  # nothing new here: the pages after it are older still
            url = following(page)
