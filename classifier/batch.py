"""``yuqing score``: JSON Lines in, JSON Lines out, one output line per input line, in order."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import IO, Any

import msgspec
import orjson

from classifier.grading import describe
from classifier.scoring import Scorer
from core.contracts import Engagement, RawItem, Source, utcnow

log = logging.getLogger(__name__)
CHUNK = 1000


class InputError(ValueError):
    pass


def _count(row: dict[str, Any], name: str) -> int | None:
    value = row.get(name)
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise InputError(f"{name} must be a whole number, got {value!r}")
    try:
        number = int(float(str(value).replace(",", "")))
    except ValueError as exc:
        raise InputError(f"{name} must be a whole number, got {value!r}") from exc
    if number < 0:
        raise InputError(f"{name} must be >= 0, got {number}")
    return number


def _time(value: Any) -> datetime | None:
    if value in (None, ""):
        return None
    try:
        return msgspec.convert(value, datetime)
    except msgspec.ValidationError as exc:
        raise InputError(f"published_at {value!r} is not an ISO 8601 time (e.g. 2024-05-01T08:00:00+08:00)") \
            from exc


def item_from_row(row: Any, line_no: int) -> RawItem:
    """A RawItem from one input object; :class:`InputError` says what is wrong."""
    if not isinstance(row, dict):
        raise InputError("each line must be a JSON object")
    for name in ("title", "text"):
        if row.get(name) is not None and not isinstance(row[name], str):
            raise InputError(f"{name} must be a string")
    title, text = row.get("title") or "", row.get("text") or ""
    if not (title.strip() or text.strip()):
        raise InputError("标题和正文均为空 (an item needs a title or a text)")
    source_name = str(row.get("source_name") or "batch")
    try:
        source = msgspec.convert({"id": str(row.get("source_id") or source_name), "name": source_name,
                                  "kind": row.get("source_kind") or "replay",
                                  "tier": row.get("source_tier") or "unknown",
                                  "region": row.get("region") or None}, Source)
        return RawItem(id=str(row.get("id") or f"line-{line_no}"), source=source, url=str(row.get("url") or ""),
                       title=title, text=text, published_at=_time(row.get("published_at")), fetched_at=utcnow())
    except msgspec.ValidationError as exc:
        raise InputError(str(exc)) from exc


def _with_engagement(item: RawItem, row: dict[str, Any]) -> RawItem:
    engagement = Engagement(views=_count(row, "views"), replies=_count(row, "replies"),
                            reposts=_count(row, "reposts"), likes=_count(row, "likes"))
    return msgspec.structs.replace(item, engagement=engagement)


def _parse(line: bytes, line_no: int) -> tuple[dict[str, Any] | None, RawItem | str]:
    try:
        row = orjson.loads(line)
    except orjson.JSONDecodeError as exc:
        return None, f"第 {line_no} 行不是合法的 JSON: {exc}"
    try:
        item = item_from_row(row, line_no)
        return row, _with_engagement(item, row)
    except (InputError, ValueError) as exc:
        return row if isinstance(row, dict) else None, f"第 {line_no} 行: {exc}"


def score_lines(scorer: Scorer, lines: Iterable[bytes]) -> Iterator[dict[str, Any]]:
    """One output object per non-blank input line; a bad line gives an object with ``error``."""
    chunk: list[tuple[dict[str, Any] | None, RawItem | str]] = []
    for line_no, line in enumerate(lines, 1):
        if line.strip():
            chunk.append(_parse(line, line_no))
        if len(chunk) >= CHUNK:
            yield from _score_chunk(scorer, chunk)
            chunk = []
    if chunk:
        yield from _score_chunk(scorer, chunk)


def _score_chunk(scorer: Scorer, chunk: list[tuple[dict[str, Any] | None, RawItem | str]]) -> Iterator[dict[str, Any]]:
    items = [item for _, item in chunk if isinstance(item, RawItem)]
    scores = iter(scorer.score(items))
    for row, item in chunk:
        out = dict(row) if row else {}
        if isinstance(item, str):
            out["error"] = item
            log.warning("%s", item, extra={"item": out.get("id")})
            yield out
            continue
        score = next(scores)
        out.update({
            "id": item.id,
            "negativity": score.negativity,
            "emotion": score.emotion,
            "relevance": score.relevance,
            "topic": score.topic,
            "grade": score.grade.level,
            "grade_rank": score.grade.rank,
            "grade_reasons": list(score.grade.reasons),
            "grade_text": describe(score.grade),
            "relevance_reasons": list(score.relevance_reasons),
            "model_version": score.model_version,
            "profile": scorer.profile,
        })
        yield out


def write_lines(rows: Iterable[dict[str, Any]], out: IO[bytes]) -> tuple[int, int]:
    done = failed = 0
    for row in rows:
        out.write(orjson.dumps(row) + b"\n")
        if "error" in row:
            failed += 1
        else:
            done += 1
    out.flush()
    return done, failed
