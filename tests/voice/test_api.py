"""POST /v1/emotion/voice on the real app, engine and text model."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import numpy as np
import pytest
from fastapi.testclient import TestClient

from moodify.api import create_app
from moodify.settings import Settings
from tests.voice.conftest import DATA, wav

URL = "/v1/emotion/voice"


def post(client: TestClient, auth: dict[str, str], data: bytes, name: str = "say.webm", *,
         image: bytes | None = None, headers: dict[str, str] | None = None, **form: str) -> Any:
    files = {"audio": (name, data), **({"image": ("me.jpg", image)} if image is not None else {})}
    return client.post(URL, files=files, data=form, headers={**auth, **(headers or {})})


def test_a_recording_gives_transcript_emotion_and_mood_recorded_once(client: TestClient,
                                                                   auth: dict[str, str]) -> None:
    data = (DATA / "happy.webm").read_bytes()
    r = post(client, auth, data, headers={"Idempotency-Key": "say-1"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert "wonderful" in body["transcript"] and body["words"] == body["transcript"] and not body["corrected"]
    assert body["engine"] == "pocketsphinx" and body["seconds"] == pytest.approx(3.43, abs=0.05)
    assert body["text"]["emotion"] == body["mood"]["emotion"] == "happy"
    assert body["mood"]["sources"] == ["words"] and body["fused"] is None
    assert any("tone" in n for n in body["notices"])
    again = post(client, auth, data, headers={"Idempotency-Key": "say-1"})
    assert again.json()["event_id"] == body["event_id"]
    moods = client.get("/v1/history", headers=auth).json()["moods"]
    assert [m["source"] for m in moods] == ["text"]


def test_an_unsure_face_beside_the_words_waits_for_confirmation(
        client: TestClient, auth: dict[str, str], face_jpeg: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("moodify.service.readings.LOW_CONFIDENCE", 1.01)  # every face is unsure
    r = post(client, auth, (DATA / "happy.ogg").read_bytes(), name="say.ogg", image=face_jpeg)
    body = r.json()
    assert r.status_code == 200 and body["needs_confirmation"] and body["likeliest"] and body["photo_id"]
    assert body["face"] is None and body["fused"] is None and body["mood"]["sources"] == ["words"]
    assert any("unsure" in n for n in body["notices"])
    assert [m["source"] for m in client.get("/v1/history", headers=auth).json()["moods"]] == ["text"]


def test_a_corrected_transcript_is_read_and_fused_with_a_photo(
        client: TestClient, auth: dict[str, str], face_jpeg: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("moodify.service.readings.LOW_CONFIDENCE", 0.0)  # the face counts without a confirmation
    r = post(client, auth, (DATA / "happy.ogg").read_bytes(), name="say.ogg",
             transcript="I am so scared and anxious about tomorrow", image=face_jpeg)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["corrected"] and body["words"].startswith("I am so scared")
    assert body["text"]["emotion"] == "fear"
    assert not body["needs_confirmation"] and body["face"] is not None and body["face_event_id"]
    assert body["mood"]["sources"] == ["face", "words"]
    assert body["fused"]["face_weight"] + body["fused"]["text_weight"] == pytest.approx(1.0, abs=1e-3)
    sources = sorted(m["source"] for m in client.get("/v1/history", headers=auth).json()["moods"])
    assert sources == ["text", "upload"]


def _zip_bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("say.ogg", b"\0" * 20_000_000)
    return out.getvalue()


@pytest.mark.parametrize(("data", "status", "slug"), [
    (_zip_bomb(), 415, "unsupported-audio"),
    ((DATA / "two_hours.flac").read_bytes(), 413, "audio-too-large"),
    (b"OggS" + b"\x00" * 300, 422, "bad-audio"),
    (b"", 422, "bad-audio"),
])
def test_unreadable_recordings_are_problems_and_record_nothing(client: TestClient, auth: dict[str, str],
                                                              data: bytes, status: int, slug: str) -> None:
    r = post(client, auth, data, name="say.ogg")
    assert r.status_code == status, r.text
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["type"] == f"urn:moodify:problem:{slug}" and r.json()["detail"]
    assert client.get("/v1/history", headers=auth).json()["moods"] == []


def test_silence_and_noise_are_422_with_plain_words(client: TestClient, auth: dict[str, str]) -> None:
    r = post(client, auth, wav(np.zeros(16_000, np.int16)), name="say.wav")
    assert r.status_code == 422 and "silent" in r.json()["detail"]
    noise = np.random.default_rng(1).normal(0, 5000, 48_000).clip(-32768, 32767).astype(np.int16)
    r = post(client, auth, wav(noise), name="say.wav")
    assert r.status_code == 422 and "noise" in r.json()["detail"]
    assert r.json()["type"] == "urn:moodify:problem:no-speech"


def test_more_bytes_than_allowed_is_413(api_settings: Settings) -> None:
    small = TestClient(create_app(api_settings.model_copy(update={"voice_max_bytes": 50_000})))
    token = small.post("/v1/auth/signup", json={"email": "bo@example.org", "password": "correct horse battery"})
    headers = {"Authorization": f"Bearer {token.json()['token']}"}
    r = post(small, headers, (DATA / "happy.wav").read_bytes(), name="say.wav")
    assert r.status_code == 413 and "MB" in r.json()["detail"]


def test_signed_out_is_401(client: TestClient) -> None:
    assert post(client, {}, (DATA / "happy.wav").read_bytes()).status_code == 401
