"""``/v1/emotion``: faces and readings, the confidence gate and its confirm call, and sentences."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

import moodify
from moodify.service import LOW_CONFIDENCE
from moodify.types import EMOTIONS, Analysis, EmotionScores

SURE = EmotionScores.from_mapping({"happy": 0.8, "neutral": 0.15, "sad": 0.05})


@pytest.fixture
def confident(app: FastAPI) -> None:
    """The real detector finds the faces; the (tiny, random) emotion model is replaced by a sure answer,
    so these tests see what happens to a confident reading."""

    def analyze(data: bytes, **kwargs: Any) -> Analysis:
        found: Analysis = moodify.analyze(data, **kwargs)
        return replace(found, faces=tuple(replace(f, scores=SURE) for f in found.faces))

    app.state.context.analyze = analyze


@pytest.mark.usefixtures("confident")
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
    assert body["face"] == 0 and not body["needs_confirmation"] and len(body["photo_id"]) == 64
    assert body["event_id"] and body["fused"] is None
    history = client.get("/v1/history", headers=auth).json()
    assert [m["source"] for m in history["moods"]] == ["upload"]


@pytest.mark.usefixtures("confident")
def test_same_photo_twice_is_stored_once(client: TestClient, auth: dict[str, str], face_jpeg: bytes) -> None:
    for _ in range(2):
        assert client.post("/v1/emotion", files={"image": ("a.jpg", face_jpeg)}, headers=auth).status_code == 200
    assert len(client.get("/v1/history", headers=auth).json()["moods"]) == 1


@pytest.mark.usefixtures("confident")
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


def test_an_unsure_face_asks_and_records_only_what_is_confirmed(
    client: TestClient, auth: dict[str, str], face_jpeg: bytes
) -> None:
    r = client.post("/v1/emotion", files={"image": ("a.jpg", face_jpeg)}, headers=auth)  # the tiny model: unsure
    body = r.json()
    assert r.status_code == 200 and body["faces"][0]["confidence"] < LOW_CONFIDENCE
    assert body["needs_confirmation"] and body["event_id"] is None and body["mood"] is None
    ranked = sorted(body["faces"][0]["probabilities"].items(), key=lambda kv: -kv[1])
    assert body["likeliest"] == [name for name, _ in ranked[:3]]
    assert "POST /v1/emotion/confirm" in body["notices"][0]
    assert client.get("/v1/history", headers=auth).json()["moods"] == []  # nothing until confirmed

    picked = {"photo_id": body["photo_id"], "face": 0, "emotion": body["likeliest"][1]}
    confirmed = client.post("/v1/emotion/confirm", json=picked, headers=auth)
    assert confirmed.status_code == 201 and confirmed.json()["stored"]
    assert confirmed.json()["emotion"] == picked["emotion"] and confirmed.json()["confidence"] == 1.0
    again = client.post("/v1/emotion/confirm", json=picked, headers=auth)  # a retry
    assert again.json() == {**confirmed.json(), "stored": False}
    moods = client.get("/v1/history", headers=auth).json()["moods"]
    assert [(m["source"], m["emotion"]) for m in moods] == [("correction", picked["emotion"])]


def test_confirm_refuses_what_is_not_an_emotion_or_a_photo(client: TestClient, auth: dict[str, str]) -> None:
    r = client.post("/v1/emotion/confirm", json={"photo_id": "0" * 64, "emotion": "bored"}, headers=auth)
    assert r.status_code == 422 and r.json()["title"] == "Invalid request"
    r = client.post("/v1/emotion/confirm", json={"photo_id": "../etc", "emotion": "sad"}, headers=auth)
    assert r.status_code == 422


def test_no_face_is_an_empty_list_with_a_notice(client: TestClient, auth: dict[str, str], no_face_jpeg: bytes) -> None:
    r = client.post("/v1/emotion", files={"image": ("c.jpg", no_face_jpeg)}, headers=auth)
    assert r.status_code == 200
    body = r.json()
    assert body["faces"] == [] and body["face"] is None and body["notices"][0].startswith("No face found.")
    assert body["event_id"] is None and not body["needs_confirmation"]  # nothing invented, nothing stored


def test_a_face_the_photo_does_not_have_is_refused(
    client: TestClient, auth: dict[str, str], face_jpeg: bytes
) -> None:
    r = client.post("/v1/emotion", files={"image": ("a.jpg", face_jpeg)}, data={"face": "3"}, headers=auth)
    assert r.status_code == 422 and r.json()["detail"].startswith("There is no face 4 in this photo")


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
