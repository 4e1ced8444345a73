"""Incidents: grouped stories, their items, the grouping index, spread and history.

Revision ID: 0005_incidents
Revises: 0001_backbone
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_incidents"
down_revision = "0001_backbone"
branch_labels = ("incidents",)
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "incidents",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("profile", sa.String(64), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("status", sa.String(24), nullable=False),
        sa.Column("region", sa.String(32)),
        sa.Column("first_item_id", sa.String(64), nullable=False),
        sa.Column("first_source", sa.String(256), nullable=False),
        sa.Column("first_tier", sa.String(32), nullable=False),
        sa.Column("first_published_at", TS, nullable=False),
        sa.Column("last_item_at", TS, nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.Column("items", sa.Integer, nullable=False),
        sa.Column("sources", sa.Integer, nullable=False),
        sa.Column("negative_items", sa.Integer, nullable=False),
        sa.Column("top_tier", sa.String(32), nullable=False),
        sa.Column("views", sa.Integer, nullable=False),
        sa.Column("interactions", sa.Integer, nullable=False),
        sa.Column("heat", sa.Float, nullable=False),
        sa.Column("heat_at", TS, nullable=False),
        sa.Column("peak_heat", sa.Float, nullable=False),
        sa.Column("grade", sa.String(32)),
        sa.Column("grade_rank", sa.Integer),
        sa.Column("grade_reasons", sa.JSON, nullable=False),
        sa.Column("suggested_grade", sa.String(32)),
        sa.Column("responded_at", TS),
        sa.Column("response_item_id", sa.String(64)),
        sa.Column("state", sa.JSON, nullable=False),
        sa.Column("case_id", sa.Integer),
        sa.Column("version", sa.Integer, nullable=False),
    )
    op.create_index("ix_incidents_status_last", "incidents", ["status", "last_item_at"])
    op.create_index("ix_incidents_case_id", "incidents", ["case_id"])
    op.create_table(
        "incident_items",
        sa.Column("item_id", sa.String(64), primary_key=True),
        sa.Column("incident_id", sa.String(32), nullable=False),
        sa.Column("arrived_at", TS, nullable=False),
        sa.Column("published_at", TS, nullable=False),
        sa.Column("source_id", sa.String(128), nullable=False),
        sa.Column("source_name", sa.String(256), nullable=False),
        sa.Column("source_tier", sa.String(32), nullable=False),
        sa.Column("source_kind", sa.String(32), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("negativity", sa.Float, nullable=False),
        sa.Column("views", sa.Integer, nullable=False),
        sa.Column("interactions", sa.Integer, nullable=False),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("how", sa.String(16), nullable=False),
        sa.Column("reason", sa.JSON, nullable=False),
        sa.Column("is_response", sa.Boolean, nullable=False),
        sa.Column("after_response", sa.Boolean, nullable=False),
        sa.Column("shingles", sa.Integer, nullable=False),
        sa.Column("signature", sa.LargeBinary, nullable=False),
    )
    op.create_index("ix_incident_items_incident", "incident_items", ["incident_id", "arrived_at"])
    op.create_table(
        "incident_keys",
        sa.Column("key", sa.String(40), primary_key=True),
        sa.Column("incident_id", sa.String(32), primary_key=True),
        sa.Column("item_id", sa.String(64), nullable=False),
        sa.Column("last_seen", TS, nullable=False),
    )
    op.create_index("ix_incident_keys_key_seen", "incident_keys", ["key", "last_seen"])
    op.create_index("ix_incident_keys_seen", "incident_keys", ["last_seen"])
    op.create_table(
        "incident_sources",
        sa.Column("incident_id", sa.String(32), primary_key=True),
        sa.Column("source_id", sa.String(128), primary_key=True),
        sa.Column("source_name", sa.String(256), nullable=False),
        sa.Column("tier", sa.String(32), nullable=False),
        sa.Column("first_item_id", sa.String(64), nullable=False),
        sa.Column("first_at", TS, nullable=False),
    )
    op.create_table(
        "incident_events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("incident_id", sa.String(32), nullable=False),
        sa.Column("at", TS, nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("item_id", sa.String(64)),
        sa.Column("detail", sa.JSON, nullable=False),
    )
    op.create_index("ix_incident_events_incident", "incident_events", ["incident_id", "id"])


def downgrade() -> None:
    op.drop_index("ix_incident_events_incident", "incident_events")
    op.drop_table("incident_events")
    op.drop_table("incident_sources")
    op.drop_index("ix_incident_keys_seen", "incident_keys")
    op.drop_index("ix_incident_keys_key_seen", "incident_keys")
    op.drop_table("incident_keys")
    op.drop_index("ix_incident_items_incident", "incident_items")
    op.drop_table("incident_items")
    op.drop_index("ix_incidents_case_id", "incidents")
    op.drop_index("ix_incidents_status_last", "incidents")
    op.drop_table("incidents")
