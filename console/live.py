"""Live updates of the inbox, pushed as server-sent events (``GET /inbox/events``).

The router is another process (several, on PostgreSQL), so a change is seen in the store: one
watcher per console process asks it every ``live_poll_seconds`` for a cheap fingerprint of the
cases table (highest id, latest update, count). When the fingerprint moves, every open stream
computes its reader's own count of 未签收 cases (within their scope) and sends it; the page
then fetches its rows and puts the count in the tab title. One query per interval for the whole
process, one scoped count per reader per change, nothing while nothing changes.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import AsyncIterator, Callable
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from console.access import scope
from console.inbox import UNSIGNED
from console.roles import Principal
from store.tables import CaseRow

log = logging.getLogger(__name__)
# A stream ends after this long and the browser reconnects (sessions are checked again, and a
# server shutting down never waits long for open streams).
STREAM_SECONDS = 300.0
HEARTBEAT_SECONDS = 15.0
# The watcher stops when no stream has waited on it this long (streams wait at least every heartbeat).
IDLE_SECONDS = 2 * HEARTBEAT_SECONDS


def unsigned_count(session: Session, principal: Principal) -> int:
    """The person's 未签收 cases (their department's, for a handler)."""
    query = scope(select(func.count()).select_from(CaseRow).where(CaseRow.status.in_(UNSIGNED)), principal)
    return session.scalar(query) or 0


def fingerprint(session: Session) -> tuple[Any, ...]:
    row = session.execute(select(func.max(CaseRow.id), func.max(CaseRow.updated_at), func.count())
                          .select_from(CaseRow)).one()
    return tuple(row)


class LiveFeed:
    """The process's watcher of the cases table and the streams waiting on it."""

    def __init__(self, sessions: Callable[[], Session], poll_seconds: float) -> None:
        self._sessions = sessions
        self._poll = poll_seconds
        self._changed = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self.version = 0
        self._last: tuple[Any, ...] | None = None
        self._last_wait = 0.0
        self.closed = False

    def _read(self) -> tuple[Any, ...]:
        with self._sessions() as session:
            return fingerprint(session)

    async def _watch(self) -> None:
        while not self.closed:
            try:
                current = await run_in_threadpool(self._read)
            except SQLAlchemyError as exc:
                log.warning("live feed: store unavailable (%s), retrying", type(exc).__name__)
                current = self._last
            if current != self._last:
                self._last = current
                self.version += 1
                changed, self._changed = self._changed, asyncio.Event()
                changed.set()
            await asyncio.sleep(self._poll)
            if asyncio.get_running_loop().time() - self._last_wait > IDLE_SECONDS:
                return  # nobody is listening: no queries until the next stream starts it again

    def _ensure_running(self) -> None:
        loop = asyncio.get_running_loop()
        if self._loop is not loop:
            # A new event loop (the server restarted in this process, or a test client): start afresh.
            self._loop, self._task, self._changed = loop, None, asyncio.Event()
        if self._task is None or self._task.done():
            self._task = loop.create_task(self._watch(), name="console-live-feed")

    async def wait(self, seen: int, timeout: float) -> int:
        """The version after the next change (or the same one after ``timeout``)."""
        self._last_wait = asyncio.get_running_loop().time()
        self._ensure_running()
        if self.version != seen:
            return self.version
        changed = self._changed
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(changed.wait(), timeout)
        return self.version

    def touch(self) -> None:
        """A stream is still listening (also after a long wait)."""
        self._last_wait = asyncio.get_running_loop().time()

    async def close(self) -> None:
        self.closed = True
        self._changed.set()
        if self._task is not None and self._loop is asyncio.get_running_loop():
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None


def event(name: str, data: dict[str, Any]) -> str:
    return f"event: {name}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


async def stream(feed: LiveFeed, count: Callable[[], int], disconnected: Callable[[], Any],
                 *, retry_ms: int = 2000, seconds: float = STREAM_SECONDS) -> AsyncIterator[str]:
    """The events of one reader: the count at once, then after every change; comments keep it open."""
    loop = asyncio.get_running_loop()
    ends = loop.time() + seconds
    seen = feed.version
    last_count: int | None = None
    yield f"retry: {retry_ms}\n\n"
    while not feed.closed and loop.time() < ends:
        unsigned = await run_in_threadpool(count)
        if unsigned != last_count or seen != feed.version:
            yield event("cases", {"unsigned": unsigned, "version": feed.version})
            last_count = unsigned
        seen = feed.version
        version = await feed.wait(seen, min(HEARTBEAT_SECONDS, max(0.1, ends - loop.time())))
        feed.touch()
        if await disconnected():
            return
        if version == seen:
            yield ": keep-alive\n\n"
