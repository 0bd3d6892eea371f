"""Replicas starting together on an empty PostgreSQL: separate ``moodify db upgrade`` processes queue on the
advisory lock, the schema is applied exactly once, and every one of them ends healthy at the head revision."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest

from moodify.store.migrate import _PG_LOCK_ID, head_revision

pytestmark = [pytest.mark.postgres, pytest.mark.slow]
MIGRATORS = 4


def test_migrators_started_at_once_apply_the_schema_once(pg_url: str, tmp_path: Path) -> None:
    env = {**os.environ, "MOODIFY_STORE": "sql", "MOODIFY_DATABASE_URL": pg_url, "MOODIFY_DATA_DIR": str(tmp_path)}
    moodify = Path(sys.executable).with_name("moodify")
    plain = pg_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain, autocommit=True) as holder:
        holder.execute("SELECT pg_advisory_lock(%s)", (_PG_LOCK_ID,))  # as if a replica were mid-migration
        procs = [subprocess.Popen([str(moodify), "db", "upgrade", "--json"], env=env, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True) for _ in range(MIGRATORS)]
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:  # wait until all of them are queued on the lock
            waiting = holder.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
                                     ).fetchone()
            if waiting is not None and waiting[0] == MIGRATORS:
                break
            assert all(p.poll() is None for p in procs), "a migrator finished while another held the lock"
            time.sleep(0.2)
        else:
            raise AssertionError("the migrators never queued on the advisory lock")
        tables = holder.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").fetchone()
        assert tables == (0,), "a migrator changed the schema without the lock"
        holder.execute("SELECT pg_advisory_unlock(%s)", (_PG_LOCK_ID,))
    results = [p.communicate(timeout=120) for p in procs]
    for proc, (out, err) in zip(procs, results, strict=True):
        assert proc.returncode == 0, err[-2000:]
        assert json.loads(out.strip().splitlines()[-1])["revision"] == head_revision()
    with psycopg.connect(plain) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [(head_revision(),)]
