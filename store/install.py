"""Secrets generated per install and kept with the store's settings, so that no shipped default
is ever in use: the first service to need one creates it, every other reads the same value."""

from __future__ import annotations

import logging
import secrets
import threading

from sqlalchemy import select

from core.contracts import utcnow
from core.settings import StoreSettings
from store.db import make_engine, sessions
from store.items import insert_for
from store.ops_tables import InstallSettingRow

log = logging.getLogger(__name__)

RECEIPT_SECRET = "receipt_secret"
CONSOLE_SECRET = "console_secret_key"
# Values once shipped as defaults (or printed in guides): anyone can sign with them, so a
# service refuses them outright.
KNOWN_DEFAULT_SECRETS = frozenset({
    "change-me", "change-me-console-secret", "changeme", "secret", "password", "yuqing", "test", "default",
})

_cache: dict[tuple[str, str], str] = {}
_lock = threading.Lock()


def is_known_default(value: str) -> bool:
    return value.strip().lower() in KNOWN_DEFAULT_SECRETS


def install_secret(store: StoreSettings, name: str) -> str:
    """The install's secret ``name`` (32 random bytes, URL-safe): made by the migration that created
    the table, or on first use for a name added since."""
    key = (store.url, name)
    with _lock:
        if key in _cache:
            return _cache[key]
        engine = make_engine(store)
        try:
            with sessions(engine)() as session:
                value = session.scalar(select(InstallSettingRow.value).where(InstallSettingRow.name == name))
            if value is None:
                with sessions(engine)() as session, session.begin():
                    stmt = insert_for(session, InstallSettingRow).values(
                        name=name, value=secrets.token_urlsafe(32), created_at=utcnow())
                    session.execute(stmt.on_conflict_do_nothing(index_elements=[InstallSettingRow.name]))
                    value = session.scalar(select(InstallSettingRow.value).where(InstallSettingRow.name == name))
        finally:
            engine.dispose()
        assert value is not None
        _cache[key] = value
        return value
