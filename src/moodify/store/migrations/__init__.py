"""Alembic migrations of the SQL store; run them with :func:`moodify.store.migrate.upgrade`."""
