"""Any number of services migrating one fresh PostgreSQL database at once all succeed."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, text

from core.settings import StoreSettings
from store.db import alembic_config, current_heads

pytestmark = pytest.mark.postgres


@pytest.fixture
def fresh_pg() -> Iterator[StoreSettings]:
    url = os.environ.get("YUQING_TEST_PG_URL")
    if not url:
        pytest.skip("PostgreSQL not configured: set YUQING_TEST_PG_URL (.ci/run starts one)")
    name = f"yuqing_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    base, _, _ = url.rpartition("/")
    try:
        yield StoreSettings(url=f"{base}/{name}")
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_four_services_migrate_one_fresh_database_at_once(fresh_pg: StoreSettings) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("YUQING")}
    env["YUQING__STORE__URL"] = f'"{fresh_pg.url}"'
    command = [sys.executable, "-m", "yuqing.cli", "migrate"]
    processes = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for _ in range(4)]
    results = [(p.wait(timeout=180), p.stderr.read() if p.stderr else "") for p in processes]
    failures = [err for code, err in results if code != 0]
    assert not failures, failures[0][-3000:]
    script = ScriptDirectory.from_config(alembic_config(fresh_pg.url))
    assert current_heads(fresh_pg) == set(script.get_heads())
