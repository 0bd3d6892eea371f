"""Store fixtures: the same contract suite runs on memory, SQLite, PostgreSQL and Firestore."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from moodify.settings import Settings
from moodify.store import Store, open_store

BACKENDS = ["memory", "sqlite", "postgres", "firestore"]


@pytest.fixture
def sqlite_settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", store="sql", database_url=None, _env_file=None)


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
