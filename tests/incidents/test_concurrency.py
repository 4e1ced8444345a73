"""Two workers (threads with their own sessions) assigning reposts of one story: one incident."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError

import incidents
from core.contracts import ScoredItem
from core.settings import StoreSettings
from store.db import make_engine, sessions
from store.incident_tables import IncidentItemRow, IncidentRow
from tests.incidents.story import POST, T0, scored, source

PREFIXES = ["", "转发：", "【来源：济宁吧】", "转载自网友：", "//@网友甲: ", "扩散！", "原标题：举报 ",
            "#济宁围标串标# "]
SUFFIXES = ["", " 责任编辑：王敏", " 希望有关部门重视！", " 点击查看原文", "（完）", " 来源：大众网"]


def reposts(n: int, tag: str) -> list[ScoredItem]:
    out = []
    for i in range(n):
        text = PREFIXES[i % len(PREFIXES)] + POST[: len(POST) - (i % 5) * 10] + SUFFIXES[i % len(SUFFIXES)]
        src = source(f"{tag}-src{i % 7}", f"网站{i % 7}", "news", "portal")
        out.append(scored(f"{tag}-{i}", src, f"转：任城区学校食堂设备采购围标串标{i % 3}", text,
                          T0 + timedelta(minutes=i)))
    return out


def _worker(factory, items: list[ScoredItem], barrier: threading.Barrier, errors: list[BaseException],  # type: ignore[no-untyped-def]
            batch: int) -> None:
    barrier.wait()
    for start in range(0, len(items), batch):
        chunk = items[start:start + batch]
        # One transaction per chunk, retried like the router retries a batch on a store error
        # (a deadlock between two workers on PostgreSQL, a busy database on SQLite). A chunk of
        # more than one item runs as the router runs a batch: prepared, its writes buffered.
        for _attempt in range(20):
            try:
                with factory() as session, session.begin():
                    if batch > 1:
                        incidents.prepare(session, chunk)
                    for item in chunk:
                        incidents.assign(session, item, item.item.fetched_at)
                    if batch > 1:
                        incidents.finish(session)
                break
            except DBAPIError as exc:
                last = exc
        else:
            errors.append(last)


@pytest.mark.parametrize("batch", [1, 4])
def test_two_workers_one_story_one_incident(store_settings: StoreSettings, batch: int) -> None:
    engine = make_engine(store_settings)
    factory = sessions(engine)
    try:
        items_a, items_b = reposts(12, "a"), reposts(12, "b")
        barrier = threading.Barrier(2)
        errors: list[BaseException] = []
        threads = [threading.Thread(target=_worker, args=(factory, chunk, barrier, errors, batch))
                   for chunk in (items_a, items_b)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=120)
        assert not errors, errors
        with factory() as session:
            assert session.scalar(select(func.count()).select_from(IncidentItemRow)) == 24
            rows = session.scalars(select(IncidentRow)).all()
            assert len(rows) == 1, [(r.id, r.first_item_id, r.items) for r in rows]
            assert rows[0].items == 24 and rows[0].sources == 14
    finally:
        engine.dispose()
