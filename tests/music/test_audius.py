"""AudiusProvider against a fake Audius discovery node on loopback, answering in the real JSON shape."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from moodify.errors import ProviderError
from moodify.music.http import HttpClient
from moodify.music.providers.audius import AudiusProvider
from moodify.music.providers.base import CandidateQuery
from moodify.music.tags import AUDIUS_MOOD_POINTS
from moodify.types import MoodPoint

from .fakes import audius_item, make_settings

SAD = CandidateQuery(targets=(MoodPoint(-0.6, -0.3),), emotion="sad", limit=20)


def provider(httpserver: HTTPServer, tmp_path: Path, **kw: object) -> AudiusProvider:
    settings = make_settings(tmp_path, audius_host=httpserver.url_for("/").rstrip("/"), **kw)
    return AudiusProvider(settings, HttpClient(settings, backoff_s=0.0, sleep=lambda s: None))


def test_search_uses_audius_moods_and_app_name(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/v1/tracks/search").respond_with_json(
        {"data": [audius_item(1), audius_item(2, mood="Peaceful", tags=None)]})
    tracks = provider(httpserver, tmp_path).candidates(SAD)
    req = httpserver.log[0][0]
    assert req.args["mood"] == "Melancholy" and req.args["app_name"] == "moodify"
    assert req.args["limit"] == "20" and req.args["sort_method"] == "popular" and req.args["query"]
    assert [t.title for t in tracks] == ["Song 1", "Song 2"]
    t = tracks[0]
    assert t.key == "audius:Ab1x" and t.artist == "Artist 1"
    assert t.url == "https://audius.co/artist1/song-1"
    # The real stream endpoint, not an invented one.
    assert t.stream_url == f"{httpserver.url_for('/').rstrip('/')}/v1/tracks/Ab1x/stream?app_name=moodify"
    assert t.artwork_url and t.artwork_url.endswith("480x480.jpg")
    assert t.valence < 0 and t.duration_s == 201
    assert "melancholy" in t.tags and "sad" in t.tags
    assert (tracks[1].valence, tracks[1].arousal) == pytest.approx(
        ((2 * 0.45 + 0.3) / 3, (2 * -0.7 + 0.55) / 3))  # Peaceful twice + Electronic genre


def test_one_query_per_distinct_probe_point(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/v1/tracks/search").respond_with_json({"data": [audius_item(1)]})
    q = CandidateQuery(targets=(MoodPoint(-0.6, -0.3), MoodPoint(0, 0), MoodPoint(0.7, 0.35)), emotion="sad")
    tracks = provider(httpserver, tmp_path).candidates(q)
    moods = [r.args["mood"] for r, _ in httpserver.log]
    assert len(moods) == 3 and len(set(moods)) == 3
    assert len(tracks) == 1  # the same track is not repeated


def test_empty_search_falls_back_to_trending(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/v1/tracks/search").respond_with_json({"data": []})
    httpserver.expect_request("/v1/tracks/trending").respond_with_json(
        {"data": [audius_item(5, mood=None, genre="Ambient", tags=None)]})
    tracks = provider(httpserver, tmp_path).candidates(SAD)
    assert [t.id for t in tracks] == ["Ab5x"]
    assert tracks[0].arousal < 0  # placed by its genre


def test_tracks_without_any_mood_hint_are_dropped_not_guessed(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/v1/tracks/search").respond_with_json(
        {"data": [audius_item(1, mood=None, genre="Podcast", tags="kazoo"), audius_item(2)]})
    assert [t.id for t in provider(httpserver, tmp_path).candidates(SAD)] == ["Ab2x"]


@pytest.mark.parametrize("body", [{"tracks": []}, {"data": "nope"}, [1, 2]])
def test_wrong_json_shape_is_a_provider_error(httpserver: HTTPServer, tmp_path: Path, body: object) -> None:
    httpserver.expect_request("/v1/tracks/search").respond_with_json(body)
    with pytest.raises(ProviderError, match="audius"):
        provider(httpserver, tmp_path).candidates(SAD)


def test_items_in_an_unknown_shape_are_a_provider_error(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/v1/tracks/search").respond_with_json({"data": [{"name": "x"}, 7]})
    with pytest.raises(ProviderError, match="shape"):
        provider(httpserver, tmp_path).candidates(SAD)


def test_html_and_500s_become_provider_errors(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/v1/tracks/search").respond_with_data("<html>502 Bad Gateway</html>",
                                                                      content_type="text/html")
    with pytest.raises(ProviderError, match="HTML"):
        provider(httpserver, tmp_path).candidates(SAD)
    httpserver.clear()
    httpserver.expect_request("/v1/tracks/search").respond_with_data("oops", status=500)
    with pytest.raises(ProviderError, match="HTTP 500"):
        provider(httpserver, tmp_path).candidates(SAD)


def test_every_audius_mood_has_an_estimate() -> None:
    assert "Other" in AUDIUS_MOOD_POINTS and len(AUDIUS_MOOD_POINTS) == 23


def test_audius_genres_join_the_one_vocabulary(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/v1/tracks/search").respond_with_json(
        {"data": [audius_item(1, genre="Hip-Hop/Rap", tags="sad,rap"), audius_item(2, genre="Drum & Bass"),
                  audius_item(3, genre="Other", tags=None)]})
    got = {t.title: t.genres for t in provider(httpserver, tmp_path).candidates(SAD)}
    assert got == {"Song 1": ("hip hop",), "Song 2": ("electronic",), "Song 3": ()}
