"""Router: each deadline clock names the department that owes it.

Revision ID: 0007_clock_owner
Revises: 0004_router
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_clock_owner"
down_revision = "0004_router"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("case_clocks") as batch:
        batch.add_column(sa.Column("owner", sa.String(64)))


def downgrade() -> None:
    with op.batch_alter_table("case_clocks") as batch:
        batch.drop_column("owner")
