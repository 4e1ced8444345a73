"""Classifier tables: labelled cases.

Revision ID: 0003_classifier
Revises: 0001_backbone
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_classifier"
down_revision = "0001_backbone"
branch_labels = ("classifier",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "labels",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("head", sa.String(32), nullable=False, index=True),
        sa.Column("profile", sa.String(64), nullable=False, server_default=""),
        sa.Column("item_id", sa.String(64)),
        sa.Column("title", sa.Text, nullable=False, server_default=""),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("text_sha", sa.String(64), nullable=False),
        sa.Column("label", sa.String(64), nullable=False),
        sa.Column("labelled_by", sa.String(128), nullable=False, server_default=""),
        sa.Column("source", sa.String(256), nullable=False, server_default=""),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("head", "profile", "text_sha", name="uq_labels_head_profile_text"),
    )


def downgrade() -> None:
    op.drop_table("labels")
