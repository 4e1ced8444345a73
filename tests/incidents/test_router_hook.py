"""incidents.routing.router_hook in the real router: one case for the story, re-graded with new
clocks, the leaders told at the top grade, joins and the response in the case's audit log."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from core.contracts import encode
from core.settings import StoreSettings
from core.stage import Record
from incidents.routing import router_hook, sweep_and_note
from policies import profile_dir
from router import policy
from router.service import RouterProcessor
from router.settings import RouterSettings
from store.case_tables import CaseClockRow, CaseEventRow, NotificationRow
from store.db import make_engine, sessions
from store.incident_tables import IncidentRow
from store.tables import CaseRow
from tests.incidents.story import PROFILE, story


@pytest.mark.parametrize(("fold", "batched"), [(False, False), (True, False), (True, True)])
def test_story_through_the_router(store_settings: StoreSettings, fold: bool, batched: bool) -> None:
    profile = policy.load(profile_dir(PROFILE) / "profile.yaml")
    settings = RouterSettings(store=store_settings, rate_per_minute={}, receipt_secret="test-secret")
    hook = router_hook(settings, profile, fold_joined=fold)
    engine = make_engine(store_settings)
    processor = RouterProcessor(settings, profile, sessions(engine), on_routed=[hook])
    records = [Record("items.scored", 0, offset, item.item.id.encode(), encode(item))
               for offset, (_, item) in enumerate(story())]
    # One batch per item, in arrival order, as a slow stream brings them; or the whole story in one
    # batch, as a burst brings it (grouped and folded per batch, the end is the same).
    for batch in ([records] if batched else [[r] for r in records]):
        result = processor.process(batch)
        assert not result.rejected
    assert len({a.incident_id for a in hook.take()}) == 1

    with sessions(engine)() as session:
        incident = session.scalar(select(IncidentRow))
        assert incident is not None and incident.case_id is not None and incident.items == 8
        case = session.get(CaseRow, incident.case_id)
        assert case is not None and case.item_id == "s1-forum" and case.grade == "一级"
        events = session.scalars(select(CaseEventRow).where(CaseEventRow.case_id == case.id)
                                 .order_by(CaseEventRow.id)).all()
        changes = [e.detail for e in events if e.action == "grade_changed"]
        assert [(c["from"], c["to"]) for c in changes] == [("三级", "二级"), ("二级", "一级")]
        assert "地方报刊" in changes[0]["reason"] and "省内主流媒体" in changes[1]["reason"]
        assert any(e.action == "incident_responded" and e.detail["item"] == "s7-official" for e in events)
        graded_clocks = {c.grade for c in session.scalars(select(CaseClockRow).where(CaseClockRow.case_id == case.id))}
        assert {"二级", "一级"} <= graded_clocks
        regrades = session.scalars(select(NotificationRow).where(
            NotificationRow.case_id == case.id, NotificationRow.purpose == "regrade")).all()
        assert profile.resolve_target("leader") in {n.department_id for n in regrades}
        # The reposts' own cases say where they went; folded, their alerts are held back (kept).
        others = session.scalars(select(CaseRow).where(CaseRow.id != case.id)).all()
        assert {c.item_id for c in others} == {"s2-local", "s3-county", "s4-portal", "s5-provincial", "s6-central"}
        for other in others:
            joined = session.scalars(select(CaseEventRow).where(
                CaseEventRow.case_id == other.id, CaseEventRow.action == "incident_joined")).all()
            assert len(joined) == 1 and joined[0].detail["incident"] == incident.id
            notes = session.scalars(select(NotificationRow).where(NotificationRow.case_id == other.id)).all()
            assert {n.status for n in notes} == ({"suppressed"} if fold else {"pending"})
            # The log says how many were held (per batch part, one UPDATE per incident).
            assert joined[0].detail.get("notifications_held") == (len(notes) if fold else None)
    # Quiet for long enough: the case is told 建议平息 (a person closes it).
    with sessions(engine)() as session, session.begin():
        # The router stamps items with its own clock: 60 hours from now.
        swept = sweep_and_note(session, datetime.now(UTC) + timedelta(hours=60))
    assert swept.closing_proposed == (incident.id,)
    with sessions(engine)() as session:
        quiet = session.scalars(select(CaseEventRow).where(
            CaseEventRow.case_id == case.id, CaseEventRow.action == "incident_quiet")).all()
        assert len(quiet) == 1 and quiet[0].detail["proposal"] == "建议平息"
    engine.dispose()
