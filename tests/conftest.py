"""Fixtures shared by the whole suite: the embedded broker, the store, and ../shared/."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.broker import EmbeddedBroker
from core.settings import KafkaSettings, StoreSettings
from store.db import migrate

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
PG_URL_ENV = "YUQING_TEST_PG_URL"


@pytest.fixture(autouse=True)
def _no_entry_point_handler_outlives_the_test() -> Iterator[None]:
    """A command run in-process (``main([...])``) configures the root logger as an entry point does,
    with a handler on the test's captured stderr. Kafka's background threads log after that stream
    is closed ("--- Logging error ---" in the output): the handler goes with the test."""
    root = logging.getLogger()
    level = root.level
    yield
    for handler in root.handlers[:]:
        if type(handler) is logging.StreamHandler:  # core.logs.configure's; pytest's are subclasses
            root.removeHandler(handler)
    root.setLevel(level)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared`` (rules, public data, recorded fixtures); tests that need it skip without it."""
    if not SHARED.is_dir():
        pytest.skip(f"../shared/ is absent ({SHARED}): recorded fixtures and public data are not here")
    return SHARED


@pytest.fixture(scope="session")
def broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedBroker]:
    """One real embedded Kafka-compatible broker for the session, on a free 127.0.0.1 port."""
    log_file = tmp_path_factory.mktemp("broker") / "tansu.log"
    with EmbeddedBroker(log_file=log_file) as running:
        yield running


@pytest.fixture
def kafka_settings(broker: EmbeddedBroker) -> KafkaSettings:
    return KafkaSettings(bootstrap_servers=broker.bootstrap_servers, connect_timeout_s=20)


@pytest.fixture
def sqlite_settings(tmp_path: Path) -> StoreSettings:
    settings = StoreSettings(url=f"sqlite:///{tmp_path / 'yuqing.db'}")
    migrate(settings)
    return settings


def _pg_url() -> str | None:
    return os.environ.get(PG_URL_ENV)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_settings(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[StoreSettings]:
    """The store on SQLite and on PostgreSQL: every store test runs on both."""
    if request.param == "sqlite":
        settings = StoreSettings(url=f"sqlite:///{tmp_path / 'yuqing.db'}")
        migrate(settings)
        yield settings
        return
    url = _pg_url()
    if not url:
        pytest.skip(f"PostgreSQL not configured: set {PG_URL_ENV} (.ci/run starts one)")
    import uuid

    from sqlalchemy import create_engine, text

    name = f"yuqing_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    base, _, _ = url.rpartition("/")
    settings = StoreSettings(url=f"{base}/{name}")
    migrate(settings)
    try:
        yield settings
    finally:
        from store.db import make_engine

        make_engine(settings).dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
