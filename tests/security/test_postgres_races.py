"""PostgreSQL races of the second security battery (issue 22, finding 9): parallel preference saves leave one
request's row whole, and parallel deletions of one account (with sign-ins and writes beside them) never
answer 503, deadlock or StaleDataError, and leave nothing behind."""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from moodify.api import create_app
from moodify.errors import NotFound
from moodify.settings import Settings
from moodify.store import Store, open_store
from moodify.store.sql import SqlStore
from moodify.store.tables import CredentialsRow, MoodEventRow, PreferencesRow, SessionRow, UserRow

pytestmark = pytest.mark.postgres

PASSWORD = "correct horse battery staple"


@pytest.fixture
def pg_settings(pg_url: str, tmp_path: Path) -> Settings:
    return Settings(_env_file=None, data_dir=tmp_path, store="sql", database_url=pg_url, auth="local",
                    providers=["offline"], api_rate_limit_per_min=100_000, signin_client_per_min=100_000,
                    max_failed_logins=10_000, signin_account_per_hour=100_000)


@pytest.fixture
def pg_store(pg_settings: Settings) -> Iterator[Store]:
    store = open_store(pg_settings)
    yield store
    store.close()


def _all_at_once(n: int, work: Callable[[int], Any]) -> list[Any]:
    """``work(i)`` for i in 0..n-1 on n threads released together; their results (or exceptions)."""
    start = threading.Barrier(n)
    results: list[Any] = [None] * n

    def run(i: int) -> None:
        start.wait()
        try:
            results[i] = work(i)
        except Exception as exc:  # reported by the test, never swallowed
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return results


def _prefs_body(i: int) -> dict[str, Any]:
    # Every field differs between requests, so a row mixing two of them can't equal either.
    return {"default_mode": ("match", "lift", "calm")[i % 3], "favourite_tags": [f"liked{i}", f"also{i}"],
            "blocked_tags": [f"never{i}"], "providers": [["offline"], ["audius", "offline"]][i % 2],
            "store_photos": i % 2 == 0}


def test_parallel_preference_saves_leave_one_request_whole(pg_store: Store, pg_settings: Settings) -> None:
    client = TestClient(create_app(pg_settings, store=pg_store), raise_server_exceptions=False)
    r = client.post("/v1/auth/signup", json={"email": "prefs@example.org", "password": PASSWORD})
    auth = {"Authorization": f"Bearer {r.json()['token']}"}
    for _ in range(5):
        replies = _all_at_once(20, lambda i: client.put("/v1/preferences", json=_prefs_body(i), headers=auth))
        assert all(not isinstance(x, Exception) and x.status_code == 200 for x in replies), replies
        final = client.get("/v1/preferences", headers=auth).json()
        sent = [{**_prefs_body(i), **{k: final[k] for k in final if k not in _prefs_body(i)}} for i in range(20)]
        assert final in sent, f"a row mixing requests: {final}"


def test_parallel_account_deletion_never_fails(pg_store: Store, pg_settings: Settings) -> None:
    client = TestClient(create_app(pg_settings, store=pg_store), raise_server_exceptions=False)
    for round_ in range(3):
        email = f"gone{round_}@example.org"
        tokens = [client.post("/v1/auth/signup" if i == 0 else "/v1/auth/signin",
                              json={"email": email, "password": PASSWORD}).json()["token"] for i in range(6)]

        codes = _all_at_once(18, functools.partial(_act, client, email, tokens))
        assert all(isinstance(c, int) for c in codes), codes
        deletes, signins, saves = codes[0::3], codes[1::3], codes[2::3]
        assert set(deletes) <= {204, 401} and 204 in deletes, deletes
        assert set(signins) <= {200, 401}, signins
        assert set(saves) <= {200, 401, 404}, saves
        # A sign-in that won the race may have made a session before the delete: one more delete ends it.
        for token in _live_tokens(client, tokens):
            client.request("DELETE", "/v1/account", params={"confirm": "DELETE"},
                           headers={"Authorization": f"Bearer {token}"})
        assert isinstance(pg_store, SqlStore)
        with pg_store.engine.connect() as conn:
            for table in (UserRow, PreferencesRow, CredentialsRow, SessionRow, MoodEventRow):
                assert conn.scalar(select(func.count()).select_from(table)) == 0, table.__tablename__


def _act(client: TestClient, email: str, tokens: list[str], i: int) -> int:
    """One of three things a user's devices might do at once: delete the account, sign in, save preferences."""
    auth = {"Authorization": f"Bearer {tokens[i % len(tokens)]}"}
    if i % 3 == 0:
        return client.request("DELETE", "/v1/account", params={"confirm": "DELETE"}, headers=auth).status_code
    if i % 3 == 1:
        return client.post("/v1/auth/signin", json={"email": email, "password": PASSWORD}).status_code
    return client.put("/v1/preferences", json=_prefs_body(i), headers=auth).status_code


def _live_tokens(client: TestClient, tokens: list[str]) -> list[str]:
    return [t for t in tokens if client.get("/v1/preferences", headers={"Authorization": f"Bearer {t}"})
            .status_code == 200]


def test_a_deadlocked_write_is_run_again(pg_store: Store, pg_url: str, caplog: pytest.LogCaptureFixture) -> None:
    """Another transaction holds the preferences row and then wants the user row the deletion holds:
    PostgreSQL aborts the deletion (it waited first) as a deadlock; the store runs it again and it succeeds."""
    import psycopg

    user = pg_store.create_user("locked@example.org")
    other = psycopg.connect(pg_url.replace("postgresql+psycopg://", "postgresql://"))
    other.execute("SELECT * FROM preferences WHERE user_id = %s FOR UPDATE", (user.id,))
    deleting = threading.Thread(target=pg_store.delete_user, args=(user.id,))
    with caplog.at_level("INFO", logger="moodify.store.sql"):
        deleting.start()
        time.sleep(0.5)  # the deletion now holds the user row and waits for the preferences row
        other.execute("SELECT * FROM users WHERE id = %s FOR UPDATE", (user.id,))  # the cycle closes
        other.commit()
        other.close()
        deleting.join(30)
    assert "running it again" in caplog.text
    with pytest.raises(NotFound):
        pg_store.get_user(user.id)
