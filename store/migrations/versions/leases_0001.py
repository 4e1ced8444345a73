"""Collectors: a lease per host, so several instances divide the sources.

Revision ID: leases_0001
Revises: 0001_backbone
"""

import sqlalchemy as sa
from alembic import op

revision = "leases_0001"
down_revision = "0001_backbone"
branch_labels = ("leases",)
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "collector_leases",
        sa.Column("host", sa.String(255), primary_key=True),
        sa.Column("owner", sa.String(128)),
        sa.Column("expires_at", TS),
    )
    op.create_index("ix_collector_leases_owner", "collector_leases", ["owner"])
    op.create_table(
        "collector_instances",
        sa.Column("id", sa.String(128), primary_key=True),
        sa.Column("heartbeat_at", TS, nullable=False),
        sa.Column("started_at", TS, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("collector_instances")
    op.drop_index("ix_collector_leases_owner", table_name="collector_leases")
    op.drop_table("collector_leases")
