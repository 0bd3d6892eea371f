"""Build the SQLAlchemy engine: SQLite (WAL, busy timeout, foreign keys) or PostgreSQL via psycopg 3."""

from __future__ import annotations

import logging
import sqlite3
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.engine import URL

from moodify.errors import StoreError
from moodify.settings import Settings

log = logging.getLogger(__name__)

READ_ONLY = "moodify_read_only"  # execution option: a read that should not take SQLite's write lock


def safe_url(url: URL | str) -> str:
    """The URL as it may be shown: password hidden."""
    return make_url(url).render_as_string(hide_password=True) if isinstance(url, str) else \
        url.render_as_string(hide_password=True)


def make_engine(settings: Settings) -> Engine:
    url = make_url(settings.sqlalchemy_url)
    if url.get_backend_name() == "sqlite":
        return _sqlite_engine(url, settings.store_busy_timeout_s)
    if url.get_backend_name() == "postgresql" and url.get_driver_name() in ("", "psycopg2"):
        url = url.set(drivername="postgresql+psycopg")  # psycopg 3 is the driver we ship
    connect_args: dict[str, Any] = {}
    if url.get_backend_name() == "postgresql":
        connect_args["connect_timeout"] = max(1, int(settings.store_connect_timeout_s))
    try:
        return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=10,
                             connect_args=connect_args)
    except ImportError as exc:
        raise StoreError(f"the driver for {safe_url(url)} is not installed ({exc}); "
                         "install moodify[postgres]") from exc


def _wal(cur: Any, busy_timeout_s: float) -> None:
    """Switch to WAL. SQLite answers "locked" at once, without its busy handler, while another connection
    migrates a fresh file, so wait here (WAL is stored in the file: once set, the check is all it costs)."""
    deadline = time.monotonic() + busy_timeout_s
    while True:
        try:
            if cur.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
                return
            cur.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _sqlite_engine(url: URL, busy_timeout_s: float) -> Engine:
    if url.database and url.database != ":memory:":
        path = Path(url.database)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the data directory {path.parent}: {exc}") from exc
    engine = create_engine(
        url, connect_args={"timeout": busy_timeout_s, "check_same_thread": False}, pool_size=10,
        max_overflow=10,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # We issue BEGIN ourselves (below), so the driver must not.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {int(busy_timeout_s * 1000)}")
        _wal(cur, busy_timeout_s)  # readers don't block the writer
        cur.execute("PRAGMA synchronous = NORMAL")  # safe with WAL; fsync at checkpoints
        cur.execute("PRAGMA foreign_keys = ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # IMMEDIATE takes the write lock up front, so a transaction that reads and then writes can't
        # deadlock on lock upgrade; the busy timeout then queues concurrent writers.
        read_only = conn.get_execution_options().get(READ_ONLY, False)
        conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine
