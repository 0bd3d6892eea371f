"""Store fixtures: the same contract suite runs on memory, SQLite, PostgreSQL and Firestore."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from moodify.settings import Settings
from moodify.store import Store, open_store

BACKENDS = ["memory", "sqlite", "postgres", "firestore"]


@pytest.fixture
def sqlite_settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", store="sql", database_url=None, _env_file=None)


@pytest.fixture
def pg_url(service_address: Callable[[str, str], str]) -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    import psycopg

    base = service_address("MOODIFY_TEST_PG_URL", "PostgreSQL")
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = base.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    head, _, _ = base.rpartition("/")
    yield f"{head}/{name}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def firestore_settings(tmp_path: Path, service_address: Callable[[str, str], str]) -> Settings:
    service_address("FIRESTORE_EMULATOR_HOST", "Firestore emulator")
    # A project of its own per test: the emulator keeps projects apart, so tests can't see each other.
    return Settings(data_dir=tmp_path, store="firestore", firestore_project=f"demo-t{uuid.uuid4().hex[:10]}",
                    _env_file=None)


def settings_for(backend: str, request: pytest.FixtureRequest) -> Settings:
    if backend == "memory":
        return Settings(store="memory", _env_file=None)
    if backend == "sqlite":
        return request.getfixturevalue("sqlite_settings")
    if backend == "postgres":
        return Settings(store="sql", database_url=request.getfixturevalue("pg_url"), _env_file=None)
    return request.getfixturevalue("firestore_settings")


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest) -> Iterator[Store]:
    backend = request.param
    if backend in ("postgres", "firestore"):
        request.applymarker(getattr(pytest.mark, backend))
    opened = open_store(settings_for(backend, request))
    yield opened
    opened.close()
