"""The console's handle on the store: one engine and session factory per application."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from core.settings import StoreSettings
from store.db import make_engine, sessions


class Store:
    def __init__(self, settings: StoreSettings) -> None:
        self.settings = settings
        self.engine: Engine = make_engine(settings)
        self.sessions: sessionmaker[Session] = sessions(self.engine)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()
