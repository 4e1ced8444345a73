"""Backbone tables: items, scored items, cases.

Revision ID: 0001_backbone
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_backbone"
down_revision = None
branch_labels = ("backbone",)
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "items",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("source_id", sa.String(128), nullable=False, index=True),
        sa.Column("source_name", sa.String(256), nullable=False),
        sa.Column("source_kind", sa.String(32), nullable=False),
        sa.Column("source_tier", sa.String(32), nullable=False),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("author", sa.String(256)),
        sa.Column("published_at", TS),
        sa.Column("fetched_at", TS, nullable=False),
        sa.Column("region", sa.String(32), index=True),
        sa.Column("views", sa.Integer),
        sa.Column("replies", sa.Integer),
        sa.Column("reposts", sa.Integer),
        sa.Column("likes", sa.Integer),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("payload", sa.JSON, nullable=False),
    )
    op.create_table(
        "scored_items",
        sa.Column("item_id", sa.String(64), sa.ForeignKey("items.id"), primary_key=True),
        sa.Column("negativity", sa.Float, nullable=False),
        sa.Column("relevance", sa.Float, nullable=False),
        sa.Column("topic", sa.String(64), nullable=False, index=True),
        sa.Column("grade", sa.String(32), nullable=False),
        sa.Column("grade_rank", sa.Integer, nullable=False),
        sa.Column("grade_reasons", sa.JSON, nullable=False),
        sa.Column("model_version", sa.String(64), nullable=False),
        sa.Column("profile", sa.String(64), nullable=False),
        sa.Column("scored_at", TS, nullable=False),
    )
    op.create_table(
        "cases",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("item_id", sa.String(64), sa.ForeignKey("items.id"), nullable=False, unique=True),
        sa.Column("profile", sa.String(64), nullable=False),
        sa.Column("topic", sa.String(64), nullable=False),
        sa.Column("grade", sa.String(32), nullable=False),
        sa.Column("grade_rank", sa.Integer, nullable=False),
        sa.Column("department_id", sa.String(64), nullable=False, index=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("routing", sa.JSON, nullable=False),
        sa.Column("discovered_at", TS, nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
    )
    op.create_index("ix_cases_status_rank", "cases", ["status", "grade_rank"])


def downgrade() -> None:
    op.drop_index("ix_cases_status_rank", "cases")
    op.drop_table("cases")
    op.drop_table("scored_items")
    op.drop_table("items")
