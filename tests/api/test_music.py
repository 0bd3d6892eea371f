from __future__ import annotations

from fastapi.testclient import TestClient


def test_recommendations_by_emotion(client: TestClient, auth: dict[str, str]) -> None:
    r = client.get("/v1/recommendations", params={"emotion": "sad", "mode": "lift", "n": 5}, headers=auth)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["emotion"] == "sad" and body["mode"] == "lift"
    assert len(body["tracks"]) == 5
    assert all(t["reason"] and t["key"] == f"{t['provider']}:{t['id']}" for t in body["tracks"])
    assert body["target"]["valence"] > body["start"]["valence"]
    assert len(client.get("/v1/history", headers=auth).json()["playlists"]) == 1


def test_recommendations_by_probabilities_and_custom_target(client: TestClient, auth: dict[str, str]) -> None:
    r = client.get("/v1/recommendations", params={"probs": "happy:0.7,sad:0.3", "n": 3}, headers=auth)
    assert r.status_code == 200 and r.json()["emotion"] == "happy"
    r = client.get("/v1/recommendations", params={"emotion": "angry", "mode": "custom", "valence": 0.5,
                                                   "arousal": -0.5}, headers=auth)
    assert r.status_code == 200
    assert r.json()["target"] == {"valence": 0.5, "arousal": -0.5}


def test_recommendation_input_errors(client: TestClient, auth: dict[str, str]) -> None:
    cases = [{}, {"emotion": "sad", "probs": "sad:1"}, {"probs": "sad"}, {"probs": "joyful:1"}, {"probs": "sad:-1"},
             {"probs": "sad:0"}, {"emotion": "sad", "mode": "custom"}, {"emotion": "bored"}, {"emotion": "sad", "n": 0},
             {"emotion": "sad", "n": 51}]
    for params in cases:
        r = client.get("/v1/recommendations", params=params, headers=auth)
        assert r.status_code == 422, params
        assert r.headers["content-type"] == "application/problem+json"
        assert r.json()["detail"]


def test_feedback_is_stored_and_validated(client: TestClient, auth: dict[str, str]) -> None:
    r = client.post("/v1/feedback", json={"track_key": "offline:42", "kind": "skip", "tags": ["rock"]}, headers=auth)
    assert r.status_code == 201 and r.json()["kind"] == "skip"
    assert client.get("/v1/history", headers=auth).json()["feedback"][0]["track_key"] == "offline:42"
    for bad in [{"track_key": "no-colon", "kind": "like"}, {"track_key": "offline:1", "kind": "love"}, {}]:
        assert client.post("/v1/feedback", json=bad, headers=auth).status_code == 422
