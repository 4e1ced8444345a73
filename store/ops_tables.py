"""Tables of operations: the install's own settings (generated secrets)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from store.tables import Base


class InstallSettingRow(Base):
    """A value generated once per install and kept with the store (a backup carries it along)."""

    __tablename__ = "install_settings"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
