"""Router: how many sends of a notification ended without an answer (the receiver may have it).

Revision ID: 0008_notification_uncertain
Revises: 0007_clock_owner
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_notification_uncertain"
down_revision = "0007_clock_owner"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("notifications") as batch:
        batch.add_column(sa.Column("uncertain", sa.Integer(), nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("notifications") as batch:
        batch.drop_column("uncertain")
