"""The working-day calendar is dated data: checked, and loud before it runs out (issue 11)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from router_helpers import router_settings, scored

from core.contracts import encode
from core.settings import StoreSettings
from core.stage import Record
from policies import profile_dir
from router import policy
from router.calendar_status import coverage, for_config
from router.cases import CaseService
from router.routetest import format_decision, labels_from_pairs
from router.service import RouterProcessor
from router.timeutil import CALENDARS, Calendar, CalendarError, load_holidays, parse_duration, utc
from yuqing.cli import main

CST = ZoneInfo("Asia/Shanghai")


def test_shipped_calendar_is_dated_and_covers_its_years() -> None:
    data = load_holidays(CALENDARS / "cn-mainland.yaml")
    assert (data.covers_from, data.covers_to) == (date(2024, 1, 1), date(2026, 12, 31))
    assert data.holidays[date(2026, 10, 1)] == "国庆节"
    assert date(2026, 10, 10) in data.workdays  # a Saturday of 调休
    calendar = Calendar()
    assert not calendar.is_workday(date(2026, 10, 7)) and calendar.is_workday(date(2026, 10, 10))


@pytest.mark.parametrize(("text", "problem"), [
    ("covers: {from: 2027-01-01, to: 2027-12-31}\nupdated: 2026-11-30\nworkdays: {2027-02-03: 周三}\n",
     "is a weekday"),
    ("covers: {from: 2027-01-01, to: 2027-12-31}\nupdated: 2026-11-30\nholidays: {2028-01-01: 元旦}\n",
     "outside covers"),
    ("updated: 2026-11-30\nholidays: {2027-01-01: 元旦}\n", "covers must be"),
    ("covers: {from: 2027-01-01, to: 2027-12-31}\nholidays: {2027-01-01: 元旦}\nnotes: x\n", "unknown keys"),
])
def test_a_bad_calendar_file_is_refused(tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "calendar.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CalendarError, match=problem):
        load_holidays(path)


def test_policy_check_names_the_calendar_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "office"
    folder.mkdir()
    text = (profile_dir("school") / "profile.yaml").read_text(encoding="utf-8")
    (folder / "profile.yaml").write_text(text.replace("holidays: chinese", "holidays: ./holidays.yaml"),
                                         encoding="utf-8")
    (folder / "grading.yaml").write_text((profile_dir("school") / "grading.yaml").read_text(encoding="utf-8"),
                                         encoding="utf-8")
    (folder / "holidays.yaml").write_text(
        "covers: {from: 2027-01-01, to: 2027-12-31}\nupdated: 2026-11-30\nworkdays: {2027-02-03: 周三}\n",
        encoding="utf-8")
    assert main(["policy", "check", str(folder)]) == 1
    out = capsys.readouterr().out
    assert "2027-02-03 is a weekday" in out and "holidays" in out
    (folder / "holidays.yaml").write_text(
        "covers: {from: 2027-01-01, to: 2027-12-31}\nupdated: 2026-11-30\n"
        "holidays: {2027-02-05: 春节, 2027-02-08: 春节}\nworkdays: {2027-02-06: 春节调休上班}\n", encoding="utf-8")
    assert main(["policy", "check", str(folder)]) == 0
    assert "工作日历 holidays.yaml: 2027-01-01 ～ 2027-12-31" in capsys.readouterr().out
    office = policy.load(folder)
    assert not office.calendar.is_workday(date(2027, 2, 5)) and office.calendar.is_workday(date(2027, 2, 6))


def test_warning_sixty_days_ahead() -> None:
    calendar = Calendar()
    assert calendar.coverage_warning(datetime(2026, 6, 1, tzinfo=CST)) == ""
    soon = calendar.coverage_warning(datetime(2026, 11, 15, tzinfo=CST))
    assert soon.startswith("⚠") and "只覆盖至 2026-12-31（还剩 46 天）" in soon
    assert "已于 2026-12-31 到期" in calendar.coverage_warning(datetime(2027, 2, 4, tzinfo=CST))
    status = coverage("school", datetime(2026, 11, 15, tzinfo=CST))
    assert status["covers_to"] == "2026-12-31" and status["warning"] == soon


def test_status_reads_the_routers_profile(tmp_path: Path) -> None:
    config = tmp_path / "yuqing.toml"
    config.write_text('[router]\nprofile = "jining-ggzy"\n', encoding="utf-8")
    report = for_config(config, datetime(2026, 12, 1, tzinfo=CST))
    assert report["profile"] == "jining-ggzy" and "⚠" in report["warning"]


def test_a_clock_past_the_calendar_says_so_on_the_case(store_settings: StoreSettings) -> None:
    """A 5-working-day clock started 2027-02-04 runs into the (unknown) Spring Festival of 2027."""
    profile = policy.load(profile_dir("school"))
    found = datetime(2027, 2, 4, 10, 0, tzinfo=CST)
    settings = router_settings(store_settings)
    item = scored("late", topic="教育", grade="一般", rank=3, fetched_at=found, profile="school")
    RouterProcessor(settings, profile).process([Record("items.scored", 0, 0, b"k", encode(item))])
    service = CaseService(store_settings, profile, settings)
    clocks = {c.clock_id: c for c in service.show(service.list()[0].id).clocks}
    assert "只覆盖 2024-01-01～2026-12-31" in clocks["settle"].calendar_warning
    assert clocks["reply"].calendar_warning == ""  # a wall-clock deadline does not need the calendar
    # Within the calendar nothing is flagged.
    inside = profile.calendar.due(utc(datetime(2026, 12, 1, 10, 0, tzinfo=CST)), parse_duration("5wd"))
    assert profile.calendar.beyond_coverage(datetime(2026, 12, 1, 10, 0, tzinfo=CST), inside) == ""
    # One that starts inside and ends outside is flagged, and the route test says so too.
    start = datetime(2026, 12, 28, 10, 0, tzinfo=CST)
    crossing = profile.calendar.due(utc(start), parse_duration("5wd"))
    assert crossing > utc(datetime(2026, 12, 31, 23, 59, tzinfo=CST))
    assert profile.calendar.beyond_coverage(start, crossing)
    text = format_decision(profile, labels_from_pairs(profile, ["grade=一般"]), start)
    assert "⚠ 工作日历" in text


def test_status_prints_the_calendar_warning(capsys: pytest.CaptureFixture[str]) -> None:
    from yuqing import status

    report = {"kafka": {}, "stages": {}, "errors": {}, "sources": [], "cases": {},
              "calendar": coverage("city-gov", datetime(2026, 12, 1, tzinfo=CST) + timedelta(days=0))}
    status.print_text(report)
    out = capsys.readouterr().out
    assert "== 工作日历 ==" in out and "⚠ 工作日历“中国大陆法定节假日安排”只覆盖至 2026-12-31" in out
