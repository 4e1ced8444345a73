"""Time helpers: UTC in the store, the profile's time zone for people, working-day arithmetic."""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import chinese_calendar

log = logging.getLogger(__name__)

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(m|min|h|d|wd)\s*$")
_UNITS = {"m": "分钟", "min": "分钟", "h": "小时", "d": "天", "wd": "个工作日"}


def utc(value: datetime) -> datetime:
    """Aware UTC; SQLite returns naive datetimes, which the store always writes in UTC."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class Duration:
    """A deadline length: wall-clock minutes, working days, or the end of the discovery day."""

    minutes: float = 0.0
    working_days: int = 0
    end_of_day: bool = False
    text: str = ""

    @property
    def label(self) -> str:
        if self.end_of_day:
            return "当天"
        match = _DURATION.match(self.text)
        if match:
            return f"{match.group(1)}{_UNITS[match.group(2)]}"
        return self.text

    def as_timedelta(self) -> timedelta:
        if self.working_days or self.end_of_day:
            raise ValueError("a working-day or end-of-day duration has no fixed length")
        return timedelta(minutes=self.minutes)


def parse_duration(text: object) -> Duration:
    """``30m``, ``4h``, ``2d`` (wall clock, holidays included), ``5wd`` (working days), ``eod``."""
    if not isinstance(text, str):
        raise ValueError(f"a duration is text such as 30m, 4h, 2d, 5wd or eod, not {text!r}")
    if text.strip() == "eod":
        return Duration(end_of_day=True, text="eod")
    match = _DURATION.match(text)
    if not match:
        raise ValueError(f"{text!r} is not a duration: write 30m, 4h, 2d, 5wd (working days) or eod")
    value, unit = float(match.group(1)), match.group(2)
    if unit == "wd":
        if value != int(value) or value < 1:
            raise ValueError(f"{text!r}: working days are a whole number >= 1")
        return Duration(working_days=int(value), text=text.strip())
    minutes = value * {"m": 1, "min": 1, "h": 60, "d": 1440}[unit]
    return Duration(minutes=minutes, text=text.strip())


@functools.lru_cache(maxsize=4096)
def _chinese_workday(day: date) -> bool:
    # Cached: a batch computes the same few weeks of days for every working-day clock.
    return bool(chinese_calendar.is_workday(day))


@dataclass(frozen=True)
class Calendar:
    """Working days: weekends and Chinese public holidays off, make-up workdays on (chinesecalendar).

    ``extra_holidays``/``extra_workdays`` let an office add its own days. Outside the years the
    package knows, only weekends are skipped (and a warning is logged once).
    """

    timezone: str = "Asia/Shanghai"
    extra_holidays: frozenset[date] = frozenset()
    extra_workdays: frozenset[date] = frozenset()
    _warned: set[int] = field(default_factory=set, compare=False, repr=False)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def is_workday(self, day: date) -> bool:
        if day in self.extra_holidays:
            return False
        if day in self.extra_workdays:
            return True
        try:
            return _chinese_workday(day)
        except NotImplementedError:
            if day.year not in self._warned:
                self._warned.add(day.year)
                log.warning("chinesecalendar does not know %d: only weekends are skipped", day.year,
                            extra={"stage": "router"})
            return day.weekday() < 5

    def local(self, moment: datetime) -> datetime:
        return utc(moment).astimezone(self.tz)

    def add_working_days(self, start: datetime, days: int) -> datetime:
        """``start`` plus ``days`` whole working days; time on non-working days does not count."""
        remaining = timedelta(days=days)
        cursor = self.local(start)
        while True:
            next_midnight = datetime.combine(cursor.date() + timedelta(days=1), time(0), self.tz)
            if self.is_workday(cursor.date()):
                available = next_midnight - cursor
                if remaining <= available:
                    return utc(cursor + remaining)
                remaining -= available
            cursor = next_midnight

    def due(self, start: datetime, duration: Duration) -> datetime:
        if duration.end_of_day:
            local = self.local(start)
            return utc(datetime.combine(local.date() + timedelta(days=1), time(0), self.tz))
        if duration.working_days:
            return self.add_working_days(start, duration.working_days)
        return utc(start) + duration.as_timedelta()


def parse_hhmm(text: object) -> time:
    if not isinstance(text, str) or not re.fullmatch(r"\d{1,2}:\d{2}", text.strip()):
        raise ValueError(f"{text!r} is not a time of day: write HH:MM, e.g. \"08:30\"")
    hours, minutes = (int(p) for p in text.strip().split(":"))
    if hours > 24 or minutes > 59 or (hours == 24 and minutes):
        raise ValueError(f"{text!r} is not a time of day")
    return time(0) if hours == 24 else time(hours, minutes)


def in_window(moment: time, start: time, end: time) -> bool:
    """Whether ``moment`` lies in [start, end), a window that may run past midnight; start == end is all day."""
    if start == end:
        return True
    if start < end:
        return start <= moment < end
    return moment >= start or moment < end
