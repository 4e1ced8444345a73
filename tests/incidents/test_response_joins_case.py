"""An official 通报 of a bad event joins its incident's case as the response instead of opening a
fresh case as if it were news; with no incident to answer, it opens its own case."""

from __future__ import annotations

import msgspec
from sqlalchemy import func, select

from core.contracts import encode
from core.settings import StoreSettings
from core.stage import Record
from incidents.routing import router_hook
from policies import profile_dir
from router import policy
from router.cases import RESPONSE
from router.service import RouterProcessor
from router.settings import RouterSettings
from store.case_tables import CaseEventRow
from store.db import make_engine, sessions
from store.tables import CaseRow
from tests.incidents.story import PROFILE, story


def _processor(store_settings: StoreSettings, *, join_responses: bool) -> tuple[RouterProcessor, object]:
    profile = policy.load(profile_dir(PROFILE) / "profile.yaml")
    settings = RouterSettings(store=store_settings, rate_per_minute={}, receipt_secret="test-secret")
    hook = router_hook(settings, profile)
    processor = RouterProcessor(settings, profile, sessions(make_engine(store_settings)), on_routed=[hook],
                                responses=hook if join_responses else None)
    return processor, hook


def _official_notice_graded_as_news() -> list:
    """The story's first post and the office's 通报 of the same event, adverse and above the intake."""
    items = dict((name, s) for name, s in story())
    first, official = items["forum post"], items["official response"]
    # However the model scored it, the 通报 reports a bad event: above the intake on its own.
    return [first, msgspec.structs.replace(official, negativity=0.8)]


def test_official_notice_joins_the_incident_case(store_settings: StoreSettings) -> None:
    processor, _ = _processor(store_settings, join_responses=True)
    for offset, item in enumerate(_official_notice_graded_as_news()):
        processor.process([Record("items.scored", 0, offset, item.item.id.encode(), encode(item))])
    assert processor.counts.get(RESPONSE) == 1
    with sessions(make_engine(store_settings))() as session:
        cases = session.scalars(select(CaseRow)).all()
        assert [c.item_id for c in cases] == ["s1-forum"]
        events = session.scalars(select(CaseEventRow).where(CaseEventRow.case_id == cases[0].id)).all()
        assert any(e.action == "incident_responded" and e.detail["item"] == "s7-official" for e in events)
    # A replay of the 通报 changes nothing.
    again = _official_notice_graded_as_news()[1]
    processor.process([Record("items.scored", 0, 9, again.item.id.encode(), encode(again))])
    with sessions(make_engine(store_settings))() as session:
        assert session.scalar(select(func.count()).select_from(CaseRow)) == 1


def test_without_response_joining_the_notice_would_open_a_case(store_settings: StoreSettings) -> None:
    processor, _ = _processor(store_settings, join_responses=False)
    for offset, item in enumerate(_official_notice_graded_as_news()):
        processor.process([Record("items.scored", 0, offset, item.item.id.encode(), encode(item))])
    with sessions(make_engine(store_settings))() as session:
        assert sorted(c.item_id for c in session.scalars(select(CaseRow))) == ["s1-forum", "s7-official"]


def test_a_notice_with_no_incident_to_answer_opens_its_own_case(store_settings: StoreSettings) -> None:
    processor, _ = _processor(store_settings, join_responses=True)
    official = _official_notice_graded_as_news()[1]
    processor.process([Record("items.scored", 0, 0, official.item.id.encode(), encode(official))])
    with sessions(make_engine(store_settings))() as session:
        assert [c.item_id for c in session.scalars(select(CaseRow))] == ["s7-official"]


def test_a_notice_that_confirms_deaths_raises_the_incident_case(store_settings: StoreSettings) -> None:
    """000 第八条: the grade follows the event. The 通报 joins the case and what it confirms counts."""
    from datetime import timedelta

    from tests.incidents.story import FORUM, OFFICIAL, T0, scored

    post = scored("c1-post", FORUM, "任城区金宇花园三期工地脚手架倒了，好像有人被压住",
                  "刚路过济安桥路金宇花园三期工地，脚手架整片倒下来，好像压住了几个工人，救护车来了好几辆。",
                  T0, negativity=0.9, topic="应急管理")
    notice = scored("c2-notice", OFFICIAL, "关于任城区金宇花园三期工地脚手架坍塌事故的情况通报",
                    "12月1日9时许，任城区济安桥路金宇花园三期工地发生脚手架坍塌，造成2名工人死亡、3人受伤。"
                    "事故原因正在调查。", T0 + timedelta(hours=2), negativity=0.8, topic="应急管理")
    # Graded as the classifier grades it: the facts read from the text (2 deaths) included.
    from classifier.facts import find_facts
    from classifier.grading import Features
    from incidents.grading import profile_rules

    rules = profile_rules(PROFILE)
    assert rules is not None
    item = notice.item
    grade = rules.grade(Features(tier=item.source.tier, kind=item.source.kind, topic=notice.topic, negativity=0.8,
                                 relevance=0.9, facts=find_facts(item.title, item.text, government_source=True)))
    assert grade.level == "一级" and "死亡 2 人" in grade.reasons
    notice = msgspec.structs.replace(notice, grade=grade)
    processor, _ = _processor(store_settings, join_responses=True)
    for offset, item in enumerate([post, notice]):
        processor.process([Record("items.scored", 0, offset, item.item.id.encode(), encode(item))])
    assert processor.counts.get(RESPONSE) == 1
    with sessions(make_engine(store_settings))() as session:
        (case,) = session.scalars(select(CaseRow)).all()
        assert case.item_id == "c1-post" and case.grade == "一级"
        actions = [e.action for e in session.scalars(select(CaseEventRow).where(CaseEventRow.case_id == case.id))]
        assert "incident_responded" in actions and "grade_changed" in actions


def test_a_notice_in_the_same_batch_as_its_story_joins_it(store_settings: StoreSettings) -> None:
    processor, _ = _processor(store_settings, join_responses=True)
    batch = _official_notice_graded_as_news()
    processor.process([Record("items.scored", 0, i, s.item.id.encode(), encode(s)) for i, s in enumerate(batch)])
    assert processor.counts.get(RESPONSE) == 1
    with sessions(make_engine(store_settings))() as session:
        assert [c.item_id for c in session.scalars(select(CaseRow))] == ["s1-forum"]
