"""Tables of the classifier: the office's labelled cases (the model registry itself is on disk)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from store.tables import Base


class LabelRow(Base):
    """One labelled case for a head (negativity, relevance, topic, grade); a text is labelled once per
    head and profile, a later import of the same text updates the label."""

    __tablename__ = "labels"
    __table_args__ = (UniqueConstraint("head", "profile", "text_sha", name="uq_labels_head_profile_text"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    head: Mapped[str] = mapped_column(String(32), index=True)
    profile: Mapped[str] = mapped_column(String(64), default="")
    item_id: Mapped[str | None] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text)
    text_sha: Mapped[str] = mapped_column(String(64))
    label: Mapped[str] = mapped_column(String(64))
    labelled_by: Mapped[str] = mapped_column(String(128), default="")
    source: Mapped[str] = mapped_column(String(256), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
