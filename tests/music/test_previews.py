"""Previews at playlist time against a fake Deezer on loopback: real shapes, dead tracks, quota, failures."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from moodify.music.chain import ProviderChain
from moodify.music.http import HttpClient
from moodify.music.pipeline import recommend
from moodify.music.previews import PREVIEW_S, Dead, DeezerPreviews, Failed, Resolved, parse_track
from moodify.settings import Settings
from moodify.types import EmotionScores, Playlist

from .fakes import DEEZER_NO_DATA, DEEZER_QUOTA, deezer_track, make_settings, make_track

TRACK_PATH = re.compile(r"^/track/(\d+)$")


def setup(httpserver: HTTPServer, tmp_path: Path, **kw: Any) -> tuple[Settings, ProviderChain]:
    settings = make_settings(tmp_path, deezer_base_url=httpserver.url_for("/").rstrip("/"),
                             providers=["deezer"], **kw)
    http = HttpClient(settings, backoff_s=0.0, sleep=lambda s: None)
    return settings, ProviderChain.from_names(["deezer"], settings, http=http)


def serve(httpserver: HTTPServer, answer: Any) -> list[str]:
    """Route every /track/{id} to ``answer(id) -> Response``; returns the ids asked, in order."""
    asked: list[str] = []

    def handler(request: Request) -> Response:
        m = TRACK_PATH.match(request.path)
        assert m is not None
        asked.append(m.group(1))
        out = answer(m.group(1))
        return out if isinstance(out, Response) else Response(json.dumps(out), content_type="application/json")

    httpserver.expect_request(TRACK_PATH).respond_with_handler(handler)
    return asked


def playlist(settings: Settings, chain: ProviderChain, mode: str = "lift", seed: int = 3) -> Playlist:
    return recommend(EmotionScores.one_hot("sad"), mode, 10, settings=settings, chain=chain, seed=seed)  # type: ignore[arg-type]


def test_parse_the_real_shapes() -> None:
    ok = parse_track(deezer_track(3135556, exp=1_900_000_000))
    assert isinstance(ok, Resolved) and ok.expires_at == 1_900_000_000 and ok.duration_s == 215
    assert ok.artwork_url and ok.artwork_url.endswith("250x250-000000-80-0-0.jpg")
    assert ok.link == "https://www.deezer.com/track/3135556"
    assert isinstance(parse_track(DEEZER_NO_DATA), Dead)
    assert isinstance(parse_track(deezer_track(1, readable=False)), Dead)
    assert isinstance(parse_track(deezer_track(1, preview="")), Dead)
    quota = parse_track(DEEZER_QUOTA)
    assert isinstance(quota, Failed) and quota.quota
    assert isinstance(parse_track([1, 2]), Failed)
    assert parse_track(deezer_track(1, preview="javascript:alert(1)")) == Dead("no preview on Deezer")


def test_every_track_gets_its_preview_and_artwork(httpserver: HTTPServer, tmp_path: Path) -> None:
    settings, chain = setup(httpserver, tmp_path)
    asked = serve(httpserver, deezer_track)
    pl = playlist(settings, chain)
    assert len(pl.items) == 10 and pl.warnings == ()
    assert sorted(asked) == sorted(it.track.id for it in pl.items)
    for it in pl.items:
        t = it.track
        assert t.stream_url and f"abc{t.id}.mp3" in t.stream_url and t.preview_s == PREVIEW_S
        assert t.artwork_url and t.id in t.artwork_url and t.duration_s == 215
        assert t.title != "Song " + t.id  # names come from the catalogue, not from the answer


def test_dead_tracks_are_replaced_for_the_same_step_and_remembered(httpserver: HTTPServer, tmp_path: Path) -> None:
    settings, chain = setup(httpserver, tmp_path)
    first = playlist(settings, chain)  # no handler yet (the fake answers 500): shows which ids get picked
    dead = {it.track.id for it in first.items[::3]}
    chain2 = setup(httpserver, tmp_path / "b")[1]
    asked = serve(httpserver, lambda i: DEEZER_NO_DATA if i in dead else deezer_track(i))
    pl = playlist(settings, chain2)
    assert len(pl.items) == 10
    assert not dead & {it.track.id for it in pl.items}
    assert all(it.track.stream_url for it in pl.items)
    assert [it.step_target for it in pl.items] == [it.step_target for it in first.items]
    for old, new in zip(first.items, pl.items, strict=True):
        if old.track.id in dead:  # the replacement fits the same step about as well
            d_old = abs(old.track.valence - old.step_target.valence) + abs(old.track.arousal - old.step_target.arousal)
            d_new = abs(new.track.valence - new.step_target.valence) + abs(new.track.arousal - new.step_target.arousal)
            assert d_new <= d_old + 0.3
    assert any("no longer play there" in w for w in pl.warnings)
    assert len({it.track.artist for it in pl.items}) == 10
    asked.clear()
    playlist(settings, chain2)
    assert not dead & set(asked)  # remembered as dead: not asked again


@pytest.mark.parametrize("failure", ["500", "html", "truncated", "timeout"])
def test_failures_keep_the_playlist_and_say_so(httpserver: HTTPServer, tmp_path: Path, failure: str) -> None:
    settings, chain = setup(httpserver, tmp_path, http_read_timeout=0.2, http_retries=1)

    def answer(i: str) -> Response:
        if failure == "500":
            return Response("oops", status=500)
        if failure == "html":
            return Response("<html><body>Maintenance</body></html>", content_type="text/html")
        if failure == "truncated":
            return Response(json.dumps(deezer_track(i))[:40], content_type="application/json")
        time.sleep(0.5)
        return Response(json.dumps(deezer_track(i)), content_type="application/json")

    asked = serve(httpserver, answer)
    pl = playlist(settings, chain)
    assert len(pl.items) == 10
    assert all(it.track.stream_url is None and it.track.title and it.track.url.startswith("https://www.deezer.com/")
               for it in pl.items)
    assert any(w.startswith("previews need a connection to Deezer") for w in pl.source_warnings)
    assert len(asked) < 10 * 2  # the circuit breaker stops asking after repeated failures
    assert not any("127.0.0.1" in w or "http://" in w for w in pl.all_warnings)


def test_offline_without_any_server(tmp_path: Path) -> None:
    settings = make_settings(tmp_path, providers=["deezer"])  # base URL is a closed loopback port
    chain = ProviderChain.from_names(["deezer"], settings)
    pl = playlist(settings, chain)
    assert len(pl.items) == 10 and all(it.reason and it.track.artist for it in pl.items)
    assert any("previews need a connection" in w for w in pl.source_warnings)


def test_quota_is_reported_as_such(httpserver: HTTPServer, tmp_path: Path) -> None:
    settings, chain = setup(httpserver, tmp_path)
    serve(httpserver, lambda i: DEEZER_QUOTA)
    pl = playlist(settings, chain)
    assert len(pl.items) == 10
    assert any(w.startswith("some Deezer previews are missing") and "quota" in w for w in pl.source_warnings)


def test_previews_are_cached_until_they_expire(httpserver: HTTPServer, tmp_path: Path) -> None:
    settings = make_settings(tmp_path, deezer_base_url=httpserver.url_for("/").rstrip("/"))
    now = [1_800_000_000.0]
    previews = DeezerPreviews(settings, HttpClient(settings), clock=lambda: now[0], sleep=lambda s: None)
    asked = serve(httpserver, lambda i: deezer_track(i, exp=int(now[0]) + 600))
    track = make_track(42, provider="deezer")
    assert isinstance(previews.resolve([track])["42"], Resolved)
    previews.resolve([track])
    assert asked == ["42"]
    now[0] += 590  # within the safety margin of its expiry: asked again
    previews.resolve([track])
    assert asked == ["42", "42"]


def test_dead_for_a_day(httpserver: HTTPServer, tmp_path: Path) -> None:
    settings = make_settings(tmp_path, deezer_base_url=httpserver.url_for("/").rstrip("/"))
    now = [1_800_000_000.0]
    previews = DeezerPreviews(settings, HttpClient(settings), clock=lambda: now[0], sleep=lambda s: None)
    asked = serve(httpserver, lambda i: DEEZER_NO_DATA)
    assert previews.resolve([make_track(7, provider="deezer")]) == {"7": Dead("no longer on Deezer")}
    assert previews.is_dead("7")
    now[0] += 23 * 3600
    assert previews.is_dead("7")
    now[0] += 2 * 3600
    assert not previews.is_dead("7")
    previews.resolve([make_track(7, provider="deezer")])
    assert asked == ["7", "7"]


def test_request_window_stays_under_the_quota() -> None:
    from moodify.music.previews import QUOTA, _Window

    now = [0.0]
    slept: list[float] = []

    def sleep(s: float) -> None:
        slept.append(s)
        now[0] += s

    window = _Window(QUOTA[0], QUOTA[1], lambda: now[0], sleep)
    for _ in range(QUOTA[0] * 2):
        window.acquire()
    assert QUOTA[0] < 50 and QUOTA[1] == 5.0
    assert now[0] >= QUOTA[1] and len(slept) >= 1  # the second batch waited for the window to pass
