"""HTTP fetching with manners: robots.txt, per-host concurrency and delay, timeouts, retries with
backoff and jitter (429/503 Retry-After honoured), a size cap and bounded redirects.

Every outcome is a value: :class:`Fetched` or a :class:`core.errors.Failure` saying why and
whether a later try makes sense. Nothing here raises for a bad site.
"""

from __future__ import annotations

import asyncio
import email.utils
import logging
import random
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

import httpx

from collectors import encoding
from collectors.robots import RobotsCache
from collectors.settings import CollectorSettings
from collectors.urls import host_of
from core.errors import Failure

log = logging.getLogger(__name__)

_REDIRECTS = {301, 302, 303, 307, 308}
_RETRY_STATUS = {408, 425, 429, 500, 502, 503, 504}
_BINARY_TYPES = ("image/", "video/", "audio/", "font/", "application/octet-stream", "application/zip",
                 "application/pdf", "application/x-", "application/vnd.")


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str
    status: int
    headers: dict[str, str]
    body: bytes
    not_modified: bool = False

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")


def looks_binary(body: bytes, content_type: str = "") -> bool:
    """Images, archives and other bytes that are not text, whatever the URL promised.

    A stray NUL in a page, or a UTF-16 document (half its bytes NUL), is still text.
    """
    if content_type.lower().startswith(_BINARY_TYPES):
        return True
    head = body[:2048]
    if head.startswith((b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"%PDF", b"\x1f\x8b", b"BZh",
                        b"\xfd7zXZ", b"7z\xbc\xaf")):
        return True
    if encoding.utf16_variant(head) is not None:
        return False
    controls = sum(1 for byte in head if byte < 9 or (13 < byte < 32 and byte != 27))
    return controls > max(4, len(head) // 10)


# A Retry-After beyond this (``Wed, 21 Oct 2099``, 10**9 seconds) is read as this: the source is
# asked again within the hour rather than silenced for decades.
MAX_RETRY_AFTER_S = 3600.0


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta or HTTP date), capped at MAX_RETRY_AFTER_S."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value[:12]), MAX_RETRY_AFTER_S)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return min(MAX_RETRY_AFTER_S, max(0.0, when.timestamp() - (now if now is not None else time.time())))


@dataclass(slots=True)
class _Host:
    semaphore: asyncio.Semaphore
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    next_at: float = 0.0


class Fetcher:
    """One per service (per event loop): shares connections and per-host limits across sources."""

    def __init__(self, settings: CollectorSettings, transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.settings = settings
        timeout = httpx.Timeout(connect=settings.connect_timeout_s, read=settings.read_timeout_s,
                                write=settings.read_timeout_s, pool=settings.poll_timeout_s)
        limits = httpx.Limits(max_connections=settings.concurrency,
                              max_keepalive_connections=min(settings.concurrency, 100))
        self._client = httpx.AsyncClient(
            timeout=timeout, limits=limits, follow_redirects=False, proxy=settings.proxy,
            headers={"User-Agent": settings.user_agent, "Accept-Encoding": "gzip, deflate",
                     "Accept-Language": "zh-CN,zh;q=0.9,zh-TW;q=0.8"},
            transport=transport, trust_env=False)
        self._global = asyncio.Semaphore(settings.concurrency)
        self._hosts: dict[str, _Host] = {}
        self.robots = RobotsCache(self, settings.user_agent)

    async def close(self) -> None:
        await self._client.aclose()

    def _host(self, url: str) -> _Host:
        key = host_of(url)
        host = self._hosts.get(key)
        if host is None:
            host = self._hosts[key] = _Host(asyncio.Semaphore(self.settings.per_host_concurrency))
        return host

    async def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
                  check_robots: bool = True, accept: str | None = None) -> Fetched | Failure:
        """GET ``url`` politely; follow at most ``max_redirects`` redirects, each checked again."""
        seen: set[str] = set()
        current = url
        for _ in range(self.settings.max_redirects + 1):
            if current in seen:
                return Failure(f"重定向循环 (redirect loop at {current})", retry=False)
            seen.add(current)
            if urlsplit(current).scheme not in ("http", "https"):
                return Failure(f"不支持的地址 (unsupported URL {current})", retry=False)
            if check_robots and self.settings.respect_robots:
                allowed = await self.robots.allowed(current)
                if isinstance(allowed, Failure):
                    return allowed
                if not allowed:
                    return Failure(f"robots.txt 禁止抓取 (disallowed by robots.txt: {current})", retry=False)
            result = await self._get_with_retries(current, etag, last_modified, accept)
            if isinstance(result, Failure):
                return result
            if result.status in _REDIRECTS:
                location = result.headers.get("location")
                if not location:
                    return Failure(f"重定向缺少 Location (redirect {result.status} without Location)", retry=False)
                current = urljoin(current, location)
                continue
            return result
        return Failure(f"重定向次数超过 {self.settings.max_redirects} (too many redirects from {url})", retry=False)

    async def _get_with_retries(self, url: str, etag: str | None, last_modified: str | None,
                                accept: str | None) -> Fetched | Failure:
        attempt = 0
        while True:
            result = await self._get_once(url, etag, last_modified, accept)
            failure = result if isinstance(result, Failure) else None
            if failure is None:
                assert isinstance(result, Fetched)
                if result.status < 400 or result.status == 304:
                    return result
                failure = self._status_failure(result)
            if not failure.retry or attempt >= self.settings.retries:
                return failure
            wait = failure.retry_after
            if wait is not None and wait > self.settings.max_retry_after_s:
                return failure  # the caller keeps it and polls again later
            if wait is None:
                wait = min(self.settings.backoff_max_s, self.settings.backoff_base_s * 2 ** attempt)
                wait *= 0.5 + random.random()
            attempt += 1
            log.info("retrying %s in %.2fs after: %s", url, wait, failure.reason)
            await asyncio.sleep(wait)

    def _status_failure(self, result: Fetched) -> Failure:
        status = result.status
        if status in _RETRY_STATUS:
            # The wait applies to the source that asked (its next poll), not to the host: one
            # source's Retry-After must not hold the other sources of the same site.
            wait = retry_after_seconds(result.headers.get("retry-after"))
            return Failure(f"HTTP {status} ({result.url})", retry=True, retry_after=wait)
        return Failure(f"HTTP {status} ({result.url})", retry=False)

    async def _get_once(self, url: str, etag: str | None, last_modified: str | None,
                        accept: str | None) -> Fetched | Failure:
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        if accept:
            headers["Accept"] = accept
        host = self._host(url)
        async with host.semaphore:
            # The per-host delay is waited for before a global slot is taken, so a polite pause on
            # one host never keeps the other hosts' requests waiting.
            await self._wait_turn(host)
            async with self._global:
                return await self._request(url, headers, host)

    async def _request(self, url: str, headers: dict[str, str], host: _Host) -> Fetched | Failure:
        try:
            return await asyncio.wait_for(self._stream(url, headers), self._deadline())
        except (TimeoutError, httpx.TimeoutException):
            return Failure(f"超时 (timeout fetching {url})", retry=True)
        except httpx.TooManyRedirects:  # pragma: no cover - redirects are followed by hand
            return Failure(f"重定向过多 ({url})", retry=False)
        except (httpx.TransportError, httpx.DecodingError, OSError) as exc:
            return Failure(f"连接失败 ({type(exc).__name__}: {exc} at {url})", retry=True)
        except httpx.InvalidURL as exc:
            return Failure(f"地址无效 ({exc}: {url})", retry=False)
        finally:
            host.next_at = max(host.next_at, time.monotonic() + self.settings.per_host_delay_s)

    def _deadline(self) -> float:
        # A server trickling one byte per read timeout must not hold a worker forever.
        return self.settings.connect_timeout_s + 3 * self.settings.read_timeout_s

    async def _wait_turn(self, host: _Host) -> None:
        # Take the next turn under the lock, sleep for it outside: the lock is never held asleep.
        async with host.lock:
            now = time.monotonic()
            turn = max(host.next_at, now)
            host.next_at = turn + self.settings.per_host_delay_s
        if turn > now:
            await asyncio.sleep(turn - now)

    async def _stream(self, url: str, headers: dict[str, str]) -> Fetched | Failure:
        cap = self.settings.max_bytes
        async with self._client.stream("GET", url, headers=headers) as response:
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > cap:
                return Failure(f"响应过大 ({declared} bytes > cap {cap}: {url})", retry=False)
            chunks: list[bytes] = []
            size = 0
            async for chunk in response.aiter_bytes():
                size += len(chunk)
                if size > cap:
                    return Failure(f"响应过大 (more than {cap} bytes: {url})", retry=False)
                chunks.append(chunk)
            return Fetched(url=str(response.url), status=response.status_code,
                           headers={k.lower(): v for k, v in response.headers.items()},
                           body=b"".join(chunks), not_modified=response.status_code == 304)


def fetched_at() -> datetime:
    return datetime.now(UTC)
