"""Root fixtures shared by every part. Keep it small: parts put their own in tests/<part>/conftest.py.

Here: the real services started by ``scripts/services.sh`` (PostgreSQL, Firestore emulator, Firebase Auth
emulator). A test that needs one FAILS when ``MOODIFY_REQUIRE_SERVICES=1`` (CI) and it is missing, and is
skipped with the reason otherwise.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from moodify.settings import Settings


def _service_address(env_var: str, what: str) -> str:
    value = os.environ.get(env_var, "").strip()
    if value:
        return value
    reason = f"{what} not running ({env_var} unset): start it with `scripts/services.sh start`"
    if os.environ.get("MOODIFY_REQUIRE_SERVICES") == "1":
        pytest.fail(reason + " - required because MOODIFY_REQUIRE_SERVICES=1", pytrace=False)
    pytest.skip(reason)


@pytest.fixture
def service_address() -> Callable[[str, str], str]:
    """``service_address(ENV_VAR, "what")``: the address `scripts/services.sh` wrote for a real service."""
    return _service_address


@pytest.fixture
def pg_url(service_address: Callable[[str, str], str]) -> Iterator[str]:
    """A fresh, empty PostgreSQL database (``postgresql+psycopg://...``) for one test, dropped afterwards."""
    import psycopg

    base = service_address("MOODIFY_TEST_PG_URL", "PostgreSQL")
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = base.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield f"{base.rpartition('/')[0]}/{name}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def firestore_settings(tmp_path: Path, service_address: Callable[[str, str], str]) -> Settings:
    """Settings for the Firestore store on the emulator, with a project of its own (tests can't see each other)."""
    service_address("FIRESTORE_EMULATOR_HOST", "Firestore emulator")
    return Settings(data_dir=tmp_path, store="firestore", firestore_project=f"demo-t{uuid.uuid4().hex[:10]}",
                    _env_file=None)
