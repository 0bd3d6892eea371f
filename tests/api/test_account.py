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
    assert client.request("DELETE", "/v1/account", headers=auth).status_code == 422
    assert client.request("DELETE", "/v1/account", json={"confirm": "yes"}, headers=auth).status_code == 422
    assert client.get("/v1/preferences", headers=auth).status_code == 200  # still there
    r = client.request("DELETE", "/v1/account", json={"confirm": "DELETE"}, headers=auth)
    assert r.status_code == 204
    assert client.get("/v1/preferences", headers=auth).status_code == 401
    again = client.post("/v1/auth/signin", json={"email": "ann@example.org", "password": PASSWORD})
    assert again.status_code == 401
