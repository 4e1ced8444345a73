"""Console fixtures: a migrated SQLite store with accounts and cases opened by the router's API."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from console_helpers import Env, build
from fastapi.testclient import TestClient

from console.app import profile_for
from console.settings import ConsoleSettings
from core.settings import StoreSettings
from router.settings import RouterSettings
from store.db import migrate


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    """The seeded store, built once (migrations and Argon2 hashes are slow); each test gets a copy."""
    path = tmp_path_factory.mktemp("console-template") / "yuqing.db"
    store = StoreSettings(url=f"sqlite:///{path}")
    migrate(store)
    ids = build(store)
    return path, ids


@pytest.fixture
def env(template_db: tuple[Path, dict[str, int]], tmp_path: Path) -> Env:
    source, ids = template_db
    target = tmp_path / "yuqing.db"
    shutil.copyfile(source, target)
    store = StoreSettings(url=f"sqlite:///{target}")
    profile = profile_for("city-gov")
    settings = ConsoleSettings(store=store, cookie_secure=False, secret_key="test-console-secret-key",
                               login_max_failures=3, models_dir="")
    router_settings = RouterSettings(store=store, receipt_secret="test-receipt-secret",
                                     console_base_url="http://testserver")
    return Env(store, settings, router_settings, profile, dict(ids))


@pytest.fixture
def client(env: Env) -> Iterator[TestClient]:
    with TestClient(env.app()) as test_client:
        yield test_client
