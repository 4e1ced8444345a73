"""The engine survives a store that was read-only for a while: no restart by hand."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from core.settings import StoreSettings
from store.db import make_engine
from tests.store.faults import readonly


def test_sqlite_connections_opened_read_only_are_recycled(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    engine = make_engine(StoreSettings(url=f"sqlite:///{path}"))
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE t (x INTEGER)"))
    engine.dispose()  # the next connection is opened while the file is read-only
    with readonly(path):
        with pytest.raises(OperationalError, match="readonly"), engine.begin() as conn:
            conn.execute(text("INSERT INTO t VALUES (1)"))
        with pytest.raises(OperationalError, match="readonly"), engine.begin() as conn:
            conn.execute(text("INSERT INTO t VALUES (2)"))
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO t VALUES (3)"))
    with engine.connect() as conn:
        assert conn.execute(text("SELECT x FROM t")).scalars().all() == [3]
    engine.dispose()
