"""Export and account deletion through the API."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient

from tests.api.conftest import PASSWORD


def test_export_json_and_csv(client: TestClient, auth: dict[str, str]) -> None:
    client.post("/v1/emotion/text", json={"text": "what a lovely day"}, headers=auth)
    as_json = client.get("/v1/export", headers=auth)
    assert as_json.status_code == 200 and "attachment" in as_json.headers["content-disposition"]
    assert json.loads(as_json.text)["mood_events"][0]["source"] == "text"
    as_csv = client.get("/v1/export", params={"format": "csv"}, headers=auth)
    assert as_csv.headers["content-type"].startswith("text/csv") and as_csv.text.startswith("record,")
    assert client.get("/v1/export", params={"format": "xml"}, headers=auth).status_code == 422


def test_delete_needs_confirmation_then_everything_is_gone(client: TestClient, auth: dict[str, str]) -> None:
    refused = client.request("DELETE", "/v1/account", headers=auth)
    assert refused.status_code == 422 and refused.json()["title"] == "Invalid request"
    assert refused.json()["detail"].startswith("Type DELETE to confirm")
    assert client.delete("/v1/account", params={"confirm": "yes"}, headers=auth).status_code == 422
    assert client.delete("/v1/account", headers={**auth, "Moodify-Confirm": "delete"}).status_code == 422
    assert client.get("/v1/preferences", headers=auth).status_code == 200  # still there
    r = client.delete("/v1/account", headers={**auth, "Moodify-Confirm": "DELETE"})  # no body needed
    assert r.status_code == 204
    assert client.get("/v1/preferences", headers=auth).status_code == 401
    again = client.post("/v1/auth/signin", json={"email": "ann@example.org", "password": PASSWORD})
    assert again.status_code == 401


def test_delete_confirmed_in_the_query(client: TestClient) -> None:
    r = client.post("/v1/auth/signup", json={"email": "q@example.org", "password": PASSWORD})
    auth = {"Authorization": f"Bearer {r.json()['token']}"}
    assert client.delete("/v1/account", params={"confirm": "DELETE"}, headers=auth).status_code == 204
    assert client.get("/v1/preferences", headers=auth).status_code == 401
