"""Item and score writes are idempotent on SQLite and PostgreSQL alike."""

from __future__ import annotations

from datetime import UTC, datetime

from alembic.script import ScriptDirectory
from sqlalchemy import func, select

from core.contracts import Engagement, Grade, RawItem, ScoredItem, Source, item_id_for
from core.settings import StoreSettings
from store.db import alembic_config, current_heads, make_engine, sessions
from store.items import upsert_items, upsert_scored
from store.tables import ItemRow, ScoredItemRow


def _item(revision: int = 0, replies: int = 10) -> RawItem:
    url = "http://bbs.example.cn/thread-1.html"
    return RawItem(
        id=item_id_for(url), source=Source(id="bbs", name="示例论坛", kind="forum", tier="self_media"),
        url=url, title="拖欠工资", text="工地拖欠农民工工资半年", fetched_at=datetime(2026, 11, 25, tzinfo=UTC),
        engagement=Engagement(replies=replies), revision=revision, region_hints=("450700",))


def test_migrations_reach_every_head(store_settings: StoreSettings) -> None:
    script = ScriptDirectory.from_config(alembic_config(store_settings.url))
    assert current_heads(store_settings) == set(script.get_heads())


def test_item_upsert_is_idempotent_and_keeps_the_newest_revision(store_settings: StoreSettings) -> None:
    make = sessions(make_engine(store_settings))
    for item in (_item(), _item(), _item(revision=2, replies=5000), _item(revision=1, replies=99)):
        with make.begin() as session:
            upsert_items(session, [item])
    with make() as session:
        rows = session.scalars(select(ItemRow)).all()
    assert len(rows) == 1
    assert rows[0].replies == 5000 and rows[0].revision == 2 and rows[0].region == "450700"
    assert rows[0].payload["title"] == "拖欠工资"


def test_scored_upsert_replays_without_duplicates(store_settings: StoreSettings) -> None:
    make = sessions(make_engine(store_settings))
    scored = ScoredItem(item=_item(), negativity=0.9, relevance=0.7, topic="就业",
                        grade=Grade("重大", 1, ("论坛帖子", "负面 0.90")), model_version="m1",
                        profile="city-gov", scored_at=datetime.now(UTC))
    for _ in range(3):
        with make.begin() as session:
            upsert_scored(session, [scored])
    with make() as session:
        assert session.scalar(select(func.count()).select_from(ScoredItemRow)) == 1
        row = session.get(ScoredItemRow, scored.item.id)
    assert row is not None and row.grade_reasons == ["论坛帖子", "负面 0.90"]


def test_emotion_is_kept_beside_negativity_and_a_v1_score_keeps_none(store_settings: StoreSettings) -> None:
    make = sessions(make_engine(store_settings))
    calm_expose = ScoredItem(item=_item(), negativity=0.97, relevance=0.9, topic="就业", emotion=0.04,
                             grade=Grade("重大", 1, ("中央级媒体",)), model_version="m2", profile="city-gov",
                             scored_at=datetime.now(UTC))
    with make.begin() as session:
        upsert_scored(session, [calm_expose])
    with make() as session:
        row = session.get(ScoredItemRow, calm_expose.item.id)
        assert row is not None and (row.negativity, row.emotion) == (0.97, 0.04)
    v1 = ScoredItem(item=calm_expose.item, negativity=0.9, relevance=0.9, topic="就业",
                    grade=Grade("重大", 1, ()), model_version="m1", profile="city-gov", scored_at=datetime.now(UTC))
    with make.begin() as session:
        upsert_scored(session, [v1])
    with make() as session:
        row = session.get(ScoredItemRow, calm_expose.item.id)
        assert row is not None and row.emotion is None and row.model_version == "m1"
