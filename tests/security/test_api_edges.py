"""Small API edges of the second security battery (issue 22, finding 10): a 405 names the allowed methods,
and a sign-in racing the account's deletion is a failed sign-in, not a missing resource."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from moodify.api import create_app
from moodify.auth.local import LocalAuth
from moodify.settings import Settings
from moodify.store.memory import MemoryStore
from moodify.store.models import SessionRecord

PASSWORD = "correct horse battery staple"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(_env_file=None, data_dir=tmp_path, store="memory", auth="local", providers=["offline"],
                    api_rate_limit_per_min=10_000)


@pytest.mark.parametrize("method, path, allowed", [
    ("DELETE", "/v1/preferences", "GET, PUT"),
    ("GET", "/v1/auth/signin", "POST"),
    ("PATCH", "/v1/playlists/abc", "GET"),
    ("GET", "/v1/account", "DELETE"),
    ("PUT", "/health", "GET"),
])
def test_a_405_names_the_allowed_methods(settings: Settings, method: str, path: str, allowed: str) -> None:
    client = TestClient(create_app(settings), raise_server_exceptions=False)
    reply = client.request(method, path)
    assert reply.status_code == 405
    assert reply.headers["Allow"] == allowed


class _DeletedMidSignIn(MemoryStore):
    """Once ``racing``, the account is deleted (by its owner, elsewhere) after the password check and before
    the session is stored."""

    racing = False

    def add_session(self, session: SessionRecord) -> None:
        if self.racing:
            self.delete_user(session.user_id)
        super().add_session(session)


def test_sign_in_racing_a_deletion_answers_401(settings: Settings) -> None:
    store = _DeletedMidSignIn()
    client = TestClient(create_app(settings, store=store, auth_backend=LocalAuth(settings, store)),
                        raise_server_exceptions=False)
    assert client.post("/v1/auth/signup", json={"email": "gone@example.org", "password": PASSWORD}).status_code == 201
    store.racing = True
    reply = client.post("/v1/auth/signin", json={"email": "gone@example.org", "password": PASSWORD})
    assert reply.status_code == 401, reply.text
    assert "wrong email or password" in reply.json()["detail"].lower()
