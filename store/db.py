"""Engines, sessions and migrations."""

from __future__ import annotations

import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import ExceptionContext
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from core.settings import StoreSettings

log = logging.getLogger(__name__)
MIGRATIONS = Path(__file__).parent / "migrations"
# SQLite errors after which a pooled connection is useless even once the cause is gone: a
# connection opened while the file was read-only stays read-only for good, one whose file was
# moved or lost its folder keeps failing. Treated as disconnects, they empty the pool.
_SQLITE_STALE = ("readonly database", "unable to open database file", "disk i/o error",
                 "database disk image is malformed")


def make_engine(settings: StoreSettings) -> Engine:
    if settings.url.startswith("sqlite"):
        engine = create_engine(settings.url, echo=settings.echo, connect_args={"timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
            cursor = dbapi_conn.cursor()
            # WAL lets the console read while the router writes; foreign keys are off by default.
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        @event.listens_for(engine, "handle_error")
        def _recycle_stale(context: ExceptionContext) -> None:
            if any(mark in str(context.original_exception).lower() for mark in _SQLITE_STALE):
                log.warning("store: %s; the connection pool is recycled", context.original_exception)
                context.is_disconnect = True

        return engine
    return create_engine(settings.url, echo=settings.echo, pool_pre_ping=True)


def sessions(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


# The key of the PostgreSQL advisory lock every migrating process takes (any stable 64-bit number;
# the text is "yuqing migrate" in ASCII, so an operator reading pg_locks can tell whose it is).
MIGRATION_LOCK_KEY = 0x7975716D6967


def migrate(settings: StoreSettings) -> None:
    """Bring the schema to the newest revision of every branch.

    On PostgreSQL the upgrade runs under a session advisory lock, so any number of services that
    start at once migrate one after the other: the first applies the revisions, the others wait
    for it, then find nothing left to do. (SQLite serialises writers on its file lock.)
    """
    config = alembic_config(settings.url)
    if settings.url.startswith("sqlite"):
        command.upgrade(config, "heads")
        return
    engine = create_engine(settings.url, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
            conn.commit()
            try:
                config.attributes["connection"] = conn
                command.upgrade(config, "heads")
                conn.commit()
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": MIGRATION_LOCK_KEY})
                conn.commit()
    finally:
        engine.dispose()


def current_heads(settings: StoreSettings) -> set[str]:
    from alembic.runtime.migration import MigrationContext

    with make_engine(settings).connect() as conn:
        return set(MigrationContext.configure(conn).get_current_heads())
