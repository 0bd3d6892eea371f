"""Auth fixtures: a cheap argon2id hasher (same algorithm, tiny cost) so tests stay fast."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from argon2 import PasswordHasher, Type

from moodify.auth.local import LocalAuth
from moodify.settings import Settings
from moodify.store import Store, open_store


class Clock:
    """A controllable ``now``."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def fast_hasher() -> PasswordHasher:
    return PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1, type=Type.ID)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture(params=["memory", "sqlite", pytest.param("postgres", marks=pytest.mark.postgres),
                        pytest.param("firestore", marks=pytest.mark.firestore)])
def auth_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """Local auth keeps its data in the store: run its tests on every backend."""
    if request.param == "postgres":
        settings = Settings(store="sql", database_url=request.getfixturevalue("pg_url"), _env_file=None)
    elif request.param == "firestore":
        settings = request.getfixturevalue("firestore_settings")
    else:
        settings = Settings(store="sql" if request.param == "sqlite" else "memory", data_dir=tmp_path,
                            _env_file=None)
    store = open_store(settings)
    yield store
    store.close()


@pytest.fixture
def make_local(auth_store: Store, fast_hasher: PasswordHasher, clock: Clock) -> Callable[..., LocalAuth]:
    def make(**overrides: object) -> LocalAuth:
        settings = Settings(_env_file=None, **overrides)  # type: ignore[arg-type]
        return LocalAuth(settings, auth_store, hasher=fast_hasher, clock=clock)

    return make
