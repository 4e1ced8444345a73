"""Backbone: the emotion score beside the adverse-ness score (items.scored v2).

Revision ID: backbone_0002_scored_emotion
Revises: 0001_backbone
"""

import sqlalchemy as sa
from alembic import op

revision = "backbone_0002_scored_emotion"
down_revision = "0001_backbone"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Nullable: scores of v1 messages and of models without an emotion head have none.
    with op.batch_alter_table("scored_items") as batch:
        batch.add_column(sa.Column("emotion", sa.Float(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("scored_items") as batch:
        batch.drop_column("emotion")
