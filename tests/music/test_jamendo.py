"""JamendoProvider against a fake Jamendo v3.0 API on loopback, in its real JSON shape."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import SecretStr
from pytest_httpserver import HTTPServer

from moodify.errors import ProviderError
from moodify.music.http import HttpClient
from moodify.music.providers.base import CandidateQuery
from moodify.music.providers.jamendo import JamendoProvider, license_name
from moodify.types import MoodPoint

from .fakes import jamendo_body, jamendo_item, make_settings

SAD = CandidateQuery(targets=(MoodPoint(-0.6, -0.3),), emotion="sad", limit=30)


def provider(httpserver: HTTPServer, tmp_path: Path, client_id: str | None = "id-1") -> JamendoProvider:
    settings = make_settings(tmp_path, jamendo_host=httpserver.url_for("/").rstrip("/"),
                             jamendo_client_id=SecretStr(client_id) if client_id else None)
    return JamendoProvider(settings, HttpClient(settings, backoff_s=0.0, sleep=lambda s: None))


def test_tracks_query_and_attribution(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/v3.0/tracks/").respond_with_json(jamendo_body([jamendo_item(1)]))
    tracks = provider(httpserver, tmp_path).candidates(SAD)
    args = httpserver.log[0][0].args
    assert args["client_id"] == "id-1" and args["format"] == "json"
    assert args["include"] == "musicinfo" and args["audioformat"] == "mp31"
    assert args["limit"] == "30" and args["order"] == "popularity_total"
    assert "sad" in args["fuzzytags"].split()
    t = tracks[0]
    assert t.key == "jamendo:1500001" and t.title == "Piece 1" and t.artist == "Composer 1"
    assert t.url == "https://www.jamendo.com/track/1500001"
    assert t.stream_url and t.stream_url.startswith("https://prod-1.storage.jamendo.com/?trackid=1500001")
    assert t.license == "CC BY-NC-SA 3.0"
    assert t.license_url == "http://creativecommons.org/licenses/by-nc-sa/3.0/"
    assert t.tags == ("sad", "calm", "classical") and t.valence < 0 and t.arousal < 0


def test_unknown_musicinfo_falls_back_to_the_tags_asked_for(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/v3.0/tracks/").respond_with_json(
        jamendo_body([jamendo_item(2, vartags=("zzz",), genres=())]))
    t = provider(httpserver, tmp_path).candidates(SAD)[0]
    assert t.valence < -0.3  # near the sad tags it was found by


def test_missing_client_id_is_reported_without_a_request(httpserver: HTTPServer, tmp_path: Path) -> None:
    with pytest.raises(ProviderError, match="MOODIFY_JAMENDO_CLIENT_ID"):
        provider(httpserver, tmp_path, client_id=None).candidates(SAD)
    assert httpserver.log == []


def test_api_error_in_headers_code(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/v3.0/tracks/").respond_with_json(
        jamendo_body([], code=8, message="Rate limit exceeded"))
    with pytest.raises(ProviderError, match="error 8: Rate limit exceeded"):
        provider(httpserver, tmp_path).candidates(SAD)


def test_http_429_is_retried_then_reported(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/v3.0/tracks/").respond_with_data("slow down", status=429)
    with pytest.raises(ProviderError, match="429"):
        provider(httpserver, tmp_path).candidates(SAD)
    assert len(httpserver.log) == 3


@pytest.mark.parametrize("body", [{"results": []}, {"headers": {"code": 0}}, {"headers": {"code": 0},
                                                                           "results": {"a": 1}}])
def test_wrong_shapes(httpserver: HTTPServer, tmp_path: Path, body: object) -> None:
    httpserver.expect_request("/v3.0/tracks/").respond_with_json(body)
    with pytest.raises(ProviderError, match="jamendo"):
        provider(httpserver, tmp_path).candidates(SAD)


def test_lookup_enriches_ids_ten_at_a_time(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/v3.0/tracks/").respond_with_json(
        jamendo_body([jamendo_item(i) for i in range(3)]))
    ids = [str(1_500_000 + i) for i in range(12)]
    info = provider(httpserver, tmp_path).lookup(ids)
    assert len(httpserver.log) == 2
    assert httpserver.log[0][0].args["id"].split() == ids[:10]
    assert info["1500001"].title == "Piece 1" and info["1500001"].license == "CC BY-NC-SA 3.0"


def test_license_names() -> None:
    assert license_name("https://creativecommons.org/licenses/by/4.0/") == "CC BY 4.0"
    assert license_name("") == "Creative Commons (see the track page)"


@pytest.mark.parametrize("kind, needle", [
    ("html", "HTML"), ("malformed", "not JSON"), ("http500", "HTTP 500"), ("timeout", "timed out"),
])
def test_transport_failures(httpserver: HTTPServer, tmp_path: Path, kind: str, needle: str) -> None:
    import time

    from werkzeug import Request, Response

    def slow(request: Request) -> Response:
        time.sleep(0.5)
        return Response("{}", content_type="application/json")

    route = httpserver.expect_request("/v3.0/tracks/")
    if kind == "html":
        route.respond_with_data("<html><body>Service Unavailable</body></html>", content_type="text/html")
    elif kind == "malformed":
        route.respond_with_data('{"headers": {"code": 0}, "results": [', content_type="application/json")
    elif kind == "http500":
        route.respond_with_data("err", status=500)
    else:
        route.respond_with_handler(slow)
    settings = make_settings(tmp_path, jamendo_host=httpserver.url_for("/").rstrip("/"),
                             jamendo_client_id=SecretStr("id-1"), http_read_timeout=0.2)
    jam = JamendoProvider(settings, HttpClient(settings, backoff_s=0.0, sleep=lambda s: None))
    with pytest.raises(ProviderError, match=needle) as info:
        jam.candidates(SAD)
    assert "id-1" not in str(info.value)
    if kind == "timeout":
        time.sleep(0.4)  # the fake server answers one request at a time: let the slow one finish


def test_jamendo_musicinfo_genres_join_the_one_vocabulary() -> None:
    from moodify.music.genres import genres_of
    from moodify.music.providers.jamendo import _musicinfo_words
    item = jamendo_item(1, genres=("hiphop", "electronic"), vartags=("sad",))
    assert genres_of(_musicinfo_words(item, ("genres",))) == ("electronic", "hip hop")
