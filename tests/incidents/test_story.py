"""Replay of a recorded story: one incident, its grade path with reasons, upgrade signals, response."""

from __future__ import annotations

from datetime import timedelta

import pytest

import incidents
from core.settings import StoreSettings
from store.db import make_engine, sessions
from tests.incidents.story import T0, UNRELATED, scored, source, story


@pytest.fixture
def factory(store_settings: StoreSettings):  # type: ignore[no-untyped-def]
    engine = make_engine(store_settings)
    yield sessions(engine)
    engine.dispose()


def test_story_is_one_incident_with_its_grade_path_and_response(factory) -> None:  # type: ignore[no-untyped-def]
    results: dict[str, incidents.Assignment] = {}
    with factory() as session, session.begin():
        for what, item in story():
            results[what] = incidents.assign(session, item, item.item.fetched_at)
        others = [incidents.assign(session, u, u.item.fetched_at) for u in UNRELATED]

    ids = {a.incident_id for a in results.values()}
    assert len(ids) == 1, {w: (a.incident_id, a.how, a.reason) for w, a in results.items()}
    assert all(o.incident_id not in ids and o.is_new for o in others)
    first = results["forum post"]
    assert first.is_new and first.how == "first" and first.grade == "三级" and first.upgrade is None
    # Reposts and follow-ups join, each with why.
    assert results["local repost"].how == "repost" and results["local repost"].reason["similarity"] >= 0.5
    assert results["county repost, truncated"].how == "repost"
    assert results["portal repost, same title"].how in {"title", "follow_up"}
    assert results["provincial report"].how == "follow_up"
    assert "鑫达商贸公司" in results["provincial report"].reason["shared_terms"] or \
        results["provincial report"].reason["anchors"]
    assert results["official response"].how == "response"

    # Grade path: 三级 (forum) → 二级 (local press) → 一级 (provincial), each with an upgrade signal.
    local = results["local repost"].upgrade
    assert local is not None and (local.from_grade, local.to_grade) == ("三级", "二级") and local.applied
    assert any("地方报刊" in r for r in local.reasons) and not local.to_top
    prov = results["provincial report"].upgrade
    assert prov is not None and (prov.from_grade, prov.to_grade) == ("二级", "一级") and prov.to_top
    assert any("省内主流媒体" in r for r in prov.reasons) and any("省级媒体报道" in r for r in prov.reasons)
    assert results["central report"].upgrade is None and results["central report"].grade == "一级"
    assert results["county repost, truncated"].upgrade is None

    # Response: marks the incident responded; negativity after it is measured.
    resp = results["official response"]
    assert resp.responded_now and resp.status == "responded"
    after = results["comment after response"].metrics
    assert after.negativity_after_response == pytest.approx(0.35)
    assert after.negativity_before_response is not None and after.negativity_before_response > 0.7

    m = after
    assert m.items == 8 and m.sources == 8 and m.top_tier == "central"
    assert m.first_source == "济宁吧" and m.first_published_at == T0
    assert m.views == 3200 + 12000 + 800 + 56000 + 230000 and m.heat_index > 0

    with factory() as session:
        detail = incidents.show_incident(session, first.incident_id, now=T0 + timedelta(hours=29))
        assert next(t.item_id for t in detail.timeline) == "s1-forum"
        assert [s.tier for s in detail.spread][:2] == ["self_media", "prefecture"]
        # Read back from the store, not from the objects of the writing session.
        assert detail.metrics.negativity_after_response == pytest.approx(0.35)
        assert detail.metrics.negativity_before_response == after.negativity_before_response
        hours = detail.hourly
        assert sum(h.items for h in hours) == 8 and hours[0].new_sources == 1 and hours[0].top_tier == "self_media"
        actions = [e.action for e in detail.events]
        assert actions.count("upgraded") == 2 and "responded" in actions and actions[0] == "graded"
        listed = incidents.list_incidents(session, now=T0 + timedelta(hours=29))
        assert listed[0].id == first.incident_id and listed[0].grade == "一级"


def test_replay_changes_nothing_and_revisions_update_engagement(factory) -> None:  # type: ignore[no-untyped-def]
    items = [item for _, item in story()[:3]]
    with factory() as session, session.begin():
        first = [incidents.assign(session, i, i.item.fetched_at) for i in items]
    with factory() as session, session.begin():
        again = [incidents.assign(session, i, i.item.fetched_at + timedelta(hours=1)) for i in items]
    assert [a.incident_id for a in again] == [a.incident_id for a in first]
    assert all(a.how == "replay" and not a.is_new for a in again)
    assert again[-1].metrics.items == 3
    import msgspec

    bumped = msgspec.structs.replace(items[0], item=msgspec.structs.replace(
        items[0].item, revision=1, engagement=msgspec.structs.replace(items[0].item.engagement, views=5200)))
    with factory() as session, session.begin():
        a = incidents.assign(session, bumped, T0 + timedelta(hours=5))
    assert a.metrics.views == first[-1].metrics.views + 2000 and a.metrics.items == 3


def test_quiet_incident_is_proposed_for_closing_and_ages_out(factory) -> None:  # type: ignore[no-untyped-def]
    with factory() as session, session.begin():
        for _, item in story():
            a = incidents.assign(session, item, item.item.fetched_at)
    last = T0 + timedelta(hours=28)
    with factory() as session, session.begin():
        early = incidents.sweep(session, last + timedelta(hours=10))
    assert early.closing_proposed == ()
    with factory() as session, session.begin():
        late = incidents.sweep(session, last + timedelta(hours=60))
    assert late.closing_proposed == (a.incident_id,)
    # A late repost reopens it (back to 已回应: the response stands), with the reason in its history.
    _, first = story()[0]
    repost = scored("s9-late", source("late", "某论坛", "forum", "self_media"), first.item.title,
                    "转发：" + first.item.text, last + timedelta(hours=61))
    with factory() as session, session.begin():
        again = incidents.assign(session, repost, repost.item.fetched_at)
    assert again.incident_id == a.incident_id and again.how == "repost" and again.status == "responded"
    assert "reopened" in again.events
    with factory() as session, session.begin():
        assert incidents.sweep(session, last + timedelta(hours=130)).closing_proposed == (a.incident_id,)
    with factory() as session, session.begin():
        gone = incidents.sweep(session, last + timedelta(hours=300))
        assert gone.keys_removed > 0
        detail = incidents.show_incident(session, a.incident_id)
        assert detail.summary.status == "closing_proposed"
        assert any(e.action == "closing_proposed" for e in detail.events)
