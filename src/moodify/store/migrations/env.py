"""Alembic environment. Always run through :mod:`moodify.store.migrate`, which hands over a connection."""

from __future__ import annotations

from alembic import context

from moodify.store.tables import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations with `moodify db upgrade` (moodify.store.migrate.upgrade)")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite can't ALTER most things
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
