"""Collector tables: source state, seen-set, health, errors.

Revision ID: 0002_collectors
Revises: 0001_backbone
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_collectors"
down_revision = "0001_backbone"
branch_labels = ("collectors",)
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "collector_source_state",
        sa.Column("source_id", sa.String(128), primary_key=True),
        sa.Column("etag", sa.Text),
        sa.Column("last_modified", sa.Text),
        sa.Column("cursor", sa.JSON, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
    )
    op.create_table(
        "collector_seen",
        sa.Column("source_id", sa.String(128), primary_key=True),
        sa.Column("item_id", sa.String(64), primary_key=True),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("engagement", sa.JSON, nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("published", sa.Boolean, nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("first_seen", TS, nullable=False),
        sa.Column("last_seen", TS, nullable=False),
        sa.Column("published_at", TS),
    )
    op.create_index("ix_collector_seen_pending", "collector_seen", ["source_id", "published"])
    op.create_table(
        "collector_health",
        sa.Column("source_id", sa.String(128), primary_key=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("last_poll", TS),
        sa.Column("last_success", TS),
        sa.Column("last_item", TS),
        sa.Column("last_found", sa.Integer, nullable=False),
        sa.Column("ever_found", sa.Boolean, nullable=False),
        sa.Column("polls", sa.Integer, nullable=False),
        sa.Column("items_published", sa.Integer, nullable=False),
        sa.Column("error_count", sa.Integer, nullable=False),
        sa.Column("consecutive_failures", sa.Integer, nullable=False),
        sa.Column("last_error", sa.Text),
        sa.Column("usual_gap_s", sa.Float),
        sa.Column("alert", sa.String(32)),
        sa.Column("retry_after", TS),
    )
    op.create_table(
        "collector_errors",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("source_id", sa.String(128), nullable=False),
        sa.Column("at", TS, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("url", sa.Text),
        sa.Column("retry", sa.Boolean, nullable=False),
        sa.Column("fatal", sa.Boolean, nullable=False),
    )
    op.create_index("ix_collector_errors_source_at", "collector_errors", ["source_id", "at"])


def downgrade() -> None:
    op.drop_index("ix_collector_errors_source_at", "collector_errors")
    op.drop_table("collector_errors")
    op.drop_table("collector_health")
    op.drop_index("ix_collector_seen_pending", "collector_seen")
    op.drop_table("collector_seen")
    op.drop_table("collector_source_state")
