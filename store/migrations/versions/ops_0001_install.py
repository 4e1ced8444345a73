"""Operations: the install's own settings (secrets generated per install).

Revision ID: ops_0001_install
Revises: 0001_backbone
"""

import secrets
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "ops_0001_install"
down_revision = "0001_backbone"
branch_labels = ("ops",)
depends_on = None


def upgrade() -> None:
    table = op.create_table(
        "install_settings",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    # Generated here, once per install, so that no service ever signs with a shipped default and
    # none has to write them later (inside another transaction).
    now = datetime.now(UTC)
    op.bulk_insert(table, [{"name": name, "value": secrets.token_urlsafe(32), "created_at": now}
                           for name in ("receipt_secret", "console_secret_key")])


def downgrade() -> None:
    op.drop_table("install_settings")
