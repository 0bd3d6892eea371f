from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from fastapi.testclient import TestClient

from moodify.api import create_app
from moodify.errors import StoreError
from moodify.settings import Settings
from moodify.store.memory import MemoryStore
from tests.api.conftest import PASSWORD


class BrokenHistoryStore(MemoryStore):
    def list_mood_events(self, *args: object, **kwargs: object) -> list:  # type: ignore[override]
        raise StoreError("database is unavailable")

    def list_playlists(self, user_id: str) -> list:  # type: ignore[override]
        raise RuntimeError("secret internal detail")


def _client(tmp_path: Path, store: MemoryStore) -> tuple[TestClient, dict[str, str]]:
    client = TestClient(create_app(Settings(data_dir=tmp_path, store="memory"), store=store),
                        raise_server_exceptions=False)
    r = client.post("/v1/auth/signup", json={"email": "p@example.org", "password": PASSWORD})
    return client, {"Authorization": f"Bearer {r.json()['token']}"}


def test_store_failure_is_503_problem(tmp_path: Path) -> None:
    client, auth = _client(tmp_path, BrokenHistoryStore())
    r = client.get("/v1/history", headers=auth)
    assert r.status_code == 503
    assert r.json() == {"type": "urn:moodify:problem:store-unavailable", "title": "Service Unavailable",
                        "status": 503, "instance": "/v1/history",
                        "detail": "the data store is unavailable right now; nothing was changed, try again shortly"}


def test_store_failure_never_shows_the_database_url_or_driver_text(tmp_path: Path) -> None:
    from moodify.errors import StoreError

    class Leaky(MemoryStore):
        def list_mood_events(self, *args: object, **kwargs: object) -> list:  # type: ignore[override]
            raise StoreError("reading mood history failed: database postgresql+psycopg://moodify:***@db:5432/"
                             "moodify: invalid byte sequence for encoding \"UTF8\": 0x00")

    client, auth = _client(tmp_path, Leaky())
    r = client.get("/v1/history", headers=auth)
    assert r.status_code == 503
    assert "postgresql" not in r.text and "5432" not in r.text and "UTF8" not in r.text


def test_unexpected_error_is_500_without_traceback(tmp_path: Path) -> None:
    class Broken(MemoryStore):
        def list_mood_events(self, *args: object, **kwargs: object) -> list:  # type: ignore[override]
            raise RuntimeError("secret internal detail")

    client, auth = _client(tmp_path, Broken())
    r = client.get("/v1/history", headers=auth)
    assert r.status_code == 500 and r.headers["content-type"] == "application/problem+json"
    assert "secret" not in r.text and "Traceback" not in r.text


def test_unknown_path_and_method_are_problems(client: TestClient) -> None:
    r = client.get("/v2/nothing")
    assert r.status_code == 404 and r.headers["content-type"] == "application/problem+json"
    r = client.delete("/health")
    assert r.status_code == 405 and r.json()["status"] == 405


def test_health_docs_and_openapi(client: TestClient) -> None:
    assert client.get("/health").json()["status"] == "ok"
    assert "swagger" in client.get("/docs").text.lower()
    schema = client.get("/openapi.json").json()
    assert {"/v1/emotion", "/v1/emotion/text", "/v1/recommendations", "/v1/feedback", "/v1/history",
            "/v1/auth/signup", "/v1/auth/signin", "/v1/auth/signout", "/health"} <= set(schema["paths"])
    problem = schema["paths"]["/v1/history"]["get"]["responses"]["401"]["content"]
    assert "application/problem+json" in problem


def test_validation_error_lists_fields(client: TestClient, sign_up: Callable[[str], dict[str, str]]) -> None:
    r = client.post("/v1/auth/signup", json={"email": 5})
    assert r.status_code == 422
    body = r.json()
    assert body["type"] == "urn:moodify:problem:invalid-request"
    assert {tuple(e["loc"]) for e in body["errors"]} >= {("body", "password")}
