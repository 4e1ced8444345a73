"""Retention: text stored once, old text, scores, closed cases and the audit log pruned; open cases untouched."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select, update

from collectors import items as collector_items
from collectors.kinds.base import Candidate
from collectors.sources import parse
from collectors.state import CollectorStore
from console.app import profile_for
from core.contracts import Engagement, RawItem, decode
from core.settings import OpsSettings, StoreSettings
from router.cases import CLOSED, OPEN
from store.case_tables import CaseClockRow, CaseEventRow, NotificationRow
from store.collector_tables import CollectorSeenRow
from store.console_tables import ConsoleAuditRow
from store.db import make_engine, sessions
from store.items import upsert_items
from store.retention import prune
from store.tables import CaseRow, ItemRow, ScoredItemRow
from tests.console.console_seed import scored, seed

SPEC = parse({"sources": [{"id": "s1", "name": "测试", "kind": "rss", "url": "http://x.cn/f.xml"}]})[0].spec
NOW = datetime.now(UTC)
OLD = NOW - timedelta(days=400)


def test_text_is_stored_once_and_an_update_still_finds_it(store_settings: StoreSettings) -> None:
    store = CollectorStore(store_settings)
    factory = sessions(make_engine(store_settings))
    try:
        candidate = Candidate(url="http://x.cn/a.html", title="标题", text="正文很长的一段话",
                              engagement=Engagement(replies=1))
        built = collector_items.decide(SPEC, candidate, None, NOW)
        assert built is not None
        waiting = collector_items.decide(SPEC, Candidate(url="http://x.cn/b.html", title="乙", text="乙文"), None, NOW)
        assert waiting is not None
        store.stage("s1", [built.staged, waiting.staged])
        store.mark_published("s1", [(built.item.id, 0), (waiting.item.id, 0)])
        with factory() as session, session.begin():
            upsert_items(session, [built.item])  # only the first reached the store
        assert prune(factory, OpsSettings(), OPEN).counts.get("seen_payload") == 1
        with factory() as session:
            payloads = dict(session.execute(select(CollectorSeenRow.item_id, CollectorSeenRow.payload)).all())
            stored = session.get(ItemRow, built.item.id)
        assert payloads[built.item.id] == "" and payloads[waiting.item.id] != ""
        assert stored is not None and stored.text == "正文很长的一段话" and "text" not in stored.payload
        # An engagement-only re-read rebuilds the item from the store.
        seen = store.seen("s1", [built.item.id])[built.item.id]
        assert decode(seen.payload.encode(), RawItem).text == "正文很长的一段话"
        counts = Candidate(url=candidate.url, title="", text="", engagement=Engagement(replies=50),
                           engagement_only=True)
        update_ = collector_items.decide(SPEC, counts, seen, NOW)
        assert update_ is not None and update_.item.revision == 1 and update_.item.text == "正文很长的一段话"
        # After a broker restart only what the store lacks is sent again, never a compacted row.
        assert store.requeue_unstored() == 1
        assert [p.item_id for p in store.pending("s1")] == [waiting.item.id]
    finally:
        store.close()


def test_old_data_goes_open_cases_stay(store_settings: StoreSettings) -> None:
    profile = profile_for("city-gov")
    open_id, closed_id = seed(store_settings, profile, [scored("open-1"), scored("closed-1")])
    factory = sessions(make_engine(store_settings))
    with factory() as session, session.begin():
        upsert_items(session, [RawItem(id="plain-old", source=scored("x").item.source, url="http://x.cn/old",
                                       title="旧帖", text="旧正文", fetched_at=OLD),
                               RawItem(id="plain-new", source=scored("x").item.source, url="http://x.cn/new",
                                       title="新帖", text="新正文", fetched_at=NOW)])
        session.execute(update(ItemRow).where(ItemRow.id.in_(["open-1", "closed-1"])).values(fetched_at=OLD))
        session.execute(update(CaseRow).where(CaseRow.id == closed_id).values(status=CLOSED, closed_at=OLD))
        session.add(ConsoleAuditRow(at=OLD, actor="admin", action="login", target="", detail={}, ip=""))
        session.add(ConsoleAuditRow(at=NOW, actor="admin", action="login", target="", detail={}, ip=""))
    with factory() as session:
        assert session.scalar(select(func.count()).select_from(NotificationRow)
                              .where(NotificationRow.case_id == closed_id))
    done = prune(factory, OpsSettings(keep_raw_text_days=180, keep_closed_cases_days=365, keep_audit_days=365),
                 OPEN, now=NOW)
    with factory() as session:
        texts = dict(session.execute(select(ItemRow.id, ItemRow.text)).all())
        assert texts["plain-old"] == "" and texts["plain-new"] == "新正文"
        assert texts["open-1"] != "", "an open case keeps its item's text"
        assert session.get(CaseRow, open_id) is not None and session.get(CaseRow, closed_id) is None
        for table in (NotificationRow, CaseClockRow, CaseEventRow):
            assert not session.scalar(select(func.count()).select_from(table).where(table.case_id == closed_id))
        assert session.scalar(select(func.count()).select_from(ConsoleAuditRow)) == 1
        assert session.get(ScoredItemRow, "open-1") is not None
    assert done.counts["closed_cases"] == 1 and done.counts["audit"] == 1
    again = prune(factory, OpsSettings(keep_raw_text_days=180, keep_closed_cases_days=365, keep_audit_days=365),
                  OPEN, now=NOW)
    assert not {k: v for k, v in again.counts.items() if k != "item_text"}, "a second pass finds nothing more"
