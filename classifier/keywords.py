"""The office's keyword scheme in scoring: a rule that holds raises relevance, and its words go into
the reasons of the relevance and of the grade, so the case says why ("命中关键词: 灵山县 + 拆迁").

The scorer calls :meth:`KeywordScorer.apply` once per item after its own relevance and
:meth:`KeywordScorer.graded` on the grade; without a scheme both change nothing.
"""

from __future__ import annotations

import logging
from pathlib import Path

import msgspec

from core import keywords
from core.contracts import Grade
from core.errors import ConfigError

log = logging.getLogger(__name__)

# A rule of the office's own scheme is as strong as a mention of the office itself.
WEIGHT = 0.85


class KeywordScorer:
    def __init__(self, scheme: keywords.Scheme | None = None, path: Path | None = None) -> None:
        self.scheme = scheme
        self.path = path
        self._stamp = _stamp(path)

    @classmethod
    def load(cls, path: str) -> KeywordScorer:
        """The scheme of ``[classifier] keywords`` (none when empty); ConfigError when it is invalid."""
        return cls(keywords.load(Path(path)), Path(path)) if path else cls()

    def refresh(self) -> bool:
        """Read the file again when it changed; True when the new scheme is in use. A broken edit is
        logged and the scheme in use stays (the office sees the error in `yuqing check` and the console)."""
        if self.path is None:
            return False
        stamp = _stamp(self.path)
        if stamp == self._stamp:
            return False
        self._stamp = stamp
        try:
            self.scheme = keywords.load(self.path)
        except ConfigError as exc:
            log.error("keyword scheme %s not reloaded, the previous one stays in use: %s", self.path, exc)
            return False
        log.info("keyword scheme reloaded from %s", self.path)
        return True

    def apply(self, title: str, text: str, relevance: float,
              reasons: list[str]) -> tuple[float, list[str], tuple[str, ...]]:
        """Relevance raised by the scheme's hits, the reasons with them, and the hits' reasons alone."""
        if self.scheme is None:
            return relevance, reasons, ()
        hits = tuple(hit.reason for hit in self.scheme.match(title, text))
        if not hits:
            return relevance, reasons, ()
        raised = round(1.0 - (1.0 - min(max(relevance, 0.0), 1.0)) * (1.0 - WEIGHT), 4)
        return raised, [*reasons, *hits], hits

    @staticmethod
    def graded(grade: Grade, hits: tuple[str, ...]) -> Grade:
        """The grade with the keyword hits among its reasons (what the router puts on the case)."""
        extra = tuple(h for h in hits if h not in grade.reasons)
        return msgspec.structs.replace(grade, reasons=(*grade.reasons, *extra)) if extra else grade


def _stamp(path: Path | None) -> tuple[int, int] | None:
    try:
        info = path.stat() if path is not None else None
    except OSError:
        return None
    return None if info is None else (info.st_mtime_ns, info.st_size)
