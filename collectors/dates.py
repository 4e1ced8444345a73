"""Publication times as sources write them, read as aware datetimes (China time unless stated).

An unreadable or impossible time gives ``None``: the item is kept, the time is not invented.
"""

from __future__ import annotations

import email.utils
import re
import time
from datetime import UTC, datetime, timedelta, timezone, tzinfo

CHINA = timezone(timedelta(hours=8), "Asia/Shanghai")
EARLIEST = datetime(1990, 1, 1, tzinfo=UTC)
_CN_FULL = re.compile(
    r"(\d{4})\s*[年/\-.]\s*(\d{1,2})\s*[月/\-.]\s*(\d{1,2})\s*日?(?:[\sT]*(\d{1,2})\s*[:时點点]\s*(\d{1,2})"
    r"(?:\s*[:分]\s*(\d{1,2}))?)?")
_MONTH_DAY = re.compile(r"^(\d{1,2})[-月/](\d{1,2})日?(?:\s+(\d{1,2}):(\d{2}))?$")
_AGO = re.compile(r"^(\d+)\s*(秒|分钟|小时|天)前$")
_DAYWORD = re.compile(r"^(今天|昨天|前天)\s*(\d{1,2}):(\d{2})$")
_TZ = re.compile(r"([+-])(\d{2}):?(\d{2})$")


def plausible(value: datetime | None, now: datetime | None = None, assume: tzinfo = CHINA) -> datetime | None:
    """``value`` if it lies between 1990 and a day from now, else None."""
    if value is None:
        return None
    now = now or datetime.now(UTC)
    if value.tzinfo is None:
        value = value.replace(tzinfo=assume)
    if value < EARLIEST or value > now + timedelta(days=1):
        return None
    return value


def from_struct(value: time.struct_time | None) -> datetime | None:
    """feedparser's ``*_parsed`` fields are UTC struct_times."""
    if value is None:
        return None
    try:
        return plausible(datetime(*value[:6], tzinfo=UTC))
    except (ValueError, TypeError, OverflowError):
        return None


def parse(text: str | None, now: datetime | None = None, assume: tzinfo = CHINA) -> datetime | None:
    """``assume``: the zone of a time written without one (China time on Chinese pages)."""
    if not text:
        return None
    text = text.strip()
    now = now or datetime.now(UTC)
    local_now = now.astimezone(CHINA)
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
        return plausible(value, now, assume)
    except ValueError:
        pass  # not ISO 8601: try the forms below
    try:
        value = email.utils.parsedate_to_datetime(text)
        if value is not None:
            return plausible(value, now, assume)
    except (TypeError, ValueError, IndexError):
        pass  # not RFC 2822
    try:
        # m.weibo.cn: "Sat Jun 15 10:00:00 +0800 2019"
        return plausible(datetime.strptime(text, "%a %b %d %H:%M:%S %z %Y"), now)
    except ValueError:
        pass
    if text == "刚刚":
        return now
    found = _AGO.match(text)
    if found:
        amount, unit = int(found.group(1)), found.group(2)
        delta = {"秒": timedelta(seconds=amount), "分钟": timedelta(minutes=amount),
                 "小时": timedelta(hours=amount), "天": timedelta(days=amount)}[unit]
        return now - delta
    found = _DAYWORD.match(text)
    if found:
        back = {"今天": 0, "昨天": 1, "前天": 2}[found.group(1)]
        day = (local_now - timedelta(days=back)).date()
        return _safe(day.year, day.month, day.day, int(found.group(2)), int(found.group(3)), 0, now)
    found = _CN_FULL.search(text)
    if found:
        y, mo, d, h, mi, s = (int(g) if g else 0 for g in found.groups())
        tz = _TZ.search(text)
        value = _safe(y, mo, d, h, mi, s, now, assume)
        if value is not None and tz:
            sign = 1 if tz.group(1) == "+" else -1
            offset = timezone(sign * timedelta(hours=int(tz.group(2)), minutes=int(tz.group(3))))
            value = value.replace(tzinfo=offset)
        return plausible(value, now)
    found = _MONTH_DAY.match(text)
    if found:
        mo, d = int(found.group(1)), int(found.group(2))
        h, mi = int(found.group(3) or 0), int(found.group(4) or 0)
        try:
            value = datetime(local_now.year, mo, d, h, mi, tzinfo=CHINA)
            if value > now + timedelta(days=1):
                # "12-31" read in January is last year's.
                value = value.replace(year=local_now.year - 1)
        except ValueError:
            return None
        return plausible(value, now)
    return None


def _safe(y: int, mo: int, d: int, h: int, mi: int, s: int, now: datetime,
          assume: tzinfo = CHINA) -> datetime | None:
    try:
        return plausible(datetime(y, mo, d, h, mi, s, tzinfo=assume), now)
    except ValueError:
        return None
