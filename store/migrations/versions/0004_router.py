"""Router: case columns, case audit log, deadline clocks, notification outbox.

Revision ID: 0004_router
Revises: 0001_backbone
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_router"
down_revision = "0001_backbone"
branch_labels = ("router",)
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    # batch_alter_table: SQLite cannot add columns with constraints in place.
    with op.batch_alter_table("cases") as batch:
        batch.add_column(sa.Column("region", sa.String(32)))
        batch.add_column(sa.Column("assisting", sa.JSON))
        batch.add_column(sa.Column("acknowledged_at", TS))
        batch.add_column(sa.Column("closed_at", TS))
        batch.add_column(sa.Column("version", sa.Integer, nullable=False, server_default="0"))
    op.create_table(
        "case_events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("at", TS, nullable=False),
        sa.Column("actor", sa.String(128), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("from_status", sa.String(16)),
        sa.Column("to_status", sa.String(16)),
        sa.Column("detail", sa.JSON, nullable=False),
    )
    op.create_index("ix_case_events_case", "case_events", ["case_id", "id"])
    op.create_table(
        "case_clocks",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("clock_id", sa.String(64), nullable=False),
        sa.Column("name", sa.String(128), nullable=False),
        sa.Column("grade", sa.String(32), nullable=False),
        sa.Column("started_at", TS, nullable=False),
        sa.Column("due_at", TS, nullable=False),
        sa.Column("working_days", sa.Boolean, nullable=False),
        sa.Column("remind_at", TS),
        sa.Column("reminders_sent", sa.Integer, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("stop_on", sa.String(16)),
        sa.Column("met_at", TS),
        sa.Column("breached_at", TS),
        sa.UniqueConstraint("case_id", "clock_id", "grade", name="uq_case_clocks_case_clock_grade"),
    )
    op.create_index("ix_case_clocks_status_due", "case_clocks", ["status", "due_at"])
    op.create_index("ix_case_clocks_status_remind", "case_clocks", ["status", "remind_at"])
    op.create_table(
        "notifications",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False),
        sa.Column("dedupe_key", sa.String(255), nullable=False),
        sa.Column("purpose", sa.String(32), nullable=False),
        sa.Column("department_id", sa.String(64), nullable=False),
        sa.Column("channel_kind", sa.String(32), nullable=False),
        sa.Column("channel", sa.JSON, nullable=False),
        sa.Column("subject", sa.Text, nullable=False),
        sa.Column("body_text", sa.Text, nullable=False),
        sa.Column("body_html", sa.Text, nullable=False),
        sa.Column("payload", sa.JSON, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("next_attempt_at", TS, nullable=False),
        sa.Column("lease_owner", sa.String(64)),
        sa.Column("lease_until", TS),
        sa.Column("last_error", sa.Text),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("sent_at", TS),
        sa.UniqueConstraint("dedupe_key", name="uq_notifications_dedupe"),
    )
    op.create_index("ix_notifications_status_next", "notifications", ["status", "next_attempt_at"])
    op.create_index("ix_notifications_case", "notifications", ["case_id"])


def downgrade() -> None:
    op.drop_index("ix_notifications_case", "notifications")
    op.drop_index("ix_notifications_status_next", "notifications")
    op.drop_table("notifications")
    op.drop_index("ix_case_clocks_status_remind", "case_clocks")
    op.drop_index("ix_case_clocks_status_due", "case_clocks")
    op.drop_table("case_clocks")
    op.drop_index("ix_case_events_case", "case_events")
    op.drop_table("case_events")
    with op.batch_alter_table("cases") as batch:
        for name in ("version", "closed_at", "acknowledged_at", "assisting", "region"):
            batch.drop_column(name)
