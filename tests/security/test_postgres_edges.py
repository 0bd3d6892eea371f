"""PostgreSQL edge cases: NUL and control characters refused before the database, racing idempotent retries."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from moodify.settings import Settings
from moodify.store import Store, open_store
from moodify.store.models import ListenEvent, MoodEvent
from moodify.types import EMOTIONS, FeedbackEvent
from moodify.validation import MAX_TAG_LEN, InvalidText

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_store(pg_url: str) -> Iterator[Store]:
    store = open_store(Settings(store="sql", database_url=pg_url, _env_file=None))
    yield store
    store.close()


def test_nul_and_controls_are_refused_before_postgres(pg_store: Store) -> None:
    user = pg_store.create_user("nul@example.org")
    from datetime import UTC, datetime

    now = datetime.now(UTC)
    with pytest.raises(ValueError, match="NUL"):
        pg_store.create_user("a\x00b@example.org")
    with pytest.raises(InvalidText, match="NUL"):
        pg_store.add_feedback(FeedbackEvent(user_id=user.id, track_key="offline:1", kind="like", at=now,
                                            artist="Bad\x00Artist"))
    with pytest.raises(InvalidText, match="track key"):
        pg_store.add_listen(ListenEvent(user_id=user.id, track_key="k\x00", seconds=3.0))
    with pytest.raises(InvalidText, match="tags"):
        pg_store.add_feedback(FeedbackEvent(user_id=user.id, track_key="offline:1", kind="like", at=now,
                                            tags=("x" * 1_000_000,)))
    with pytest.raises(InvalidText):
        pg_store.add_feedback(FeedbackEvent(user_id=user.id, track_key="offline:1", kind="like", at=now,
                                            tags=("x" * MAX_TAG_LEN,) * 51))
    assert pg_store.list_feedback(user.id) == [] and pg_store.list_listens(user.id) == []


def test_racing_idempotent_retries_store_one_event_without_error(pg_store: Store) -> None:
    user = pg_store.create_user("race@example.org")
    probs = tuple(1.0 / len(EMOTIONS) for _ in EMOTIONS)
    barrier = threading.Barrier(8)
    results: list[bool] = []
    errors: list[BaseException] = []

    def retry() -> None:
        event = MoodEvent(user_id=user.id, emotion="sad", probabilities=probs, confidence=0.5, source="upload",
                          idempotency_key="same-photo")
        barrier.wait()
        try:
            results.append(pg_store.add_mood_event(event))
        except BaseException as exc:
            errors.append(exc)

    for _ in range(5):  # several rounds: the race is timing-dependent
        threads = [threading.Thread(target=retry) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert errors == [] and results.count(True) == 1 and len(results) == 40
    assert len(pg_store.list_mood_events(user.id)) == 1


def test_a_retry_that_waits_on_an_uncommitted_twin_answers_already_stored(pg_store: Store) -> None:
    """The race made deterministic: the first write has inserted but not committed when the retry arrives.
    A check-then-insert sees nothing, then its INSERT waits on the unique index and fails with a duplicate
    key once the first commits (the 409 `mood_events_pkey` of the report). The retry must answer "already
    stored" instead."""
    from sqlalchemy import text
    from sqlalchemy.orm import Session

    from moodify.store.sql import MoodEventRow, SqlStore, _mood_row

    assert isinstance(pg_store, SqlStore)
    user = pg_store.create_user("twin@example.org")
    probs = tuple(1.0 / len(EMOTIONS) for _ in EMOTIONS)
    event = MoodEvent(user_id=user.id, emotion="sad", probabilities=probs, confidence=0.5, source="upload",
                      idempotency_key="same-photo")
    outcome: list[object] = []

    def retry() -> None:
        try:
            outcome.append(pg_store.add_mood_event(event))
        except BaseException as exc:
            outcome.append(exc)

    with Session(pg_store.engine) as first, first.begin():
        first.execute(MoodEventRow.__table__.insert().values(**_mood_row(event, False)))
        thread = threading.Thread(target=retry)
        thread.start()
        # Commit only once the retry is really waiting on our row's lock, so the race happens every time.
        with pg_store.engine.connect() as probe:
            for _ in range(200):
                waiting = probe.execute(text("SELECT count(*) FROM pg_stat_activity WHERE datname = "
                                             "current_database() AND wait_event_type = 'Lock'")).scalar()
                if waiting:
                    break
                threading.Event().wait(0.025)
        assert waiting, "the retry never waited on the uncommitted twin"
    thread.join(10)
    assert outcome == [False]
    assert len(pg_store.list_mood_events(user.id)) == 1


def test_the_api_on_postgres_refuses_nul_bytes_without_naming_the_database(pg_url: str, tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from moodify.api import create_app
    from tests.api.conftest import PASSWORD, tiny_face_model

    app = create_app(Settings(data_dir=tmp_path, store="sql", database_url=pg_url, providers=["offline"],
                              model_path=tiny_face_model(tmp_path / "model"), _env_file=None))
    client = TestClient(app, raise_server_exceptions=False)
    bad = [client.post("/v1/auth/signup", json={"email": "a\x00b@example.org", "password": PASSWORD}),
           client.post("/v1/auth/signin", json={"email": "a\x00b@example.org", "password": PASSWORD})]
    token = client.post("/v1/auth/signup", json={"email": "nul@example.org", "password": PASSWORD}).json()["token"]
    auth = {"Authorization": f"Bearer {token}"}
    bad += [client.post("/v1/feedback", json={"track_key": "offline:1\x00", "kind": "like"}, headers=auth),
            client.put("/v1/preferences", json={"favourite_tags": ["jazz\x00"]}, headers=auth)]
    host_port = pg_url.rpartition("@")[2].rpartition("/")[0]
    for response in bad:
        assert 400 <= response.status_code < 500, (response.request.url, response.status_code, response.text)
        assert "postgresql" not in response.text.lower() and host_port not in response.text
    # A sentence is read, never stored as text, so a stray NUL in it is harmless and the reading is saved.
    said = client.post("/v1/emotion/text", json={"text": "I am \x00 so happy today"}, headers=auth)
    assert said.status_code == 200 and said.json()["event_id"]
