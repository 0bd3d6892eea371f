from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import datetime

from fastapi.testclient import TestClient
from pytest_httpserver import HTTPServer
from werkzeug import Response

from moodify.music.genres import GENRES


def test_recommendations_by_emotion(client: TestClient, auth: dict[str, str]) -> None:
    r = client.get("/v1/recommendations", params={"emotion": "sad", "mode": "lift", "n": 5}, headers=auth)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["emotion"] == "sad" and body["mode"] == "lift"
    assert len(body["tracks"]) == 5
    assert all(t["reason"] and t["key"] == f"{t['provider']}:{t['id']}" for t in body["tracks"])
    assert body["target"]["valence"] > body["start"]["valence"]
    # a draft: prefetches and retries add nothing to the history
    assert body["playlist_id"] is None
    client.get("/v1/recommendations", params={"emotion": "sad", "mode": "lift", "n": 5}, headers=auth)
    assert client.get("/v1/history", headers=auth).json()["playlists"] == []


def test_post_playlists_makes_and_keeps_one(client: TestClient, auth: dict[str, str]) -> None:
    r = client.post("/v1/playlists", json={"emotion": "sad", "mode": "lift", "n": 4}, headers=auth)
    assert r.status_code == 201, r.text
    made = r.json()
    assert made["playlist_id"] and made["mode"] == "lift" and len(made["tracks"]) == 4
    kept = client.get("/v1/playlists", headers=auth).json()["playlists"]
    assert [p["id"] for p in kept] == [made["playlist_id"]]
    assert kept[0]["track_keys"] == [t["key"] for t in made["tracks"]]
    custom = client.post("/v1/playlists", json={"probs": "happy=0.6,sad=0.4", "mode": "custom", "valence": 0.5,
                                                "arousal": -0.5, "n": 3}, headers=auth)
    assert custom.status_code == 201 and custom.json()["target"] == {"valence": 0.5, "arousal": -0.5}
    for bad in [{}, {"emotion": "sad", "probs": "sad:1"}, {"emotion": "sad", "mode": "custom"},
                {"emotion": "bored"}, {"emotion": "sad", "n": 0}, {"emotion": "sad", "extra": 1}]:
        r = client.post("/v1/playlists", json=bad, headers=auth)
        assert r.status_code == 422 and r.headers["content-type"] == "application/problem+json", bad
    assert len(client.get("/v1/playlists", headers=auth).json()["playlists"]) == 2


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
    never_shown = client.post("/v1/feedback", json={"track_key": "offline:42", "kind": "skip"}, headers=auth)
    assert never_shown.status_code == 404 and "not in any playlist" in never_shown.json()["detail"]
    draft = client.get("/v1/recommendations", params={"emotion": "sad", "n": 3}, headers=auth).json()
    unkept = client.post("/v1/feedback", json={"track_key": draft["tracks"][0]["key"], "kind": "skip"}, headers=auth)
    assert unkept.status_code == 404  # a draft was never kept: feedback names a stored playlist
    made = client.post("/v1/playlists", json={"emotion": "sad", "n": 3}, headers=auth).json()
    key = made["tracks"][0]["key"]
    body = {"track_key": key, "kind": "skip", "playlist_id": made["playlist_id"], "tags": ["x" * 1_000_000]}
    r = client.post("/v1/feedback", json=body, headers=auth)
    assert r.status_code == 201 and r.json()["kind"] == "skip" and r.json()["stored"]
    assert client.post("/v1/feedback", json=body, headers=auth).json()["stored"] is False  # a retry
    assert [f["track_key"] for f in client.get("/v1/history", headers=auth).json()["feedback"]] == [key]
    for bad in [{"track_key": "no-colon", "kind": "like"}, {"track_key": key, "kind": "love"}, {},
                {"track_key": key, "kind": "play", "seconds": 1.0}, {"track_key": "off\x00:1", "kind": "like"},
                {"track_key": key, "kind": "like", "playlist_id": "../etc"}]:
        assert client.post("/v1/feedback", json=bad, headers=auth).status_code == 422, bad


def test_feedback_names_a_playlist_of_ones_own(client: TestClient, sign_up: Callable[[str], dict[str, str]]) -> None:
    ann, bo = sign_up("ann@example.org"), sign_up("bo@example.org")
    made = client.post("/v1/playlists", json={"emotion": "happy", "n": 2}, headers=ann).json()
    body = {"track_key": made["tracks"][0]["key"], "kind": "like", "playlist_id": made["playlist_id"]}
    assert client.post("/v1/feedback", json=body, headers=bo).status_code == 404
    assert client.get(f"/v1/playlists/{made['playlist_id']}", headers=bo).status_code == 404
    mine = client.get(f"/v1/playlists/{made['playlist_id']}", headers=ann).json()
    assert [t["key"] for t in mine["tracks"]] == [t["key"] for t in made["tracks"]]
    assert mine["tracks"][0]["title"] == made["tracks"][0]["title"] and mine["tracks"][0]["reason"]
    assert [p["id"] for p in client.get("/v1/playlists", headers=ann).json()["playlists"]] == [made["playlist_id"]]
    assert client.get("/v1/playlists", headers=bo).json()["playlists"] == []


def test_playing_a_playlist_again_moves_it_to_the_top(client: TestClient,
                                                    sign_up: Callable[[str], dict[str, str]]) -> None:
    ann, bo = sign_up("ann@example.org"), sign_up("bo@example.org")
    old, new = (client.post("/v1/playlists", json={"emotion": e, "n": 3}, headers=ann).json()["playlist_id"]
                for e in ("sad", "happy"))
    listed = client.get("/v1/playlists", headers=ann).json()["playlists"]
    assert [(p["id"], p["played_at"]) for p in listed] == [(new, None), (old, None)]
    r = client.post(f"/v1/playlists/{old}/replay", headers=ann)
    assert r.status_code == 200, r.text
    again = r.json()
    assert again["playlist_id"] == old and again["emotion"] == "sad" and len(again["tracks"]) == 3
    assert all(t["stream_url"] for t in again["tracks"]) and again["warnings"] == []  # streams resolved now
    listed = client.get("/v1/playlists", headers=ann).json()["playlists"]
    assert [p["id"] for p in listed] == [old, new]
    assert datetime.fromisoformat(listed[0]["played_at"]) > datetime.fromisoformat(listed[1]["at"])
    assert listed[1]["played_at"] is None
    assert client.get(f"/v1/playlists/{old}", headers=ann).json()["played_at"] == listed[0]["played_at"]
    assert [p["id"] for p in client.get("/v1/history", headers=ann).json()["playlists"]] == [old, new]
    assert client.post(f"/v1/playlists/{old}/replay", headers=bo).status_code == 404  # not bo's
    assert client.post("/v1/playlists/no-such-id/replay", headers=ann).status_code == 404
    assert client.post("/v1/playlists/a.b/replay", headers=ann).status_code == 422
    assert client.post(f"/v1/playlists/{new}/replay").status_code == 401
    assert client.get(f"/v1/playlists/{old}", headers=ann).json()["played_at"] == listed[0]["played_at"]


def test_preferences_shape_recommendations(client: TestClient, auth: dict[str, str]) -> None:
    assert client.get("/v1/preferences", headers=auth).json()["default_mode"] == "match"
    first = client.get("/v1/recommendations", params={"emotion": "happy", "n": 20}, headers=auth).json()
    tags = [t for track in first["tracks"] for t in track["tags"]]
    common = max(set(tags), key=tags.count)
    r = client.put("/v1/preferences", json={"default_mode": "calm", "blocked_tags": [common.upper()]}, headers=auth)
    assert r.status_code == 200 and r.json()["blocked_tags"] == [common]
    again = client.get("/v1/recommendations", params={"emotion": "happy", "n": 20}, headers=auth).json()
    assert again["mode"] == "calm" and not any(common in t["tags"] for t in again["tracks"])
    both = client.put("/v1/preferences", json={"favourite_tags": ["rock"], "blocked_tags": ["rock"]}, headers=auth)
    assert both.status_code == 422 and "both" in both.json()["detail"]
    assert client.put("/v1/preferences", json={"blocked_tags": ["a\x00b"]}, headers=auth).status_code == 422
    assert client.get("/v1/preferences", headers=auth).json()["default_mode"] == "calm"  # unchanged


def test_a_past_playlist_downloads_as_m3u8_and_xspf(client: TestClient, auth: dict[str, str]) -> None:
    import xml.etree.ElementTree as ET

    made = client.post("/v1/playlists", json={"emotion": "sad", "n": 4}, headers=auth).json()
    path = f"/v1/playlists/{made['playlist_id']}"
    m3u = client.get(path, params={"format": "m3u8"}, headers=auth)
    assert m3u.status_code == 200 and m3u.headers["content-type"].startswith("audio/x-mpegurl")
    assert m3u.text.startswith("#EXTM3U") and m3u.text.count("#EXTINF") == 4
    xspf = client.get(path, params={"format": "xspf"}, headers=auth)
    ns = "{http://xspf.org/ns/0/}"
    root = ET.fromstring(xspf.content)
    titles = [t.findtext(f"{ns}title") for t in root.iter(f"{ns}track")]
    assert root.tag == f"{ns}playlist" and titles == [t["title"] for t in made["tracks"]]
    # the one export function: the bytes the app's buttons and the CLI write for this playlist
    from moodify.music.playlist_files import export_playlist

    ctx = client.app.state.context  # type: ignore[attr-defined]
    record = ctx.store.get_playlist(ctx.store.find_user("ann@example.org").id, made["playlist_id"])
    assert export_playlist(record.tracks, "sad", record.mode, "xspf", ctx.settings).encode() == xspf.content
    assert export_playlist(record.tracks, "sad", record.mode, "m3u8", ctx.settings).encode() == m3u.content
    assert client.get(path, params={"format": "mp3"}, headers=auth).status_code == 422


def test_a_deezer_preview_says_it_is_one_with_both_lengths_and_genres(
        client_factory: Callable[..., tuple[TestClient, dict[str, str]]], httpserver: HTTPServer) -> None:
    """A 30-s preview of a 215-s song: ``duration_s`` is what plays, ``preview`` says so, the song's length is
    kept; genres come from Moodify's vocabulary. A past playlist shows the same."""
    from tests.music.fakes import deezer_track

    httpserver.expect_request(re.compile(r"^/track/\d+$")).respond_with_handler(
        lambda request: Response(json.dumps(deezer_track(request.path.rsplit("/", 1)[1])),
                                 content_type="application/json"))
    client, auth = client_factory(providers=["deezer"], deezer_base_url=httpserver.url_for("/").rstrip("/"),
                                  auth="local", api_rate_limit_per_min=10_000)
    r = client.post("/v1/playlists", json={"emotion": "happy", "n": 5}, headers=auth)
    assert r.status_code == 201, r.text
    tracks = r.json()["tracks"]
    assert all(t["stream_url"] and t["preview"] is True for t in tracks)
    assert all(t["duration_s"] == 30 and t["full_duration_s"] == 215 for t in tracks)
    assert any(t["genres"] for t in tracks)  # the shipped catalogue knows most songs' genres
    assert all(set(t["genres"]) <= set(GENRES) for t in tracks)
    past = client.get(f"/v1/playlists/{r.json()['playlist_id']}", headers=auth).json()["tracks"]
    assert [(t["genres"], t["duration_s"], t["preview"], t["full_duration_s"]) for t in past] == [
        (t["genres"], t["duration_s"], t["preview"], t["full_duration_s"]) for t in tracks]


def test_a_full_track_is_not_a_preview(client: TestClient, auth: dict[str, str]) -> None:
    tracks = client.post("/v1/playlists", json={"emotion": "sad", "n": 3}, headers=auth).json()["tracks"]
    assert tracks and all(t["preview"] is False and t["duration_s"] == t["full_duration_s"] for t in tracks)
