"""Operations: service heartbeats (for ``yuqing status``) and ops alerts on their way to the desk.

Revision ID: ops_0002_heartbeats_alerts
Revises: ops_0001_install
"""

import sqlalchemy as sa
from alembic import op

revision = "ops_0002_heartbeats_alerts"
down_revision = "ops_0001_install"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "service_heartbeats",
        sa.Column("instance", sa.String(200), primary_key=True),
        sa.Column("service", sa.String(32), nullable=False, index=True),
        sa.Column("host", sa.String(128), nullable=False),
        sa.Column("pid", sa.Integer, nullable=False),
        sa.Column("started_at", TS, nullable=False),
        sa.Column("last_seen", TS, nullable=False),
        sa.Column("metrics_url", sa.Text),
        sa.Column("detail", sa.JSON, nullable=False),
    )
    op.create_table(
        "ops_alerts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("dedupe_key", sa.String(255), nullable=False),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("source", sa.String(128)),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("payload", sa.JSON, nullable=False),
        sa.Column("raised_at", TS, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("next_attempt_at", TS, nullable=False),
        sa.Column("sent_at", TS),
        sa.Column("last_error", sa.Text),
        sa.UniqueConstraint("dedupe_key", name="uq_ops_alerts_dedupe"),
    )
    op.create_index("ix_ops_alerts_status_next", "ops_alerts", ["status", "next_attempt_at"])


def downgrade() -> None:
    op.drop_index("ix_ops_alerts_status_next", "ops_alerts")
    op.drop_table("ops_alerts")
    op.drop_table("service_heartbeats")
