"""Dead letters kept in the store, so none expires with the topic's retention.

Revision ID: dead_letters_0001
Revises: 0001_backbone
"""

import sqlalchemy as sa
from alembic import op

revision = "dead_letters_0001"
down_revision = "0001_backbone"
branch_labels = ("dead_letters",)
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "dead_letters",
        sa.Column("stage", sa.String(64), primary_key=True),
        sa.Column("topic", sa.String(255), primary_key=True),
        sa.Column("partition", sa.Integer, primary_key=True),
        sa.Column("offset", sa.BigInteger, primary_key=True),
        sa.Column("key", sa.LargeBinary),
        sa.Column("value", sa.LargeBinary, nullable=False),
        sa.Column("error", sa.Text, nullable=False),
        sa.Column("failed_at", TS, nullable=False),
        sa.Column("kept_at", TS, nullable=False),
    )
    op.create_index("ix_dead_letters_failed_at", "dead_letters", ["failed_at"])


def downgrade() -> None:
    op.drop_index("ix_dead_letters_failed_at", table_name="dead_letters")
    op.drop_table("dead_letters")
