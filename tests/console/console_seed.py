"""Seeding the store for console tests and benchmarks through the router's own API."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from core.contracts import Engagement, Grade, RawItem, ScoredItem, Source
from core.settings import StoreSettings
from router import cases
from router.policy import Profile
from router.settings import RouterSettings
from router.timeutil import now as utcnow
from store.db import make_engine, sessions
from store.items import upsert_scored

GRADE_RANK = {"特别重大": 0, "重大": 1, "一般": 2}


def scored(item_id: str, *, topic: str = "住房", grade: str = "一般", title: str = "某小区房屋漏水业主投诉无果",
           text: str = "业主反映新交付房屋多处漏水，多次投诉无人处理。", region: str | None = None,
           kind: str = "news", tier: str = "prefecture", source: str = "本地新闻网", negativity: float = 0.9,
           views: int | None = 1200, replies: int | None = 35, url: str | None = None,
           fetched_at: datetime | None = None) -> ScoredItem:
    item = RawItem(
        id=item_id, source=Source(id=f"src-{kind}", name=source, kind=kind, tier=tier, region=region),
        url=url or f"https://news.example.org/{item_id}", title=title, text=text,
        fetched_at=fetched_at or datetime.now(UTC), engagement=Engagement(views=views, replies=replies))
    return ScoredItem(item=item, negativity=negativity, relevance=0.8, topic=topic,
                      grade=Grade(grade, GRADE_RANK.get(grade, 2), ("测试：负面倾向明显", "测试：本地媒体报道")),
                      model_version="test-1", profile="city-gov", scored_at=datetime.now(UTC))


def seed(store: StoreSettings, profile: Profile, items: list[ScoredItem], **router: Any) -> list[int]:
    """Open a case for each scored item the way the router does; returns the case ids."""
    settings = RouterSettings(store=store, receipt_secret="test-receipt-secret", **router)
    engine = make_engine(store)
    try:
        with sessions(engine)() as session, session.begin():
            ids = []
            for one in items:
                upsert_scored(session, [one])
                case, outcome = cases.open_or_update(session, profile, settings, one, utcnow())
                assert case is not None, f"{one.item.id} opened no case ({outcome}): below the profile's intake?"
                ids.append(case.id)
            return ids
    finally:
        engine.dispose()


def seed_incident(store: StoreSettings, profile: Profile, items: list[ScoredItem]) -> list[int | None]:
    """Open cases and group the items into incidents as the router does (with the incidents hook)."""
    from incidents.routing import router_hook

    settings = RouterSettings(store=store, receipt_secret="test-receipt-secret")
    hook = router_hook(settings, profile)
    engine = make_engine(store)
    try:
        with sessions(engine)() as session, session.begin():
            ids: list[int | None] = []
            for one in items:
                upsert_scored(session, [one])
                case, outcome = cases.open_or_update(session, profile, settings, one, utcnow())
                hook(session, one, case, outcome, utcnow())
                ids.append(case.id if case is not None else None)
            # As the router ends a batch: the grouping's buffered writes and audit lines.
            hook.finish(session)
            return ids
    finally:
        engine.dispose()
