"""Working days, duty schedules, quiet hours and the unacknowledged escalation chain."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from router_helpers import router_settings, scored
from sqlalchemy import select

from core.contracts import encode
from core.settings import StoreSettings
from core.stage import Record
from policies import profile_dir
from router import clocks, notify, policy
from router.cases import CaseService
from router.service import RouterProcessor
from router.timeutil import Calendar, parse_duration, utc
from store.case_tables import NotificationRow
from store.db import make_engine, sessions

CST = ZoneInfo("Asia/Shanghai")


def _cst(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=CST)


@pytest.mark.parametrize(("start", "days", "due"), [
    (_cst(2026, 11, 27, 16, 0), 1, _cst(2026, 11, 30, 16, 0)),  # Friday → Monday: the weekend is skipped
    (_cst(2026, 11, 28, 15, 0), 1, _cst(2026, 12, 1, 0, 0)),  # found on Saturday: Monday counts in full
    (_cst(2026, 10, 9, 12, 0), 1, _cst(2026, 10, 10, 12, 0)),  # Saturday 10-10 is a make-up workday
    (_cst(2026, 9, 30, 10, 0), 5, _cst(2026, 10, 13, 10, 0)),  # across 国庆 (10-01 … 10-07 off)
    (_cst(2026, 9, 24, 9, 0), 1, _cst(2026, 9, 28, 9, 0)),  # 中秋 Friday 09-25 and the weekend
])
def test_working_days(start: datetime, days: int, due: datetime) -> None:
    assert Calendar().add_working_days(start, days) == utc(due)


def test_wall_clock_and_end_of_day_deadlines_include_holidays() -> None:
    calendar = Calendar()
    start = _cst(2026, 10, 1, 9, 0)  # a holiday: "含休息日、节假日"
    assert calendar.due(start, parse_duration("5h")) == utc(_cst(2026, 10, 1, 14, 0))
    assert calendar.due(start, parse_duration("eod")) == utc(_cst(2026, 10, 2, 0, 0))


def test_office_days_override_the_national_calendar() -> None:
    calendar = Calendar(extra_holidays=frozenset({date(2026, 11, 30)}), extra_workdays=frozenset({date(2026, 11, 29)}))
    assert calendar.add_working_days(_cst(2026, 11, 27, 16, 0), 1) == utc(_cst(2026, 11, 29, 16, 0))
    assert not calendar.is_workday(date(2026, 11, 30))


def test_duty_schedule_and_quiet_hours() -> None:
    profile = policy.load(profile_dir("city-gov"))
    desk = profile.departments["gov-office"]
    assert desk.on_duty(_cst(2026, 11, 25, 10, 0)).name == "张敏"  # Wednesday, office hours
    assert desk.on_duty(_cst(2026, 11, 25, 23, 0)).name == "李强"  # the night shift
    assert desk.on_duty(_cst(2026, 11, 28, 10, 0)).name == "李强"  # Saturday
    housing = profile.departments["housing"]
    night = utc(_cst(2026, 11, 25, 23, 30))
    # 一般 waits for the end of the quiet hours; 重大 goes at once.
    assert notify.not_before(profile, housing, "一般", night) == utc(_cst(2026, 11, 26, 7, 0))
    assert notify.not_before(profile, housing, "重大", night) == night
    day = utc(_cst(2026, 11, 26, 10, 0))
    assert notify.not_before(profile, housing, "一般", day) == day


def test_unacknowledged_chain_escalates_until_signed(store_settings: StoreSettings) -> None:
    profile = policy.load(profile_dir("city-gov"))
    settings = router_settings(store_settings)
    found = _cst(2026, 11, 25, 10, 0)
    item = scored("ack-1", topic="社会稳定", grade="重大", rank=1, fetched_at=found,
                  title="某工业园区工人聚集讨薪堵路", text="数十名工人聚集讨薪，一度堵路。")
    RouterProcessor(settings, profile).process([Record("items.scored", 0, 0, b"k", encode(item))])
    factory = sessions(make_engine(store_settings))

    def tick(at: datetime) -> dict[str, int]:
        with factory() as session, session.begin():
            return clocks.tick(session, profile, settings, utc(at))

    def escalated() -> list[str]:
        with factory() as session:
            return list(dict.fromkeys(session.scalars(select(NotificationRow.department_id).where(
                NotificationRow.purpose == "unacknowledged").order_by(NotificationRow.id))))

    tick(_cst(2026, 11, 25, 10, 31))  # 30 min without 签收: the desk is told
    assert escalated() == ["police", "gov-office"]
    # The desk's SMS goes to whoever is on duty then (a Wednesday morning: 张敏).
    with factory() as session:
        sms = session.scalars(select(NotificationRow.channel).where(
            NotificationRow.channel_kind == "sms", NotificationRow.purpose == "unacknowledged")).all()
    assert [c["to"] for c in sms] == [["13800000001"]]
    service = CaseService(store_settings, profile, settings)
    service.acknowledge(service.list()[0].id, "公安局值班员")
    tick(_cst(2026, 11, 25, 11, 1))  # signed: the leader step is met, nothing more is sent …
    assert escalated() == ["police", "gov-office"]
    detail = service.show(service.list()[0].id)
    states = {c.clock_id: c.status for c in detail.clocks}
    assert states["ack-1"] == "breached" and states["ack-2"] == "met"
    assert states["facts"] == "breached"  # … but the 1 h facts deadline has run out
    # 转办: the new lead's 签收 chain starts again from the transfer.
    service.transfer(detail.case.id, "petition", "属信访事项", "公安局值班员")
    running = {c.clock_id for c in service.show(detail.case.id).clocks if c.status == "running"}
    assert {c.partition("#")[0] for c in running if "#" in c} == {"ack-1", "ack-2"}
