"""Routing through profiles into the store: receivers, clocks, replays, re-scores, silences."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from router_helpers import router_settings, scored, write_profile
from sqlalchemy import func, select

from core.contracts import encode
from core.settings import StoreSettings
from core.stage import Record
from policies import profile_dir
from router import clocks, policy
from router.service import RouterProcessor
from router.timeutil import utc
from store.case_tables import CaseClockRow, CaseEventRow, NotificationRow
from store.db import make_engine, sessions
from store.tables import CaseRow

CST = ZoneInfo("Asia/Shanghai")
DISCOVERED = datetime(2026, 9, 30, 10, 0, tzinfo=CST)


def _records(*items: object) -> list[Record]:
    return [Record("items.scored", 0, i, s.item.id.encode(), encode(s)) for i, s in enumerate(items)]  # type: ignore[attr-defined]


def _case(store: StoreSettings, item_id: str) -> tuple[CaseRow, dict[str, CaseClockRow]]:
    with sessions(make_engine(store))() as session:
        case = session.scalar(select(CaseRow).where(CaseRow.item_id == item_id))
        assert case is not None
        rows = session.scalars(select(CaseClockRow).where(CaseClockRow.case_id == case.id)).all()
        return case, {f"{r.clock_id}/{r.grade}": r for r in rows}


def _local(moment: datetime) -> datetime:
    return utc(moment).astimezone(CST)


def _count(store: StoreSettings, table: type) -> int:
    with sessions(make_engine(store))() as session:
        return session.scalar(select(func.count()).select_from(table)) or 0


def test_same_items_through_two_profiles(store_settings: StoreSettings, tmp_path: Path) -> None:
    education = scored("edu-1", topic="教育", grade="重大", rank=1, region="450721",
                       title="高三学生家长反映学校违规补课收费", fetched_at=DISCOVERED)
    bidding = scored("bid-1", topic="公共资源交易", grade="一般", rank=2, fetched_at=DISCOVERED)
    settings = router_settings(store_settings)

    city = RouterProcessor(settings, policy.load(profile_dir("city-gov")))
    assert not city.process(_records(education, bidding)).rejected
    case, clocks_ = _case(store_settings, "edu-1")
    assert case.department_id == "lingshan"  # 属地管理: the county office leads
    assert case.assisting == ["education"]  # the topic's city department assists
    assert case.routing["copies"] == ["gov-office", "open-office", "press", "cac"]
    assert case.routing["path"] == ["市本级", "属地-灵山县", "民生-教育"]
    # A 重大 without an emergency: 004 三 gives it 48 h (the 1 h / 24 h clocks are for 突发事件).
    assert set(clocks_) == {"respond/重大", "ack-1/重大", "ack-2/重大"}
    assert _local(clocks_["respond/重大"].due_at) == datetime(2026, 10, 2, 10, 0, tzinfo=CST)
    other, _ = _case(store_settings, "bid-1")
    # city-gov counts bidding among "everything else" (其他 → 市人民政府办公室).
    assert other.department_id == "gov-office" and other.topic == "其他"

    # The same items under the school's profile, in a second store.
    school_store = StoreSettings(url=f"sqlite:///{tmp_path / 'school.db'}")
    from store.db import migrate

    migrate(school_store)
    school = RouterProcessor(router_settings(school_store), policy.load(profile_dir("school")))
    assert not school.process(_records(education, bidding)).rejected
    case, clocks_ = _case(school_store, "edu-1")
    assert case.department_id == "grade-3"  # 首问负责制: the 年级组 named in the post leads
    assert case.assisting == ["academic"]
    assert case.routing["copies"] == ["leading-group", "yuqing-staff"]
    assert set(clocks_) == {"reply/重大", "formal-answer/重大", "settle/重大", "report-up/重大", "ack-1/重大",
                            "ack-2/重大"}
    assert _local(clocks_["reply/重大"].due_at) == datetime(2026, 9, 30, 15, 0, tzinfo=CST)  # 5 h, holidays included
    # 5 working days across 国庆 (10-01..10-07 off, Sat 10-10 a make-up workday, Sun 10-11 off).
    assert _local(clocks_["settle/重大"].due_at) == datetime(2026, 10, 13, 10, 0, tzinfo=CST)
    other, _ = _case(school_store, "bid-1")
    # A school has no topic for bidding: the profile's default receiver, with the reason recorded.
    assert other.department_id == "yuqing-staff"
    assert any("公共资源交易" in r and "默认接收单位" in r for r in other.routing["reasons"])


def test_replayed_batch_changes_nothing(store_settings: StoreSettings, tmp_path: Path) -> None:
    profile = policy.load(write_profile(tmp_path / "p", "http://127.0.0.1:9"))
    processor = RouterProcessor(router_settings(store_settings), profile)
    batch = _records(scored("a"), scored("b", topic="其他"), scored("a"))
    processor.process(batch)
    counts = [_count(store_settings, t) for t in (CaseRow, CaseEventRow, CaseClockRow, NotificationRow)]
    processor.process(batch)
    assert [_count(store_settings, t) for t in (CaseRow, CaseEventRow, CaseClockRow, NotificationRow)] == counts
    assert counts[0] == 2


def test_rescore_upgrades_and_inhibits(store_settings: StoreSettings, tmp_path: Path) -> None:
    profile = policy.load(write_profile(tmp_path / "p", "http://127.0.0.1:9"))
    processor = RouterProcessor(router_settings(store_settings), profile)
    processor.process(_records(scored("x", grade="一般", rank=2)))
    before = _count(store_settings, NotificationRow)
    processor.process(_records(scored("x", grade="重大", rank=1)))
    case, clocks_ = _case(store_settings, "x")
    assert case.grade == "重大" and case.grade_rank == 1
    assert clocks_["respond/一般"].status == "cancelled"
    assert clocks_["facts/重大"].status == "running"
    assert _count(store_settings, NotificationRow) > before  # the upgrade is re-sent

    processor.process(_records(scored("x", grade="特别重大", rank=0)))
    after_upgrade = _count(store_settings, NotificationRow)
    # A lower grade while 特别重大 is open: recorded, not re-sent (inhibit rule).
    processor.process(_records(scored("x", grade="一般", rank=2)))
    processor.process(_records(scored("x", grade="一般", rank=2)))
    assert _count(store_settings, NotificationRow) == after_upgrade
    with sessions(make_engine(store_settings))() as session:
        actions = session.scalars(select(CaseEventRow.action).where(CaseEventRow.case_id == case.id)).all()
    assert actions.count("grade_changed") == 2
    assert actions.count("inhibited") == 1


def test_foreign_grade_is_mapped_by_rank(store_settings: StoreSettings, tmp_path: Path) -> None:
    profile = policy.load(write_profile(tmp_path / "p", "http://127.0.0.1:9"))
    processor = RouterProcessor(router_settings(store_settings), profile)
    processor.process(_records(scored("g", grade="二级", rank=1)))
    case, _ = _case(store_settings, "g")
    assert case.grade == "重大"
    assert any("二级" in r for r in case.routing["reasons"])


def test_silence_keeps_the_case_but_sends_nothing(store_settings: StoreSettings, tmp_path: Path) -> None:
    from router_helpers import TEST_PROFILE

    until = (datetime.now(CST) + timedelta(days=1)).isoformat()
    text = TEST_PROFILE + (
        f'silences:\n  - {{{{match: {{{{topic: 住房}}}}, until: "{until}", reason: 听证期间统一回应}}}}\n')
    profile = policy.load(write_profile(tmp_path / "p", "http://127.0.0.1:9", text))
    processor = RouterProcessor(router_settings(store_settings), profile)
    processor.process(_records(scored("s")))
    case, clocks_ = _case(store_settings, "s")
    assert case.routing["silenced"] is True
    assert clocks_  # clocks still run
    assert _count(store_settings, NotificationRow) == 0
    with sessions(make_engine(store_settings))() as session:
        assert "silenced" in session.scalars(select(CaseEventRow.action)).all()


def test_clock_runs_across_weekend_and_holiday(store_settings: StoreSettings, tmp_path: Path) -> None:
    profile = policy.load(write_profile(tmp_path / "p", "http://127.0.0.1:9"))
    settings = router_settings(store_settings)
    processor = RouterProcessor(settings, profile)
    processor.process(_records(scored("w", fetched_at=DISCOVERED)))
    _, clocks_ = _case(store_settings, "w")
    settle = clocks_["settle/一般"]
    assert _local(settle.due_at) == datetime(2026, 10, 13, 10, 0, tzinfo=CST)
    factory = sessions(make_engine(store_settings))

    def tick(at: datetime) -> dict[str, int]:
        with factory() as session, session.begin():
            return clocks.tick(session, profile, settings, utc(at))

    # 8 h before the 48 h deadline: one reminder, once.
    assert tick(datetime(2026, 10, 2, 2, 1, tzinfo=CST)) == {"reminders": 1, "breaches": 0}
    assert tick(datetime(2026, 10, 2, 2, 2, tzinfo=CST)) == {"reminders": 0, "breaches": 0}
    # Through the holiday and the weekend the working-day clock has not run out …
    assert tick(datetime(2026, 10, 12, 12, 0, tzinfo=CST)) == {"reminders": 0, "breaches": 1}  # respond: 48 h
    assert _case(store_settings, "w")[1]["settle/一般"].status == "running"
    # … it does on the 5th working day (10-08, 10-09, 10-10 make-up Saturday, 10-12, 10-13).
    assert tick(datetime(2026, 10, 13, 10, 1, tzinfo=CST)) == {"reminders": 0, "breaches": 1}
    case, clocks_ = _case(store_settings, "w")
    assert clocks_["settle/一般"].status == "breached"
    with factory() as session:
        escalations = session.scalars(select(NotificationRow.department_id).where(
            NotificationRow.purpose == "breach", NotificationRow.case_id == case.id)).all()
    # The lead and the desk and leader the profile names, for each of the two breaches.
    assert sorted(escalations) == sorted(["housing", "desk", "leader"] * 2)


def test_hooks_run_in_the_batch_transaction(store_settings: StoreSettings, tmp_path: Path) -> None:
    profile = policy.load(write_profile(tmp_path / "p", "http://127.0.0.1:9"))
    seen: list[tuple[str, int, str]] = []

    def hook(session: object, scored: object, case: CaseRow, outcome: str, now: datetime) -> None:
        seen.append((case.item_id, case.id, outcome))

    processor = RouterProcessor(router_settings(store_settings), profile, on_routed=[hook])
    processor.process(_records(scored("h1"), scored("h1", grade="重大", rank=1)))
    case, _ = _case(store_settings, "h1")
    assert seen == [("h1", case.id, "created"), ("h1", case.id, "upgraded")]
