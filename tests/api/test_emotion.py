from __future__ import annotations

from fastapi.testclient import TestClient

from moodify.types import EMOTIONS


def test_photo_gives_faces_with_box_emotion_probabilities(
    client: TestClient, auth: dict[str, str], face_jpeg: bytes
) -> None:
    r = client.post("/v1/emotion", files={"image": ("a.jpg", face_jpeg, "image/jpeg")}, headers=auth)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["width"] == 512 and len(body["faces"]) == 1
    face = body["faces"][0]
    assert set(face["box"]) == {"x", "y", "w", "h"} and face["box"]["w"] > 50
    assert set(face["probabilities"]) == set(EMOTIONS)
    assert abs(sum(face["probabilities"].values()) - 1) < 1e-4
    assert face["confidence"] == max(face["probabilities"].values())
    assert body["event_id"] and body["fused"] is None
    history = client.get("/v1/history", headers=auth).json()
    assert [m["source"] for m in history["moods"]] == ["upload"]


def test_same_photo_twice_is_stored_once(client: TestClient, auth: dict[str, str], face_jpeg: bytes) -> None:
    for _ in range(2):
        assert client.post("/v1/emotion", files={"image": ("a.jpg", face_jpeg)}, headers=auth).status_code == 200
    assert len(client.get("/v1/history", headers=auth).json()["moods"]) == 1


def test_photo_with_text_is_fused(client: TestClient, auth: dict[str, str], face_jpeg: bytes) -> None:
    r = client.post("/v1/emotion", files={"image": ("a.jpg", face_jpeg)},
                    data={"text": "I'm terrified, I'm so scared of what comes next"}, headers=auth)
    body = r.json()
    assert body["text"]["emotion"] == "fear"
    fused = body["fused"]
    assert abs(fused["face_weight"] + fused["text_weight"] - 1) < 1e-3
    assert abs(sum(fused["probabilities"].values()) - 1) < 1e-4
    assert body["mood"]["sources"] == ["face", "words"] and body["mood"]["emotion"] == fused["emotion"]
    moods = client.get("/v1/history", headers=auth).json()["moods"]
    assert sorted(m["source"] for m in moods) == ["text", "upload"]  # each input once; the fusion is derived


def test_no_face_is_an_empty_list_with_a_notice(client: TestClient, auth: dict[str, str], no_face_jpeg: bytes) -> None:
    r = client.post("/v1/emotion", files={"image": ("c.jpg", no_face_jpeg)}, headers=auth)
    assert r.status_code == 200
    assert r.json()["faces"] == [] and "no face" in r.json()["notices"][0]
    assert r.json()["event_id"] is None  # nothing invented, nothing stored


def test_unreadable_or_missing_image_is_422_problem(client: TestClient, auth: dict[str, str]) -> None:
    r = client.post("/v1/emotion", files={"image": ("x.jpg", b"not an image")}, headers=auth)
    assert r.status_code == 422 and r.headers["content-type"] == "application/problem+json"
    assert "image" in r.json()["detail"]
    assert client.post("/v1/emotion", files={"image": ("x.jpg", b"")}, headers=auth).status_code == 422
    missing = client.post("/v1/emotion", headers=auth)
    assert missing.status_code == 422 and "image" in missing.json()["detail"]


def test_text_endpoint(client: TestClient, auth: dict[str, str]) -> None:
    r = client.post("/v1/emotion/text", json={"text": "I can't stop smiling, what a wonderful day"}, headers=auth)
    assert r.status_code == 200
    body = r.json()
    assert body["emotion"] == "happy" and len(body["probabilities"]) == 7 and body["event_id"]
    assert client.get("/v1/history", headers=auth).json()["moods"][0]["source"] == "text"


def test_text_endpoint_bad_input(client: TestClient, auth: dict[str, str]) -> None:
    r = client.post("/v1/emotion/text", json={"text": "   "}, headers=auth)
    assert r.status_code == 422 and "empty" in r.json()["detail"]
    assert client.post("/v1/emotion/text", json={}, headers=auth).status_code == 422
    foreign = client.post("/v1/emotion/text", json={"text": "Estoy muy triste hoy"}, headers=auth).json()
    assert foreign["confidence"] < 0.35 and foreign["notices"]
    long = client.post("/v1/emotion/text", json={"text": "happy " * 2000}, headers=auth).json()
    assert long["truncated"] and long["notices"]
