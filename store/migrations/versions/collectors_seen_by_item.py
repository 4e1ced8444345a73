"""Collectors: the seen-set indexed by item, so a search source skips what a fixed source published.

Revision ID: collectors_seen_by_item
Revises: 0002_collectors
"""

from alembic import op

revision = "collectors_seen_by_item"
down_revision = "0002_collectors"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_collector_seen_item", "collector_seen", ["item_id"])


def downgrade() -> None:
    op.drop_index("ix_collector_seen_item", table_name="collector_seen")
