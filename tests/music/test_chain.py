"""The fallback chain: failures and empty answers hand over to the next provider, with warnings."""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from moodify.errors import NoTracksFound, ProviderError, RegistryError
from moodify.music.chain import ProviderChain
from moodify.music.http import HttpClient
from moodify.music.providers.base import CandidateQuery
from moodify.settings import Settings
from moodify.types import MoodPoint, Track

from .fakes import FakeProvider, audius_item, fake_chain, make_settings, make_track

Q = CandidateQuery(targets=(MoodPoint(-0.6, -0.3),), emotion="sad")


class Clock:
    now = 0.0

    def __call__(self) -> float:
        return self.now


def test_failure_moves_to_next_provider_with_a_warning(settings: Settings,
                                                       caplog: pytest.LogCaptureFixture) -> None:
    bad = FakeProvider("bad", error=ProviderError("bad timed out"))
    good = FakeProvider("good", [make_track(i) for i in range(5)])
    got = fake_chain(settings, bad, good).gather(Q, want=3)
    assert got.used == ("good",) and len(got.pool) == 5
    assert got.source_warnings == ("bad failed: bad timed out",)
    assert "bad timed out" in caplog.text


def test_empty_provider_moves_on(settings: Settings) -> None:
    empty = FakeProvider("empty")
    good = FakeProvider("good", [make_track(1)])
    got = fake_chain(settings, empty, good).gather(Q, want=1)
    assert got.source_warnings == ("empty returned no tracks",) and got.used == ("good",)


def test_too_few_tracks_are_topped_up_from_the_next_provider(settings: Settings) -> None:
    a = FakeProvider("a", [make_track(i, provider="a") for i in range(3)])
    b = FakeProvider("b", [make_track(i, provider="b") for i in range(10)])
    got = fake_chain(settings, a, b).gather(Q, want=8)
    assert got.used == ("a", "b") and len(got.pool) == 13


def test_enough_tracks_stop_the_chain(settings: Settings) -> None:
    a = FakeProvider("a", [make_track(i) for i in range(10)])
    b = FakeProvider("b", [make_track(i) for i in range(10)])
    fake_chain(settings, a, b).gather(Q, want=5)
    assert b.calls == 0


def test_nothing_anywhere_raises_no_tracks_found(settings: Settings) -> None:
    chain = fake_chain(settings, FakeProvider("x", error=ProviderError("x is down")), FakeProvider("y"))
    with pytest.raises(NoTracksFound, match="x is down; y returned no tracks"):
        chain.gather(Q, want=1)


def test_failing_provider_is_skipped_for_the_cooldown(settings: Settings) -> None:
    clock = Clock()
    bad = FakeProvider("bad", error=ProviderError("down"))
    good = FakeProvider("good", [make_track(1)])
    chain = fake_chain(settings, bad, good, clock=clock)
    chain.gather(Q, want=1)
    got = chain.gather(Q, want=1)
    assert bad.calls == 1 and "skipped" in got.source_warnings[0]
    clock.now += settings.provider_cooldown_s + 1
    chain.gather(Q, want=1)
    assert bad.calls == 2


def test_offline_pool_arrays_are_reused(settings: Settings) -> None:
    chain = ProviderChain.from_names(["offline"], settings)
    first = chain.gather(Q, want=10).pool
    assert chain.gather(Q, want=10).pool is first
    assert len(first) == 18_486 - 1_467  # functional-only tracks have no mood


def test_unknown_provider_name_lists_the_known_ones(settings: Settings) -> None:
    with pytest.raises(RegistryError, match="known: audius, deezer, jamendo, local, offline"):
        ProviderChain.from_names(["spotify"], settings)


def test_real_providers_fall_back_to_offline(httpserver: HTTPServer, tmp_path: Path) -> None:
    """Audius answers HTML, Jamendo has no key, local has no folder: the offline catalog still plays."""
    httpserver.expect_request("/v1/tracks/search").respond_with_data("<html>down</html>")
    settings = make_settings(tmp_path, audius_host=httpserver.url_for("/").rstrip("/"))
    chain = ProviderChain.from_names(["audius", "jamendo", "local", "offline"], settings)
    got = chain.gather(Q, want=10)
    assert got.used == ("offline",)
    assert [w.split()[0] for w in got.source_warnings] == ["audius", "jamendo", "local"]


def test_real_audius_then_offline_top_up(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/v1/tracks/search").respond_with_json({"data": [audius_item(1)]})
    settings = make_settings(tmp_path, audius_host=httpserver.url_for("/").rstrip("/"))
    got = ProviderChain.from_names(["audius", "offline"], settings).gather(Q, want=10)
    assert got.used == ("audius", "offline") and got.pool.tracks[0].provider == "audius"


def _slow(request: object) -> object:
    import time

    from werkzeug import Response

    time.sleep(0.6)
    return Response('{"data": []}', content_type="application/json")


@pytest.mark.parametrize("kind, needle", [
    ("html", "HTML"), ("wrong_json", "'data'"), ("empty", "no tracks"), ("timeout", "timed out"),
    ("http500", "HTTP 500"), ("http429", "429"), ("malformed", "not JSON"),
])
def test_every_audius_failure_falls_back_to_offline(httpserver: HTTPServer, tmp_path: Path, kind: str,
                                                    needle: str) -> None:
    route = httpserver.expect_request("/v1/tracks/search")
    if kind == "html":
        route.respond_with_data("<!DOCTYPE html><title>Cloudflare</title>", content_type="text/html")
    elif kind == "wrong_json":
        route.respond_with_json({"error": "bad request"})
    elif kind == "empty":
        route.respond_with_json({"data": []})
        httpserver.expect_request("/v1/tracks/trending").respond_with_json({"data": []})
    elif kind == "timeout":
        route.respond_with_handler(_slow)  # type: ignore[arg-type]
    elif kind == "http500":
        route.respond_with_data("boom", status=500)
    elif kind == "http429":
        route.respond_with_data("", status=429)
    else:
        route.respond_with_data('{"data": [{"id": ', content_type="application/json")
    settings = make_settings(tmp_path, audius_host=httpserver.url_for("/").rstrip("/"), http_read_timeout=0.2,
                             http_retries=1)
    from moodify.music.http import HttpClient

    http = HttpClient(settings, backoff_s=0.0, sleep=lambda s: None)
    got = ProviderChain.from_names(["audius", "offline"], settings, http=http).gather(Q, want=10)
    assert got.used == ("offline",) and len(got.pool) > 10
    assert needle in got.source_warnings[0] and got.source_warnings[0].startswith("audius")
    if kind == "timeout":
        import time

        time.sleep(0.5)  # the fake server answers one request at a time: let the slow one finish


# --- hostile upstream answers (issue 22, findings 4, 5 and 7) ----------------------------------------------


@dataclass
class HttpFakeProvider:
    """A provider that asks one URL through the shared client and returns a track when it answers."""

    name: str
    http: HttpClient
    url: str
    calls: int = 0

    def candidates(self, query: CandidateQuery) -> Sequence[Track]:
        self.calls += 1
        self.http.get_json(self.url, {}, label=self.name)
        return [make_track(1, provider=self.name)]


def _drip(request: Request) -> Response:
    def body() -> Iterator[bytes]:
        for _ in range(30):
            yield b" "
            time.sleep(1.0)

    return Response(body(), content_type="application/json", direct_passthrough=True)


def test_deeply_nested_json_falls_back_and_opens_the_breaker(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/v1/tracks/search").respond_with_data("[" * 200_000,
                                                                     content_type="application/json")
    settings = make_settings(tmp_path, audius_host=httpserver.url_for("/").rstrip("/"))
    chain = ProviderChain.from_names(["audius", "offline"], settings)
    got = chain.gather(Q, want=10)
    assert got.used == ("offline",) and "nested" in got.source_warnings[0]
    again = chain.gather(Q, want=10)
    assert again.source_warnings[0].startswith("audius skipped")  # the breaker counted it
    assert len(httpserver.log) == 1


def test_an_answer_our_parser_trips_on_is_a_provider_failure(httpserver: HTTPServer, tmp_path: Path,
                                                             caplog: pytest.LogCaptureFixture) -> None:
    odd = {**audius_item(1), "mood": ["not", "a", "string"]}  # unhashable where a word is expected
    httpserver.expect_request("/v1/tracks/search").respond_with_json({"data": [odd]})
    settings = make_settings(tmp_path, audius_host=httpserver.url_for("/").rstrip("/"))
    chain = ProviderChain.from_names(["audius", "offline"], settings)
    got = chain.gather(Q, want=10)
    assert got.used == ("offline",)
    assert got.source_warnings[0] == "audius failed: it answered data we could not read"
    assert chain.gather(Q, want=10).source_warnings[0].startswith("audius skipped")
    assert "TypeError" in caplog.text  # the log keeps what went wrong


def test_a_playlist_has_one_deadline_over_all_its_provider_calls(httpserver: HTTPServer,
                                                                 tmp_path: Path) -> None:
    httpserver.expect_request("/drip").respond_with_handler(_drip)
    httpserver.expect_request("/fine").respond_with_json({"ok": True})
    settings = make_settings(tmp_path, playlist_deadline_s=1.5, http_call_deadline_s=10.0, http_read_timeout=5.0)
    http = HttpClient(settings, backoff_s=0.0, sleep=lambda s: None)
    slow = HttpFakeProvider("slow", http, httpserver.url_for("/drip"))
    late = HttpFakeProvider("late", http, httpserver.url_for("/fine"))
    local = FakeProvider("local", [make_track(i, provider="local") for i in range(5)])
    chain = ProviderChain([slow, late, local], settings, http)
    started = time.monotonic()
    got = chain.gather(Q, want=3)
    assert time.monotonic() - started < 3.0
    assert got.used == ("local",)
    assert got.source_warnings[0].startswith("slow failed: slow took longer than 1.5 s")
    assert got.source_warnings[1] == "late skipped: no time left for this playlist"
    time.sleep(2.0)  # the fake server answers one request at a time: let the drip notice it was dropped
    again = chain.gather(Q, want=3)  # "slow" failed (breaker open); "late" was not at fault and is asked
    assert again.used == ("late", "local")
    assert [r.path for r, _ in httpserver.log].count("/fine") == 1  # first time it was never sent


def test_control_characters_from_any_provider_are_cleaned(settings: Settings) -> None:
    dirty = Track(id="1", provider="tags", title="Bad\x1b[31m\x0bSong\x01", artist="Some\x85one\x00",
                  url="https://example.org/1", stream_url=None, tags=("sad\x07",), valence=-0.6, arousal=-0.3,
                  license="CC\x9b BY")
    got = fake_chain(settings, FakeProvider("tags", [dirty])).gather(Q, want=1)
    track = got.pool.tracks[0]
    assert (track.title, track.artist, track.tags, track.license) == ("Bad[31m Song", "Some one", ("sad",),
                                                                       "CC BY")


def test_a_cached_catalogue_is_checked_for_control_characters_once(settings: Settings,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import moodify.music.chain as chain_module

    catalogue = [make_track(i) for i in range(50)]  # the same sequence every time, like the offline tuple
    checked: list[int] = []
    real = chain_module._cleaned
    monkeypatch.setattr(chain_module, "_cleaned", lambda tracks: checked.append(len(tracks)) or real(tracks))
    chain = fake_chain(settings, FakeProvider("cached", catalogue))
    first, second = chain.gather(Q, want=5), chain.gather(Q, want=5)
    assert checked == [50]  # once: the recommend budget can't afford a scan of 18,644 tracks per playlist
    assert first.pool is second.pool  # and the arrays built from it are reused
