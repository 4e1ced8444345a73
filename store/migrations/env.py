"""Alembic environment: the URL comes from the Config the store builds, never from a file."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

config = context.config
url = config.get_main_option("sqlalchemy.url")
assert url is not None


def _run(connection: object) -> None:
    context.configure(connection=connection, render_as_batch=url.startswith("sqlite"))
    with context.begin_transaction():
        context.run_migrations()


# store.db.migrate hands over the connection that holds the migration lock on PostgreSQL.
given = config.attributes.get("connection")
if given is not None:
    _run(given)
else:
    engine = create_engine(url)
    with engine.connect() as connection:
        _run(connection)
    engine.dispose()
