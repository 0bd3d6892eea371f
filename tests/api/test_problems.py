from __future__ import annotations

import logging
import re
from collections.abc import Callable
from pathlib import Path

import pytest
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
    body = r.json()
    assert {k: body[k] for k in ("type", "title", "status", "instance")} == {
        "type": "urn:moodify:problem:store-unavailable", "title": "Data store unavailable", "status": 503,
        "instance": "/v1/history"}
    assert re.fullmatch(r"The data store is unavailable right now\. Nothing was changed; try again in a minute\. "
                        r"\(Reference [0-9a-f]{8}\.\)", body["detail"])


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


def test_unexpected_error_is_500_with_a_reference_the_log_has(tmp_path: Path,
                                                              caplog: pytest.LogCaptureFixture) -> None:
    class Broken(MemoryStore):
        def list_mood_events(self, *args: object, **kwargs: object) -> list:  # type: ignore[override]
            raise RuntimeError("secret internal detail")

    client, auth = _client(tmp_path, Broken())
    with caplog.at_level(logging.ERROR, logger="moodify.errors"):
        r = client.get("/v1/history", headers=auth)
    assert r.status_code == 500 and r.headers["content-type"] == "application/problem+json"
    assert "secret" not in r.text and "Traceback" not in r.text and r.json()["title"] == "Internal error"
    ref = re.search(r"reference ([0-9a-f]{8})", r.json()["detail"])
    assert ref is not None and r.json()["detail"].endswith(".")
    [logged] = [rec for rec in caplog.records if ref.group(1) in rec.getMessage()]
    assert logged.exc_info is not None and "secret internal detail" in str(logged.exc_info[1])


def test_unknown_path_and_method_are_problems(client: TestClient) -> None:
    r = client.get("/v2/nothing")
    assert r.status_code == 404 and r.headers["content-type"] == "application/problem+json"
    assert r.json()["detail"] == "There is nothing at this address. The routes are listed at /docs."
    r = client.delete("/health")
    assert r.status_code == 405 and r.json()["status"] == 405


def test_health_docs_and_openapi(client: TestClient) -> None:
    assert client.get("/health").json()["status"] == "ok"
    assert "swagger" in client.get("/docs").text.lower()
    assert "redoc" in client.get("/redoc").text.lower()
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


def test_docs_load_nothing_from_outside_the_server(client: TestClient) -> None:
    """Swagger UI and ReDoc work offline: every script, style and icon they name is served here."""
    for page in ("/docs", "/redoc"):
        answer = client.get(page)
        assert answer.headers["content-security-policy"].startswith("default-src 'self'")
        html = answer.text
        urls = re.findall(r"""(?:src|href)=["']([^"']+)["']|url: ?["']([^"']+)["']""", html)
        named = [u for pair in urls for u in pair if u]
        assert named and not [u for u in named if "//" in u], named  # no CDN, no other host
        for url in named:
            if url.startswith("/docs-assets/"):
                r = client.get(url)
                assert r.status_code == 200 and len(r.content) > 1000, url


def test_every_problem_has_a_title_of_its_kind_and_a_sentence(client: TestClient, auth: dict[str, str]) -> None:
    seen = {
        "unauthorized": client.get("/v1/history"),
        "invalid-request": client.get("/v1/history", params={"since": "yesterday"}, headers=auth),
        "bad-text": client.post("/v1/emotion/text", json={"text": " "}, headers=auth),
        "bad-image": client.post("/v1/emotion", files={"image": ("x.jpg", b"not an image")}, headers=auth),
    }
    titles = set()
    for slug, r in seen.items():
        body = r.json()
        assert body["type"] == f"urn:moodify:problem:{slug}", body
        assert body["detail"][0].isupper() and body["detail"].endswith("."), body["detail"]
        titles.add(body["title"])
    assert len(titles) == len(seen)  # one title per kind, never just the HTTP phrase
