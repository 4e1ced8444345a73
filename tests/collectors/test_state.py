"""The seen-set, cursor, health and errors on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from collectors import health, items
from collectors.kinds.base import Candidate
from collectors.settings import CollectorSettings
from collectors.sources import parse
from collectors.state import CollectorStore, SourceState
from core.contracts import Engagement
from core.errors import Failure

SPEC = parse({"sources": [{"id": "s1", "name": "测试", "kind": "rss", "url": "http://x.cn/f.xml"}]})[0].spec
NOW = datetime(2026, 1, 1, tzinfo=UTC)


def test_stage_publish_pending_and_revisions(store_settings) -> None:
    store = CollectorStore(store_settings)
    try:
        candidate = Candidate(url="http://x.cn/a.html?utm_source=1", title="标题", text="正文",
                              engagement=Engagement(replies=1))
        built = items.decide(SPEC, candidate, None, NOW)
        assert built is not None and built.item.revision == 0
        store.stage("s1", [built.staged])
        assert [p.item_id for p in store.pending("s1")] == [built.item.id]
        assert not store.is_published("s1", built.item.id)
        store.mark_published("s1", [(built.item.id, 0)])
        assert store.pending("s1") == [] and store.is_published("s1", built.item.id)
        seen = store.seen("s1", [built.item.id])[built.item.id]
        assert items.decide(SPEC, candidate, seen, NOW) is None  # nothing changed
        more = Candidate(url=candidate.url, title="标题", text="正文", engagement=Engagement(replies=900))
        update = items.decide(SPEC, more, seen, NOW)
        assert update is not None and update.item.revision == 1 and update.item.id == built.item.id
        store.stage("s1", [update.staged])
        # An ack of the old revision does not mark the new one.
        store.mark_published("s1", [(built.item.id, 0)])
        assert [p.revision for p in store.pending("s1")] == [1]
        only_counts = Candidate(url=candidate.url, title="", text="", engagement=Engagement(replies=5),
                                engagement_only=True)
        seen = store.seen("s1", [built.item.id])[built.item.id]
        counted = items.decide(SPEC, only_counts, seen, NOW)
        assert counted is not None and counted.item.text == "正文" and counted.item.revision == 2
        assert items.decide(SPEC, Candidate(url="http://x.cn/new", title="", text="", engagement_only=True),
                            None, NOW) is None

        store.save_state("s1", SourceState('"e1"', "Mon, 01 Jan 2026 00:00:00 GMT", {"since": 5}))
        store.save_state("s1", SourceState('"e2"', None, {"since": 6}))
        assert store.load_state("s1") == SourceState('"e2"', None, {"since": 6})

        store.record_errors("s1", [("原因一", None, True, False)] * 250)
        assert len(store.recent_errors("s1", limit=1000)) == 200
    finally:
        store.close()


def test_health_alerts_once_per_episode() -> None:
    settings = CollectorSettings(alert_after_failures=2, min_quiet_s=60, quiet_factor=2)
    fail = health.PollOutcome(failure=Failure("HTTP 500", retry=True))
    row, alerts = health.apply(None, SPEC, fail, settings, NOW)
    assert alerts == [] and row.consecutive_failures == 1
    row, alerts = health.apply(row, SPEC, fail, settings, NOW)
    assert [a["kind"] for a in alerts] == ["source_failing"]
    row, alerts = health.apply(row, SPEC, fail, settings, NOW)
    assert alerts == []
    row, alerts = health.apply(row, SPEC, health.PollOutcome(found=3, published=3), settings, NOW)
    assert [a["kind"] for a in alerts] == ["source_recovered"] and row.alert is None
    # The page still answers but the parser finds nothing any more.
    row, alerts = health.apply(row, SPEC, health.PollOutcome(found=0), settings, NOW + timedelta(seconds=10))
    assert [a["kind"] for a in alerts] == ["parser_empty"]
    row.alert = None
    row, alerts = health.apply(row, SPEC, health.PollOutcome(found=2), settings, NOW + timedelta(hours=3))
    assert [a["kind"] for a in alerts] == ["source_quiet"]
    assert health.row_summary(row)["status"] == "长时间无新内容"


def test_published_but_never_stored_is_pending_again(store_settings) -> None:
    """A broker that acknowledged items and then died lost them: they are sent again, the stored ones not."""
    from store.db import make_engine, sessions
    from store.items import upsert_items

    store = CollectorStore(store_settings)
    try:
        built = [items.decide(SPEC, Candidate(url=f"http://x.cn/{n}.html", title=f"标题{n}", text="正文"), None, NOW)
                 for n in range(3)]
        store.stage("s1", [b.staged for b in built if b])
        store.mark_published("s1", [(b.item.id, 0) for b in built if b])
        engine = make_engine(store_settings)
        with sessions(engine)() as session, session.begin():
            upsert_items(session, [built[0].item])  # only the first reached the store
        engine.dispose()
        assert store.requeue_unstored() == 2
        assert sorted(p.item_id for p in store.pending("s1")) == sorted(b.item.id for b in built[1:])
        assert store.is_published("s1", built[0].item.id)
        assert store.requeue_unstored() == 0
    finally:
        store.close()
