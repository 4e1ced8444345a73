"""A batch of items grouped as the router groups them (prepare, assign each, finish: the index read
once, the items and index rows written once) ends exactly as one transaction per item does."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

import msgspec
import pytest
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

import incidents
from core.contracts import ScoredItem, encode
from core.settings import StoreSettings
from core.stage import Record
from incidents.routing import router_hook
from policies import profile_dir
from router import cases, policy
from router.service import RouterProcessor
from router.settings import RouterSettings
from router.timeutil import now as utcnow
from store.case_tables import CaseEventRow, NotificationRow
from store.db import make_engine, sessions
from store.incident_tables import IncidentItemRow, IncidentKeyRow, IncidentRow, IncidentSourceRow
from store.items import upsert_scored
from tests.incidents.story import PROFILE, T0, UNRELATED, scored, source, story
from tests.incidents.test_concurrency import reposts


def _items() -> list[ScoredItem]:
    # The story with an unrelated item in the middle, a second story's reposts, and an item that
    # quotes nothing: new incidents opened mid-batch must be found by the items after them.
    items = [item for _, item in story()]
    return [*items[:3], UNRELATED[1], *items[3:], *reposts(5, "r"), UNRELATED[0]]


def _state(factory: Callable[[], Session]) -> dict[str, object]:
    with factory() as session:
        incidents_rows = session.scalars(select(IncidentRow).order_by(IncidentRow.id)).all()
        return {
            "incidents": [(r.id, r.first_item_id, r.items, r.sources, r.negative_items, r.views, r.grade, r.status,
                           r.suggested_grade, r.responded_at is not None) for r in incidents_rows],
            "items": sorted(session.execute(select(IncidentItemRow.item_id, IncidentItemRow.incident_id,
                                                   IncidentItemRow.how, IncidentItemRow.after_response)).all()),
            "keys": sorted(session.execute(select(IncidentKeyRow.key, IncidentKeyRow.incident_id,
                                                  IncidentKeyRow.item_id)).all()),
            "sources": session.scalar(select(func.count()).select_from(IncidentSourceRow)),
        }


def _arrivals(items: list[ScoredItem]) -> list[datetime]:
    # Arrival times never go back, as in the router (one clock, one time per batch).
    out: list[datetime] = []
    for item in items:
        out.append(max([item.item.fetched_at, *out[-1:]]))
    return out


def _summary(a: incidents.Assignment) -> tuple[object, ...]:
    return (a.item_id, a.incident_id, a.is_new, a.how, a.metrics.items, a.metrics.growth_last_hour, a.grade,
            a.upgrade.to_grade if a.upgrade else None, a.responded_now)


def test_a_batch_groups_exactly_as_one_transaction_per_item(store_settings: StoreSettings) -> None:
    items = _items()
    alone_engine = make_engine(store_settings)
    alone = sessions(alone_engine)
    one_by_one = []
    for item, now in zip(items, _arrivals(items), strict=True):
        with alone() as session, session.begin():
            one_by_one.append(_summary(incidents.assign(session, item, now)))
    expected = _state(alone)
    # Start again from an empty store.
    with alone() as session, session.begin():
        for table in (IncidentKeyRow, IncidentItemRow, IncidentSourceRow):
            session.execute(table.__table__.delete())
        session.execute(IncidentRow.__table__.delete().execution_options(synchronize_session=False))
    alone_engine.dispose()

    engine = make_engine(store_settings)
    statements: list[str] = []
    event.listen(engine, "before_cursor_execute",
                 lambda _c, _cur, statement, *_a: statements.append(" ".join(statement.split()[:3])))
    factory = sessions(engine)
    with factory() as session, session.begin():
        incidents.prepare(session, items)
        batched = [_summary(incidents.assign(session, item, now))
                   for item, now in zip(items, _arrivals(items), strict=True)]
        incidents.finish(session)
    assert batched == one_by_one
    assert _state(factory) == expected
    assert len({s[1] for s in batched}) == 3  # the story (its reposts join it), two unrelated items
    # The index was read for the batch at once, and its items and index rows written at once.
    assert statements.count("INSERT INTO incident_items") == 1
    assert statements.count("INSERT INTO incident_keys") == 1
    engine.dispose()


def test_a_batch_that_is_not_finished_is_written_at_commit(store_settings: StoreSettings) -> None:
    engine = make_engine(store_settings)
    factory = sessions(engine)
    items = [item for _, item in story()[:3]]
    with factory() as session, session.begin():
        incidents.prepare(session, items)
        for item in items:
            incidents.assign(session, item, item.item.fetched_at)
    with factory() as session:
        assert session.scalar(select(func.count()).select_from(IncidentItemRow)) == 3
        assert session.scalar(select(func.count()).select_from(IncidentKeyRow)) > 0
    engine.dispose()


def test_an_item_twice_in_one_router_batch_is_grouped_once(store_settings: StoreSettings,
                                                           caplog: pytest.LogCaptureFixture) -> None:
    """The second copy (a newer revision with more views) is a replay: counted once, its
    engagement taken over; the batch is not refused and routed one by one."""
    profile = policy.load(profile_dir(PROFILE) / "profile.yaml")
    settings = RouterSettings(store=store_settings, rate_per_minute={}, receipt_secret="test-secret")
    hook = router_hook(settings, profile)
    engine = make_engine(store_settings)
    processor = RouterProcessor(settings, profile, sessions(engine), on_routed=[hook], responses=hook)
    first = story()[0][1]
    newer = msgspec.structs.replace(first, item=msgspec.structs.replace(
        first.item, revision=1, engagement=msgspec.structs.replace(first.item.engagement, views=9000)))
    other = scored("x1", source("x", "网站", "news", "portal"), "转：实名举报任城区第一实验学校食堂设备采购围标串标",
                   first.item.text, T0 + timedelta(minutes=5))
    official = story()[6][1]
    # The office's notice cuts the batch in two parts (router.service._parts): the second copy is
    # in the other part, after the first part's writes.
    batch = [first, other, official, newer]
    with caplog.at_level(logging.WARNING):
        result = processor.process([Record("items.scored", 0, n, s.item.id.encode(), encode(s))
                                    for n, s in enumerate(batch)])
    assert not result.rejected
    assert "one by one" not in caplog.text
    hows = [a.how for a in hook.take()]
    assert hows == ["first", "repost", "response", "replay"], hows
    with sessions(engine)() as session:
        incident = session.scalar(select(IncidentRow))
        assert incident is not None and incident.items == 3 and incident.views == 9000
    engine.dispose()


def test_the_hook_called_without_finish_loses_nothing(store_settings: StoreSettings) -> None:
    """Outside the router (a script, the console's seed), one item at a time and no finish(): the
    joins the hook noted, and the notifications it holds back, are written when the transaction
    commits."""
    profile = policy.load(profile_dir(PROFILE) / "profile.yaml")
    settings = RouterSettings(store=store_settings, rate_per_minute={}, receipt_secret="test-secret")
    hook = router_hook(settings, profile, fold_joined=True)
    engine = make_engine(store_settings)
    factory = sessions(engine)
    with factory() as session, session.begin():
        for _, one in story()[:3]:
            upsert_scored(session, [one])
            case, outcome = cases.open_or_update(session, profile, settings, one, utcnow())
            hook(session, one, case, outcome, utcnow())
    with factory() as session:
        joined = session.scalars(select(CaseEventRow).where(CaseEventRow.action == "incident_joined")).all()
        assert len(joined) == 2
        for event_row in joined:
            held = session.scalars(select(NotificationRow).where(NotificationRow.case_id == event_row.case_id)).all()
            assert held and {n.status for n in held} == {"suppressed"}
            assert event_row.detail["notifications_held"] == len(held)
        assert session.scalar(select(func.count()).select_from(IncidentItemRow)) == 3
    engine.dispose()
