"""Concurrency, idempotent retries, and failures that leave nothing half-written (SQLite + PostgreSQL)."""

from __future__ import annotations

import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import event, text

from moodify.errors import StoreError
from moodify.settings import Settings
from moodify.store import MoodEvent, open_store
from moodify.store.sql import SqlStore
from moodify.types import EmotionScores

WRITERS = 8
PER_WRITER = 1000
T0 = datetime(2026, 11, 1, tzinfo=UTC)
SCORES = EmotionScores.from_mapping({"happy": 0.6, "surprise": 0.4})


def mood(user_id: str, key: str, i: int = 0) -> MoodEvent:
    return MoodEvent(user_id=user_id, emotion="happy", probabilities=SCORES.probabilities, confidence=0.6,
                     source="live", at=T0 + timedelta(milliseconds=i), idempotency_key=key)


def hammer(settings: Settings) -> None:
    """8 writers, each with its own store (like separate app instances), 1,000 events each, one
    transaction per event; every 10th event is sent twice (a client retry)."""
    setup = open_store(settings)
    user = setup.create_user("busy@example.org")
    start = threading.Barrier(WRITERS)

    def writer(w: int) -> tuple[int, int]:
        store = open_store(settings)
        new = dup = 0
        start.wait()
        try:
            for i in range(PER_WRITER):
                event = mood(user.id, f"w{w}-{i}", i)
                new += store.add_mood_event(event)
                if i % 10 == 0:
                    dup += not store.add_mood_event(event)
        finally:
            store.close()
        return new, dup

    with ThreadPoolExecutor(WRITERS) as pool:
        results = list(pool.map(writer, range(WRITERS)))
    assert sum(new for new, _ in results) == WRITERS * PER_WRITER
    assert sum(dup for _, dup in results) == WRITERS * PER_WRITER // 10  # every retry was recognised
    stored = setup.list_mood_events(user.id)
    keys = [e.idempotency_key for e in stored]
    assert len(stored) == WRITERS * PER_WRITER and len(set(keys)) == len(keys)
    assert set(keys) == {f"w{w}-{i}" for w in range(WRITERS) for i in range(PER_WRITER)}
    setup.close()


@pytest.mark.slow
def test_8_writers_x_1000_on_sqlite(tmp_path: Path) -> None:
    hammer(Settings(store="sql", data_dir=tmp_path, store_busy_timeout_s=30, _env_file=None))


@pytest.mark.slow
@pytest.mark.postgres
def test_8_writers_x_1000_on_postgres(pg_url: str) -> None:
    hammer(Settings(store="sql", database_url=pg_url, _env_file=None))


def _process_writer(db_dir: str, user_id: str, w: int) -> int:
    """Runs in a separate process: its own interpreter, connection pool and file locks."""
    store = open_store(Settings(store="sql", data_dir=Path(db_dir), store_busy_timeout_s=60, _env_file=None))
    try:
        return sum(store.add_mood_event(mood(user_id, f"p{w}-{i}", i)) for i in range(PER_WRITER))
    finally:
        store.close()


@pytest.mark.slow
def test_8_processes_x_1000_on_one_sqlite_file(tmp_path: Path) -> None:
    import multiprocessing

    store = open_store(Settings(store="sql", data_dir=tmp_path, _env_file=None))
    user = store.create_user("procs@example.org")
    with multiprocessing.get_context("spawn").Pool(WRITERS) as pool:
        added = pool.starmap(_process_writer, [(str(tmp_path), user.id, w) for w in range(WRITERS)])
    assert added == [PER_WRITER] * WRITERS
    keys = [e.idempotency_key for e in store.list_mood_events(user.id)]
    assert len(keys) == len(set(keys)) == WRITERS * PER_WRITER
    store.close()


def test_sqlite_uses_wal_and_a_busy_timeout(sqlite_settings: Settings) -> None:
    store = open_store(sqlite_settings.model_copy(update={"store_busy_timeout_s": 2.5}))
    assert isinstance(store, SqlStore)
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 2500
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    store.close()


def test_locked_database_is_a_clear_error_and_writes_nothing(tmp_path: Path) -> None:
    settings = Settings(store="sql", data_dir=tmp_path, store_busy_timeout_s=0.2, _env_file=None)
    store = open_store(settings)
    user = store.create_user("lock@example.org")
    other = sqlite3.connect(tmp_path / "moodify.db", isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # another program holds the write lock
    try:
        with pytest.raises(StoreError, match="locked"):
            store.add_mood_events([mood(user.id, f"k{i}") for i in range(5)])
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert store.list_mood_events(user.id) == []
    assert store.add_mood_event(mood(user.id, "after")) is True  # works again once the lock is gone
    store.close()


def test_full_database_is_a_clear_error_and_the_batch_is_rolled_back(tmp_path: Path) -> None:
    store = open_store(Settings(store="sql", data_dir=tmp_path, _env_file=None))
    assert isinstance(store, SqlStore)
    user = store.create_user("full@example.org")
    store.add_mood_event(mood(user.id, "before"))
    with store.engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()

    @event.listens_for(store.engine, "connect")
    def _cap(dbapi_conn, _record):  # type: ignore[no-untyped-def]  # "disk full" a few pages from now
        dbapi_conn.execute(f"PRAGMA max_page_count = {int(pages or 0) + 3}")

    store.engine.dispose()
    with pytest.raises(StoreError, match="full"):
        store.add_mood_events([mood(user.id, f"big{i}", i) for i in range(3000)])
    assert [e.idempotency_key for e in store.list_mood_events(user.id)] == ["before"]
    store.close()


def test_sqlite_data_dir_that_cannot_exist_is_a_store_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    with pytest.raises(StoreError, match="data directory"):
        open_store(Settings(store="sql", data_dir=blocker / "data", _env_file=None))


def test_unreachable_postgres_is_a_store_error_without_the_password() -> None:
    settings = Settings(store="sql", database_url="postgresql+psycopg://u:hunter2@127.0.0.1:9/db",
                        store_connect_timeout_s=1, _env_file=None)
    with pytest.raises(StoreError, match="unavailable") as info:
        open_store(settings)
    assert "hunter2" not in str(info.value)


def test_unreachable_firestore_is_a_quick_store_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    monkeypatch.setenv("FIRESTORE_EMULATOR_HOST", "127.0.0.1:9")  # nothing listens there
    store = open_store(Settings(store="firestore", firestore_project="demo-down", store_connect_timeout_s=1,
                                _env_file=None))
    started = time.monotonic()
    with pytest.raises(StoreError, match="Firestore is unavailable"):
        store.add_mood_event(mood("u1", "k"))
    assert time.monotonic() - started < 15  # not the client's default minute of retries


def _fail_deletes_of_listens(store: SqlStore) -> None:
    with store.engine.begin() as conn:
        if conn.dialect.name == "sqlite":
            conn.execute(text("CREATE TRIGGER no_del BEFORE DELETE ON listens "
                              "BEGIN SELECT RAISE(ABORT, 'disk on fire'); END"))
        else:
            conn.execute(text("CREATE FUNCTION no_del() RETURNS trigger LANGUAGE plpgsql AS "
                              "$$ BEGIN RAISE EXCEPTION 'disk on fire'; END $$"))
            conn.execute(text("CREATE TRIGGER no_del BEFORE DELETE ON listens "
                              "FOR EACH ROW EXECUTE FUNCTION no_del()"))


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_failed_delete_leaves_the_account_whole(backend: str, request: pytest.FixtureRequest) -> None:
    from moodify.store import ListenEvent

    settings: Settings
    if backend == "sqlite":
        settings = request.getfixturevalue("sqlite_settings")
    else:
        settings = Settings(store="sql", database_url=request.getfixturevalue("pg_url"), _env_file=None)
    store = open_store(settings)
    assert isinstance(store, SqlStore)
    user = store.create_user("whole@example.org")
    store.add_mood_event(mood(user.id, "m"))
    store.add_listen(ListenEvent(user_id=user.id, track_key="a:1", seconds=3.0))
    _fail_deletes_of_listens(store)
    with pytest.raises(StoreError, match="disk on fire"):
        store.delete_user(user.id)
    # The transaction rolled back: moods deleted before the failure are back, the user still exists.
    assert store.find_user("whole@example.org").id == user.id
    assert len(store.list_mood_events(user.id)) == 1 and len(store.list_listens(user.id)) == 1
    store.close()


def test_concurrent_sign_up_with_one_email_creates_one_user(sqlite_settings: Settings) -> None:
    from moodify.errors import Conflict

    settings = sqlite_settings.model_copy(update={"store_busy_timeout_s": 30})
    open_store(settings).close()
    outcomes: list[str] = []

    def attempt(_: int) -> None:
        store = open_store(settings)
        try:
            store.create_user("race@example.org")
            outcomes.append("created")
        except Conflict:
            outcomes.append("conflict")
        finally:
            store.close()

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(attempt, range(8)))
    assert sorted(outcomes) == ["conflict"] * 7 + ["created"]

