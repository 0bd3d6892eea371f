"""Apply the Alembic migrations shipped in the package, without an ``alembic.ini`` on disk."""

from __future__ import annotations

import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError

from moodify.errors import StoreError
from moodify.store.engine import safe_url

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).with_name("migrations")
_PG_LOCK_ID = 0x6D6F6F64  # "mood": one app instance migrates at a time


def _config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    try:
        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    except SQLAlchemyError as exc:
        raise StoreError(f"database {safe_url(engine.url)} is unavailable: {exc.__cause__ or exc}") from exc


def upgrade(engine: Engine) -> str:
    """Bring the schema to the newest revision (a no-op when it is there); returns that revision."""
    cfg = _config()
    try:
        with engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": _PG_LOCK_ID})
            before = MigrationContext.configure(conn).get_current_revision()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
            after = MigrationContext.configure(conn).get_current_revision()
    except SQLAlchemyError as exc:
        raise StoreError(f"database {safe_url(engine.url)} is unavailable (or refused the schema migration): "
                         f"{exc.__cause__ or exc}") from exc
    if before != after:
        log.info("database %s migrated %s -> %s", safe_url(engine.url), before, after)
    return after or ""
