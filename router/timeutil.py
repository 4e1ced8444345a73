"""Time helpers: UTC in the store, the profile's time zone for people, working-day arithmetic."""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

log = logging.getLogger(__name__)

CALENDARS = Path(__file__).resolve().parent.parent / "policies" / "calendars"
DEFAULT_CALENDAR = "cn-mainland"
# How far ahead `yuqing check`, `yuqing status` and the console warn that a calendar is running out,
# unless the profile says otherwise (calendar.warn_days).
WARN_AHEAD = timedelta(days=60)
# What a deadline counted past the holiday file says of itself (the case page, the 转办单, route test).
UNCOVERED = "节假日安排未载入，按周末计算"

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


@dataclass(frozen=True)
class HolidayFile:
    """A dated list of public holidays and make-up workdays (调休上班) for the period it covers."""

    name: str
    path: Path
    updated: date
    source: str
    covers_from: date
    covers_to: date
    holidays: dict[date, str]
    workdays: dict[date, str]


class CalendarError(ValueError):
    """A holiday file is invalid; ``problems`` says what and how to fix it."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        self.problems = problems
        super().__init__(f"{path}: " + "; ".join(problems))


def calendar_path(spec: str, base: Path | None = None) -> Path:
    """A shipped calendar by name (``cn-mainland``; ``chinese`` is its old name) or a file path,
    relative to the profile's folder."""
    if spec in ("chinese", DEFAULT_CALENDAR) or (CALENDARS / f"{spec}.yaml").is_file():
        return CALENDARS / f"{DEFAULT_CALENDAR if spec == 'chinese' else spec}.yaml"
    path = Path(spec)
    return path if path.is_absolute() or base is None else base / path


@functools.lru_cache(maxsize=16)
def load_holidays(path: Path) -> HolidayFile:
    """Read and check a holiday file strictly; :class:`CalendarError` lists every problem."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise CalendarError(path, ["file not found — fix: give a holiday file or write holidays: cn-mainland"]) from exc
    except yaml.YAMLError as exc:
        raise CalendarError(path, [f"not valid YAML: {exc}"]) from exc
    problems: list[str] = []
    if not isinstance(data, dict):
        raise CalendarError(path, ["must be a mapping with name, updated, covers, holidays, workdays"])
    unknown = set(data) - {"name", "updated", "source", "covers", "holidays", "workdays"}
    if unknown:
        problems.append(f"unknown keys {sorted(unknown)} — fix: remove them")
    covers = data.get("covers")
    start = end = None
    if not isinstance(covers, dict) or set(covers) != {"from", "to"} or not all(
            isinstance(covers[k], date) for k in ("from", "to")):
        problems.append("covers must be {from: YYYY-MM-DD, to: YYYY-MM-DD} — fix: the period the file knows")
    else:
        start, end = covers["from"], covers["to"]
        if start > end:
            problems.append(f"covers.from {start} is after covers.to {end}")
    updated = data.get("updated")
    if not isinstance(updated, date):
        problems.append("updated must be the date the file was last brought up to date (YYYY-MM-DD)")
    days: dict[str, dict[date, str]] = {}
    for key in ("holidays", "workdays"):
        raw = data.get(key) or {}
        if not isinstance(raw, dict) or not all(isinstance(d, date) for d in raw):
            problems.append(f"{key} must map dates to names (2026-10-01: 国庆节)")
            raw = {}
        days[key] = {d: str(n) for d, n in raw.items()}
        for day in raw:
            if start and end and not start <= day <= end:
                problems.append(f"{key}: {day} lies outside covers {start}..{end} — fix: widen covers or drop it")
    for day in days["workdays"]:
        if day.weekday() < 5:
            problems.append(f"workdays: {day} is a weekday; only a weekend day can be a make-up workday")
        if day in days["holidays"]:
            problems.append(f"{day} is both a holiday and a workday")
    if problems or start is None or end is None or not isinstance(updated, date):
        raise CalendarError(path, problems)
    return HolidayFile(name=str(data.get("name", path.stem)), path=path, updated=updated,
                       source=str(data.get("source", "")), covers_from=start, covers_to=end,
                       holidays=days["holidays"], workdays=days["workdays"])


def default_holidays() -> HolidayFile:
    return load_holidays(CALENDARS / f"{DEFAULT_CALENDAR}.yaml")


@dataclass(frozen=True)
class Calendar:
    """Working days: weekends and public holidays off, make-up workdays on, from a dated holiday file.

    ``extra_holidays``/``extra_workdays`` let an office add its own days. Outside the period the
    file covers only weekends are skipped: :meth:`beyond_coverage` says so for a clock, and
    :meth:`coverage_warning` warns ahead of time.
    """

    timezone: str = "Asia/Shanghai"
    extra_holidays: frozenset[date] = frozenset()
    extra_workdays: frozenset[date] = frozenset()
    holidays: HolidayFile = field(default_factory=default_holidays)
    warn_ahead: timedelta = WARN_AHEAD
    _warned: set[int] = field(default_factory=set, compare=False, repr=False)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def covers(self, day: date) -> bool:
        return self.holidays.covers_from <= day <= self.holidays.covers_to

    def is_workday(self, day: date) -> bool:
        if day in self.extra_holidays:
            return False
        if day in self.extra_workdays:
            return True
        if not self.covers(day):
            if day.year not in self._warned:
                self._warned.add(day.year)
                log.warning("holiday file %s does not cover %s: only weekends are skipped", self.holidays.path, day,
                            extra={"stage": "router"})
            return day.weekday() < 5
        if day in self.holidays.holidays:
            return False
        return day.weekday() < 5 or day in self.holidays.workdays

    def beyond_coverage(self, start: datetime, due: datetime) -> str:
        """Why a working-day deadline from ``start`` to ``due`` may be wrong, or "" when it is sound."""
        first, last = self.local(start).date(), self.local(due).date()
        if self.covers(first) and self.covers(last):
            return ""
        return (f"{UNCOVERED}：工作日历“{self.holidays.name}”只覆盖 {self.holidays.covers_from}～"
                f"{self.holidays.covers_to}，本时限超出部分只跳过周末、未计法定节假日和调休，到期时间可能有误；"
                f"更新 {self.holidays.path.name} 后重启转办服务，时限自动按新日历重算")

    def uncovered(self, due: datetime) -> bool:
        """Whether a working-day deadline falling at ``due`` was counted past the holiday file."""
        return not self.covers(self.local(due).date())

    def coverage_warning(self, now: datetime, ahead: timedelta | None = None) -> str:
        """A loud warning when the holiday file ends within ``ahead`` (the profile's ``warn_days``) of
        ``now``, saying how to add the next year; "" otherwise."""
        today = self.local(now).date()
        end = self.holidays.covers_to
        if end >= today + (self.warn_ahead if ahead is None else ahead):
            return ""
        left = (end - today).days
        year = end.year + 1
        when = f"已于 {end} 到期" if left < 0 else f"只覆盖至 {end}（还剩 {left} 天）"
        return (f"⚠ 工作日历“{self.holidays.name}”{when}：此后按工作日计算的时限不计节假日和调休。"
                f"请按国务院办公厅《关于{year}年部分节假日安排的通知》，在 {self.holidays.path} 的 holidays 中加入 "
                f"{year} 年的放假日、workdays 中加入调休上班日，把 covers.to 改为 {year}-12-31、updated 改为当天，"
                f"再运行 yuqing policy check")

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
