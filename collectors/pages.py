"""Fetched HTML to text or a BeautifulSoup tree, with the failures every HTML kind shares."""

from __future__ import annotations

from bs4 import BeautifulSoup

from collectors import encoding
from collectors.fetch import Fetched, looks_binary
from core.contracts import MAX_COUNT
from core.errors import Failure


def page_text(result: Fetched) -> str | Failure:
    """The decoded page, or why it is not a page worth parsing."""
    if not result.body.strip():
        return Failure(f"响应为空 (empty body: {result.url})", retry=True)
    if looks_binary(result.body, result.content_type):
        return Failure(f"响应是二进制内容 (binary body, {result.content_type or 'no type'}: {result.url})",
                       retry=False)
    return encoding.decode(result.body, result.content_type).text


def soup(html: str) -> BeautifulSoup:
    """BeautifulSoup for list pages and selectors (few per poll, so its speed does not matter)."""
    return BeautifulSoup(html, "html.parser")


def count(text: str | None) -> int | None:
    """``1,234`` / ``1.2万`` / ``3亿`` / ``回复 56`` as an int; None when there is no number."""
    if not text:
        return None
    import re

    found = re.search(r"(\d+(?:[.,]\d+)*)\s*(万|w|亿|k)?", text.replace(",", ""), re.IGNORECASE)
    if not found:
        return None
    value = float(found.group(1))
    unit = (found.group(2) or "").lower()
    value *= {"万": 10_000, "w": 10_000, "亿": 100_000_000, "k": 1_000}.get(unit, 1)
    return plausible_count(value)


def plausible_count(value: float | int | None) -> int | None:
    """A count the contract accepts, or None: a page showing 99999999999999999999 views shows garbage."""
    if value is None or value != value or not 0 <= value <= MAX_COUNT:
        return None
    return int(value)
