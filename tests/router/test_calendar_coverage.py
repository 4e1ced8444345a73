"""The working-day calendar is dated data: checked, and loud before it runs out (issue 11)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from router_helpers import huaning_with, router_settings, scored
from sqlalchemy import select

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
    assert "⚠ 节假日安排未载入，按周末计算：工作日历" in text


def test_status_prints_the_calendar_warning(capsys: pytest.CaptureFixture[str]) -> None:
    from yuqing import status

    report = {"kafka": {}, "stages": {}, "errors": {}, "sources": [], "cases": {},
              "calendar": coverage("city-gov", datetime(2026, 12, 1, tzinfo=CST) + timedelta(days=0))}
    status.print_text(report)
    out = capsys.readouterr().out
    assert "== 工作日历 ==" in out and "⚠ 工作日历“中国大陆法定节假日安排”只覆盖至 2026-12-31" in out


def test_warn_days_is_the_profiles_and_yuqing_check_warns(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    early = huaning_with(tmp_path / "early", calendar="\n  warn_days: 90")
    assert early.calendar.warn_ahead == timedelta(days=90)
    assert "还剩 87 天" in early.calendar.coverage_warning(datetime(2026, 10, 5, tzinfo=CST))
    assert not Calendar().coverage_warning(datetime(2026, 10, 5, tzinfo=CST))  # 60 by default
    with pytest.raises(policy.PolicyError, match=r"calendar\.warn_days must be a whole number of days"):
        huaning_with(tmp_path / "bad", calendar="\n  warn_days: soon")
    # `yuqing check` warns (exit 0: a warning, not an error) and says how to add the year.
    config = tmp_path / "yuqing.toml"
    config.write_text('[router]\nprofile = "huaning-gonglu"\n', encoding="utf-8")
    warning = coverage("huaning-gonglu")["warning"]
    assert main(["check", str(config)]) == 0
    out = capsys.readouterr().out
    if warning:  # the shipped file covers to 2026-12-31: from 2026-11-01 on this is so
        assert "国务院办公厅《关于2027年部分节假日安排的通知》" in out and "covers.to 改为 2027-12-31" in out
        assert "（策略 huaning-gonglu，提前 60 天提醒：calendar.warn_days）" in out
    status = coverage("huaning-gonglu", datetime(2026, 11, 15, tzinfo=CST))
    assert status["warn_days"] == 60 and "在 " in status["warning"] and "workdays 中加入调休上班日" in status["warning"]


def test_a_deadline_past_the_calendar_is_flagged_seen_and_recounted_when_the_year_is_added(
        store_settings: StoreSettings, tmp_path: Path) -> None:
    """A 三级 case opened 2026-12-30 with 5 working days runs into 2027, which the holiday file lacks."""
    from router import clocks
    from router.calendar_status import clocks_past, past_warning
    from router.gauges import RouterGauges
    from store.case_tables import NotificationRow
    from store.db import make_engine, sessions

    profile = policy.load(profile_dir("huaning-gonglu"))
    settings = router_settings(store_settings)
    found = datetime(2026, 12, 30, 10, 0, tzinfo=CST)
    item = scored("new-year", topic="公共基础设施建设", grade="三级", rank=2, fetched_at=found,
                  profile="huaning-gonglu")
    RouterProcessor(settings, profile).process([Record("items.scored", 0, 0, b"k", encode(item))])
    service = CaseService(store_settings, profile, settings)
    case = service.list()[0].id
    detail = service.show(case)
    clock = next(c for c in detail.clocks if c.clock_id == "result-to-party")
    # Weekends only: 12-30, 12-31, 01-01 (New Year's Day, unknown to the file), 01-04, 01-05 → 01-06 10:00.
    assert profile.calendar.local(clock.due_at) == datetime(2027, 1, 6, 10, 0, tzinfo=CST)
    assert clock.calendar_warning.startswith("节假日安排未载入，按周末计算")
    noted = [e for e in detail.events if e.action == "clock_uncovered"]
    assert [e.detail["clocks"] for e in noted] == [["result-to-party"]]
    assert "节假日安排未载入，按周末计算：工作日历只覆盖至 2026-12-31" in noted[0].detail["note"]
    engine = make_engine(store_settings)
    factory = sessions(engine)
    try:
        with factory() as session:
            sheets = session.scalars(select(NotificationRow.body_text).where(NotificationRow.purpose == "alert")).all()
            assert sheets and all("（⚠ 节假日安排未载入，按周末计算）" in s for s in sheets)
            past = clocks_past(session, profile.calendar)
        # The operator sees it: the router's gauge and `yuqing status`.
        assert past["count"] == 1 and past["first"][0]["case"] == case
        assert past_warning(past).startswith("1 项按工作日计算的时限超出工作日历（节假日安排未载入，按周末计算）")
        assert RouterGauges(store_settings, profile.calendar)()["clocks_past_calendar"] == 1
        assert coverage("huaning-gonglu", store=store_settings)["past"]["count"] == 1
        # The year is added (here: a test file with New Year's Day only) and the router restarts.
        updated = huaning_with(tmp_path / "office", holidays="  2027-01-01: 元旦\n")
        with factory() as session, session.begin():
            assert clocks.recount(session, updated, datetime.now(UTC)) == 1
        with factory() as session, session.begin():
            assert clocks.recount(session, updated, datetime.now(UTC)) == 0  # once
        with factory() as session:
            assert clocks_past(session, updated.calendar)["count"] == 0
    finally:
        engine.dispose()
    detail = CaseService(store_settings, updated, settings).show(case)
    clock = next(c for c in detail.clocks if c.clock_id == "result-to-party")
    assert updated.calendar.local(clock.due_at) == datetime(2027, 1, 7, 10, 0, tzinfo=CST)
    assert clock.calendar_warning == ""
    [recounted] = [e for e in detail.events if e.action == "clock_recounted"]
    assert "由 2027-01-06 10:00 改为 2027-01-07 10:00" in recounted.detail["note"]
