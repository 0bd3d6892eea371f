"""Alembic migrations: they build exactly the schema the code maps, run at start-up, are idempotent, and
several app instances starting at once don't trip over each other."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from moodify.settings import Settings
from moodify.store import open_store
from moodify.store.engine import make_engine
from moodify.store.migrate import current_revision, head_revision, upgrade
from moodify.store.tables import Base


def _settings(backend: str, request: pytest.FixtureRequest) -> Settings:
    if backend == "sqlite":
        return request.getfixturevalue("sqlite_settings")  # type: ignore[no-any-return]
    return Settings(store="sql", database_url=request.getfixturevalue("pg_url"), _env_file=None)


BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.mark.parametrize("backend", BACKENDS)
def test_migrations_match_the_mapped_tables(backend: str, request: pytest.FixtureRequest) -> None:
    engine = make_engine(_settings(backend, request))
    assert current_revision(engine) is None
    assert upgrade(engine) == head_revision()
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    assert diff == []  # the migration and tables.py describe the same schema
    engine.dispose()


@pytest.mark.parametrize("backend", BACKENDS)
def test_downgrade_to_base_and_up_again(backend: str, request: pytest.FixtureRequest) -> None:
    from alembic import command

    from moodify.store.migrate import _config

    engine = make_engine(_settings(backend, request))
    upgrade(engine)
    with engine.begin() as conn:
        cfg = _config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    assert upgrade(engine) == head_revision()  # the newest shipped revision, whatever its id
    engine.dispose()


@pytest.mark.parametrize("backend", BACKENDS)
def test_upgrading_an_old_database_keeps_its_data(backend: str, request: pytest.FixtureRequest) -> None:
    from alembic import command

    from moodify.store.migrate import _config

    settings = _settings(backend, request)
    engine = make_engine(settings)
    with engine.begin() as conn:  # a database left at the first release's schema
        cfg = _config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    from moodify.store.sql import SqlStore

    old = SqlStore(engine, migrate=False)
    user = old.create_user("old@example.org")
    old.close()
    store = open_store(settings)  # start-up migrates to head
    assert store.find_user("old@example.org") == user
    assert current_revision(make_engine(settings)) == head_revision()
    store.close()


@pytest.mark.parametrize("backend", BACKENDS)
def test_open_store_upgrades_and_again_is_a_no_op(backend: str, request: pytest.FixtureRequest) -> None:
    settings = _settings(backend, request)
    open_store(settings).close()
    engine = make_engine(settings)
    assert current_revision(engine) == head_revision()
    tables = set(inspect(engine).get_table_names())
    assert {"users", "mood_events", "preferences", "credentials", "sessions", "playlists", "feedback",
            "listens", "alembic_version"} <= tables
    assert upgrade(engine) == head_revision()
    engine.dispose()


@pytest.mark.parametrize("backend", BACKENDS)
def test_instances_starting_together_migrate_once(backend: str, request: pytest.FixtureRequest) -> None:
    settings = _settings(backend, request).model_copy(update={"store_busy_timeout_s": 30})

    def start(_: int) -> str:
        store = open_store(settings)
        store.close()
        return "ok"

    with ThreadPoolExecutor(6) as pool:
        assert list(pool.map(start, range(6))) == ["ok"] * 6
    engine = make_engine(settings)
    assert current_revision(engine) == head_revision()
    engine.dispose()
