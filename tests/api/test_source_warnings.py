"""A music source that fails is said to an API client (``warnings``), as the CLI says it; the app logs it."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient

from tests.servers import free_port


def test_a_failed_source_is_in_the_playlist_warnings(
        client_factory: Callable[..., tuple[TestClient, dict[str, str]]]) -> None:
    closed = f"http://127.0.0.1:{free_port()}"  # nothing listens there: Audius fails, the catalogue answers
    client, auth = client_factory(providers=["audius", "offline"], audius_host=closed, auth="local",
                                  api_rate_limit_per_min=10_000)
    r = client.get("/v1/recommendations", params={"emotion": "sad", "n": 5}, headers=auth)
    assert r.status_code == 200, r.text
    body = r.json()
    assert len(body["tracks"]) == 5 and {t["provider"] for t in body["tracks"]} == {"offline"}
    assert any(w.startswith("audius failed") for w in body["warnings"]), body["warnings"]
