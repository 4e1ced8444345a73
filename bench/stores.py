"""The stores a benchmark runs on: the one it is given, or a temporary SQLite file and then, when
``YUQING_TEST_PG_URL`` names a server, a temporary PostgreSQL database created for the run and dropped after."""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, text


@contextmanager
def temporary_postgres(server_url: str) -> Iterator[str]:
    """The URL of a fresh database on the server of ``server_url``, dropped on exit."""
    name = f"yuqing_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield f"{server_url.rpartition('/')[0]}/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def each_store(store: str | None, run: Callable[[str, str], None]) -> None:
    """``run(url, label)`` on ``store`` if given, else on temporary SQLite, then on temporary PostgreSQL."""
    if store:
        run(store, store.split(":")[0])
        return
    with tempfile.TemporaryDirectory() as folder:
        run(f"sqlite:///{folder}/bench.db", "SQLite")
    pg = os.environ.get("YUQING_TEST_PG_URL")
    if not pg:
        print("PostgreSQL skipped: set YUQING_TEST_PG_URL")
        return
    with temporary_postgres(pg) as url:
        run(url, "PostgreSQL")
