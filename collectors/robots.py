"""robots.txt per host, cached, read with the standard library's parser (RFC 9309 rules for errors)."""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING
from urllib.robotparser import RobotFileParser

from collectors.urls import host_of
from core.errors import Failure

if TYPE_CHECKING:
    from collectors.fetch import Fetcher

log = logging.getLogger(__name__)
TTL_S = 3600.0


class RobotsCache:
    def __init__(self, fetcher: Fetcher, user_agent: str) -> None:
        self._fetcher = fetcher
        self._agent = user_agent.split("/")[0]
        self._cache: dict[str, tuple[float, RobotFileParser | bool]] = {}

    async def allowed(self, url: str) -> bool | Failure:
        host = host_of(url)
        cached = self._cache.get(host)
        if cached is None or cached[0] < time.monotonic():
            rules = await self._load(host)
            if isinstance(rules, Failure):
                return rules
            cached = self._cache[host] = (time.monotonic() + TTL_S, rules)
        rules = cached[1]
        if isinstance(rules, bool):
            return rules
        return rules.can_fetch(self._agent, url)

    async def _load(self, host: str) -> RobotFileParser | bool | Failure:
        result = await self._fetcher.get(f"{host}/robots.txt", check_robots=False)
        if isinstance(result, Failure):
            if not result.retry:
                return True  # RFC 9309: an unavailable (4xx) robots.txt allows everything
            # Unreachable robots.txt (5xx, network): RFC 9309 says assume complete disallow.
            return Failure(f"robots.txt 无法读取 ({result.reason})", retry=True, retry_after=result.retry_after)
        parser = RobotFileParser()
        parser.parse(result.body.decode("utf-8", "replace").splitlines())
        return parser
