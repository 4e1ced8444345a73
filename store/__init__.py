"""The store: one schema for SQLite (default) and PostgreSQL (production), migrated by Alembic."""
