"""The incidents hook in the real router: one case for the story, re-graded with new clocks, leaders told.

``regrade`` below is the reference wiring of the router side (see incidents/hooks.py).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.contracts import encode
from core.settings import StoreSettings
from core.stage import Record
from incidents.hooks import IncidentsHook
from incidents.service import Assignment, GradeChange
from policies import profile_dir
from router import cases, notify, policy
from router.service import RouterProcessor
from router.settings import RouterSettings
from store.case_tables import CaseClockRow, CaseEventRow, NotificationRow
from store.db import make_engine, sessions
from store.incident_tables import IncidentRow
from store.tables import CaseRow
from tests.incidents.story import PROFILE, story


def test_story_through_the_router(store_settings: StoreSettings) -> None:
    profile = policy.load(profile_dir(PROFILE) / "profile.yaml")
    settings = RouterSettings(store=store_settings, rate_per_minute={}, receipt_secret="test-secret")
    joined: list[str] = []

    def regrade(session: Session, case: CaseRow, change: GradeChange, now: datetime) -> None:
        if case.status not in cases.OPEN or change.to_grade not in profile.grades:
            return
        cases._change_grade(session, profile, settings, case, change.to_grade, change.reason_text,
                            "系统（事件研判）", now)
        if change.to_top:
            notify.enqueue(session, profile, settings, case, purpose="regrade",
                           discriminator=f"{change.to_grade}-leader", departments=[profile.resolve_target("leader")],
                           now=now, note=change.reason_text)

    def on_joined(session: Session, item_case: CaseRow, a: Assignment, now: datetime) -> None:
        joined.append(a.item_id)

    responded: list[tuple[int, str]] = []

    def on_response(session: Session, incident_case: CaseRow, a: Assignment, now: datetime) -> None:
        responded.append((incident_case.id, a.item_id))

    hook = IncidentsHook(on_upgrade=regrade, on_joined=on_joined, on_response=on_response)
    processor = RouterProcessor(settings, profile, sessions(make_engine(store_settings)), on_routed=[hook])
    # One batch per item, in arrival order, as the stream would bring them.
    for offset, (_, item) in enumerate(story()):
        result = processor.process([Record("items.scored", 0, offset, item.item.id.encode(), encode(item))])
        assert not result.rejected
    done = hook.take()
    assert len({a.incident_id for a in done}) == 1
    # The response and the calm comment after it are under the intake: no case of their own, but
    # they count for the incident, and the response reaches the incident's case.
    assert joined == ["s2-local", "s3-county", "s4-portal", "s5-provincial", "s6-central"]
    assert [item for _, item in responded] == ["s7-official"]

    with sessions(make_engine(store_settings))() as session:
        incident = session.scalar(select(IncidentRow))
        assert incident is not None and incident.case_id is not None
        case = session.get(CaseRow, incident.case_id)
        assert case is not None and case.item_id == "s1-forum" and case.grade == "一级"
        assert responded[0][0] == case.id and incident.status == "responded" and incident.items == 8
        changes = [e.detail for e in session.scalars(select(CaseEventRow).where(
            CaseEventRow.case_id == case.id, CaseEventRow.action == "grade_changed").order_by(CaseEventRow.id))]
        assert [(c["from"], c["to"]) for c in changes] == [("三级", "二级"), ("二级", "一级")]
        assert "地方报刊" in changes[0]["reason"] and "省内主流媒体" in changes[1]["reason"]
        graded_clocks = {c.grade for c in session.scalars(select(CaseClockRow).where(CaseClockRow.case_id == case.id))}
        assert {"二级", "一级"} <= graded_clocks
        leader = profile.resolve_target("leader")
        regrades = session.scalars(select(NotificationRow).where(
            NotificationRow.case_id == case.id, NotificationRow.purpose == "regrade")).all()
        assert any(n.department_id == leader for n in regrades)
