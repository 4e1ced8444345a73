"""Regression tests of issue 11: each rule a seed states reaches the unit it names, on the right clock.

Every test here failed on main before the fix it guards (the defect is named in its docstring).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from router_helpers import router_settings, scored
from sqlalchemy import select

from core.contracts import encode
from core.settings import StoreSettings
from core.stage import Record
from policies import profile_dir
from router import clocks, policy
from router.cases import CaseService, summary
from router.policy import Labels
from router.routetest import format_decision, labels_from_pairs
from router.service import RouterProcessor
from router.timeutil import utc
from store.case_tables import CaseClockRow, NotificationRow
from store.db import make_engine, sessions

CST = ZoneInfo("Asia/Shanghai")
FOUND = datetime(2026, 11, 25, 10, 0, tzinfo=CST)  # a Wednesday


def _profile(name: str) -> policy.Profile:
    return policy.load(profile_dir(name))


def _route(name: str, *pairs: str) -> policy.Decision:
    profile = _profile(name)
    return profile.route(labels_from_pairs(profile, list(pairs)), FOUND)


def _duties(decision: policy.Decision) -> list[policy.ClockSpec]:
    """The clocks of the seed's duties (the 签收 chain left out)."""
    return [c for c in decision.clocks if not c.id.startswith("ack-")]


def _process(store: StoreSettings, profile: policy.Profile, *items: object) -> None:
    RouterProcessor(router_settings(store), profile).process(
        [Record("items.scored", 0, i, s.item.id.encode(), encode(s)) for i, s in enumerate(items)])  # type: ignore[attr-defined]


# -- grade copies on the fallback route ---------------------------------------------------------


def test_grade_copies_survive_an_unknown_topic() -> None:
    """anshan: 坍塌 1 死 → 特别重大, topic outside the profile: the leadership was not told (main)."""
    decision = _route("anshan-ggzy", "topic=应急管理", "grade=特别重大", "region=210302",
                      "text=某工地坍塌致1人死亡")
    assert decision.lead == "office"
    assert "leadership" in decision.copies
    assert any("默认接收单位" in r for r in decision.reasons)


def test_grade_copies_survive_a_foreign_region() -> None:
    """jining: an 一级 item from outside 3708 goes to the desk and still reaches the 领导小组 and regulators."""
    decision = _route("jining-ggzy", "topic=公共资源交易", "grade=一级", "region=370102")
    assert decision.lead == "monitor"
    assert {"leading-group", "regulators"} <= set(decision.copies)
    huaning = _route("huaning-gonglu", "topic=其他", "grade=一级", "region=110101")
    assert {"party-branch", "city-bureau"} <= set(huaning.copies)


def test_route_test_prints_the_fallback_copies() -> None:
    profile = _profile("yichun-scjg")
    text = format_decision(profile, labels_from_pairs(profile, ["topic=教育", "grade=特别重大"]), FOUND)
    assert "市局主要领导 (director)" in text.split("抄送:")[1].splitlines()[0]


# -- city-gov: emergency clocks only for 特别重大 and 重大突发 ----------------------------------------


def test_city_gov_non_emergency_major_gets_48h() -> None:
    """004 三: 1 h facts / 24 h press conference only for 特别重大/重大突发; other 重大 respond within 48 h."""
    plain = _route("city-gov", "topic=住房", "grade=重大", "text=某小区物业费上涨引业主不满")
    assert [(c.id, c.due.text) for c in _duties(plain)] == [("respond", "48h")]
    sudden = _route("city-gov", "topic=住房", "grade=重大", "text=某小区电梯坠落致3人受伤")
    assert {c.id for c in _duties(sudden)} == {"facts", "report-up"}
    gravest = _route("city-gov", "topic=应急管理", "grade=特别重大", "text=化工厂爆炸致2人死亡")
    assert {c.id for c in _duties(gravest)} == {"facts", "report-up", "press"}


def test_city_gov_clock_follows_the_signal_in_the_store(store_settings: StoreSettings) -> None:
    profile = _profile("city-gov")
    _process(store_settings, profile,
             scored("plain", topic="住房", grade="重大", rank=1, fetched_at=FOUND),
             scored("sudden", topic="住房", grade="重大", rank=1, fetched_at=FOUND,
                    title="某小区燃气爆炸", text="小区内发生燃气爆炸，2人受伤送医救治。"))
    with sessions(make_engine(store_settings))() as session:
        rows = session.execute(select(CaseClockRow.clock_id, CaseClockRow.case_id)).all()
    by_case: dict[int, set[str]] = {}
    for clock_id, case_id in rows:
        by_case.setdefault(case_id, set()).add(clock_id.partition("#")[0])
    regular = [ids - {"ack-1", "ack-2"} for ids in by_case.values()]
    assert sorted(map(sorted, regular)) == [["facts", "report-up"], ["respond"]]


# -- clocks remind the unit that owes them ------------------------------------------------------


def _notified(store: StoreSettings, purpose: str) -> list[str]:
    with sessions(make_engine(store))() as session:
        return list(dict.fromkeys(session.scalars(select(NotificationRow.department_id).where(
            NotificationRow.purpose == purpose).order_by(NotificationRow.id))))


def _tick(store: StoreSettings, profile: policy.Profile, at: datetime) -> None:
    with sessions(make_engine(store))() as session, session.begin():
        clocks.tick(session, profile, router_settings(store), utc(at))


def test_written_report_is_the_centres_duty_not_the_supervisors(store_settings: StoreSettings) -> None:
    """000 第十一条: the 涉事中心 reports to the 市领导小组 within 4 h; main reminded the 项目监管单位."""
    profile = _profile("jining-ggzy")
    item = scored("bid", topic="公共资源交易", grade="二级", rank=1, fetched_at=FOUND,
                  title="网友举报某项目围标串标", text="某工程项目涉嫌围标串标，多家投标单位报价雷同。")
    _process(store_settings, profile, item)
    service = CaseService(store_settings, profile, router_settings(store_settings))
    case = service.list()[0]
    assert case.department_id == "project-supervisor"
    owners = {c.clock_id: c.owner for c in service.show(case.id).clocks}
    assert owners["written-report"] == "monitor"  # the 涉事中心: the city centre (no county named)
    assert profile.local_office("370811") == "branch-rencheng"  # a 任城区 item's 涉事中心 is its 分中心
    _tick(store_settings, profile, FOUND + timedelta(hours=3, minutes=1))
    assert _notified(store_settings, "remind") == ["monitor"]
    _tick(store_settings, profile, FOUND + timedelta(hours=4, minutes=1))
    breached = _notified(store_settings, "breach")
    assert breached[0] == "monitor" and "project-supervisor" not in breached


def test_express_report_is_the_party_branchs_duty(store_settings: StoreSettings) -> None:
    """003 篇五 第十三条: the 党总支 sends the 快报 within 30 min / 1 h."""
    profile = _profile("huaning-gonglu")
    _process(store_settings, profile, scored("road", topic="公共基础设施建设", grade="一级", rank=0, region="530424",
                                    fetched_at=FOUND, profile="huaning-gonglu"))
    service = CaseService(store_settings, profile, router_settings(store_settings))
    clocks_by_id = {c.clock_id: c for c in service.show(service.list()[0].id).clocks}
    assert clocks_by_id["phone-express"].owner == "party-branch"
    _tick(store_settings, profile, FOUND + timedelta(minutes=21))
    assert _notified(store_settings, "remind") == ["party-branch"]


# -- 转办 stops the old department's 签收 clocks --------------------------------------------------


def test_transfer_stops_the_old_departments_acknowledgement(store_settings: StoreSettings) -> None:
    """main left the old lead's 签收 clocks running: they breached against a department without the case."""
    profile = _profile("city-gov")
    _process(store_settings, profile, scored("t1", topic="社会稳定", grade="重大", rank=1, fetched_at=FOUND))
    service = CaseService(store_settings, profile, router_settings(store_settings))
    case_id = service.list()[0].id
    service.transfer(case_id, "petition", "属信访事项", "公安局值班员")
    detail = service.show(case_id)
    old = [c for c in detail.clocks if c.clock_id in ("ack-1", "ack-2")]
    assert old and all(c.status == "cancelled" and c.owner == "police" for c in old)
    new = [c for c in detail.clocks if c.clock_id.startswith("ack-") and "#" in c.clock_id]
    assert new and all(c.status == "running" and c.owner == "petition" for c in new)
    later = datetime.now(CST) + timedelta(hours=2)
    _tick(store_settings, profile, later)
    unacked = _notified(store_settings, "unacknowledged")
    assert "police" not in unacked and unacked[0] == "petition"
    overdue = summary(store_settings, later)["overdue"]
    assert overdue and {o["owner"] for o in overdue if o["clock"].startswith("ack-")} == {"petition"}


# -- missing duties -----------------------------------------------------------------------------


def test_anshan_checks_rumours_with_the_city_and_convenes_the_joint_meeting() -> None:
    """001 (五) 疑虑、误解、谣言 → 与市委宣传部、市政府办公厅核实衔接; (十) 重大 → 会商联席会议."""
    rumour = _route("anshan-ggzy", "topic=公共资源交易", "grade=一般", "text=网传某项目中标结果内定，系谣言")
    check = next(c for c in rumour.clocks if c.id == "verify-with-city")
    assert set(check.to) == {"city-propaganda", "city-gov-office"}
    grave = _route("anshan-ggzy", "topic=公共资源交易", "grade=特别重大")
    meeting = next(c for c in grave.clocks if c.id == "joint-meeting")
    assert meeting.owner == "leadership"


def test_yichun_reports_the_gravest_to_city_and_province() -> None:
    """002 第十八条(四): 特别重大 → 及时向市委市政府和省局进行汇报."""
    decision = _route("yichun-scjg", "topic=食品药品安全", "grade=特别重大")
    report = next(c for c in decision.clocks if c.id == "report-up")
    assert set(report.to) == {"city-committee", "province-bureau"} and report.report == "专报"


def test_huaning_second_grade_goes_up_as_wangshang_yuqing() -> None:
    """003 篇五 第十四条: 二级 → 《网上舆情》 by the 领导小组办公室 to the 市局."""
    decision = _route("huaning-gonglu", "topic=公共基础设施建设", "grade=二级")
    report = next(c for c in decision.clocks if c.report == "网上舆情")
    assert report.owner == "group-office" and report.to == ("city-bureau",)
    assert "city-bureau" in decision.copies
    confirm = next(c for c in decision.clocks if c.id == "grade-confirm")
    assert set(confirm.to) == {"city-bureau", "net-admin"}


def test_huaning_secretary_message_keeps_the_handler_as_lead() -> None:
    """第十七条: a 留言板 message to the 书记 is reported to 市委督办室; the department concerned handles it."""
    decision = _route("huaning-gonglu", "topic=公共基础设施建设", "grade=三级",
                      "text=人民网地方领导留言板 致市委书记：某国道路面破损严重")
    assert decision.lead == "maintenance"
    assert "party-supervision" in decision.copies


def test_school_formal_answer_counts_from_the_post(store_settings: StoreSettings) -> None:
    """003 篇一: 网民发帖后24小时内作出正式解答 — from the post, not from discovery."""
    profile = _profile("school")
    item = scored("post", topic="教育", grade="一般", rank=3, fetched_at=FOUND, profile="school")
    posted = FOUND - timedelta(hours=6)
    item = type(item)(**{**{f: getattr(item, f) for f in item.__struct_fields__},
                         "item": type(item.item)(**{**{f: getattr(item.item, f) for f in item.item.__struct_fields__},
                                                    "published_at": posted})})
    _process(store_settings, profile, item)
    service = CaseService(store_settings, profile, router_settings(store_settings))
    by_id = {c.clock_id: c for c in service.show(service.list()[0].id).clocks}
    assert by_id["formal-answer"].due_at == utc(posted + timedelta(hours=24))
    assert by_id["reply"].due_at == utc(FOUND + timedelta(hours=5))


def test_school_reports_major_within_3h_and_gravest_within_2h() -> None:
    """003 篇三 (whose grades the school uses): 特别重大 上报 within 2 h, 重大 within 3 h."""
    assert [c.due.text for c in _route("school", "grade=特别重大").clocks if c.id == "report-up"] == ["2h"]
    assert [c.due.text for c in _route("school", "grade=重大").clocks if c.id == "report-up"] == ["3h"]


# -- 属地 coverage ------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "region", "lead"), [
    ("jining-ggzy", "370826", "branch-weishan"), ("jining-ggzy", "370832", "branch-liangshan"),
    ("jining-ggzy", "370812", "branch-yanzhou"), ("yichun-scjg", "360926", "tonggu"),
    ("yichun-scjg", "360921", "fengxin"),
])
def test_every_county_has_its_local_office(name: str, region: str, lead: str) -> None:
    assert _route(name, "topic=其他", f"region={region}").lead == lead


def test_all_counties_are_covered() -> None:
    jining = [d for d in _profile("jining-ggzy").departments.values() if d.region and len(d.region) == 6]
    yichun = [d for d in _profile("yichun-scjg").departments.values() if d.region and len(d.region) == 6]
    assert len(jining) == 11 and len(yichun) == 10


# -- invented rules are marked ------------------------------------------------------------------


def test_office_choices_are_marked_where_users_see_them() -> None:
    """jining's 5-working-day 备案 is not in 000: the profile and the route test say so."""
    profile = _profile("jining-ggzy")
    filing = next(c for c in profile.clocks if c.id == "filing")
    assert filing.choice and not filing.basis.startswith("000 第十一条（三）5")
    text = format_decision(profile, labels_from_pairs(profile, ["grade=三级"]), FOUND)
    assert "本单位自定" in text
    anshan = format_decision(_profile("anshan-ggzy"),
                             Labels(topic="交易业务", base_topic="公共资源交易", grade="特别重大", region=None,
                                    source_kind="news", source_tier="central"), FOUND)
    assert "本单位自定" in anshan  # 001 names no criteria for 特别重大
