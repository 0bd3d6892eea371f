"""What the listener says about genres is law: blocked genres on every mode, unknown genres held back,
album genres looked up from Deezer and cached for everyone; dislikes and skips seen in the next playlist."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from moodify.music.catalog import load_catalog
from moodify.music.chain import ProviderChain
from moodify.music.deezer_catalog import load_deezer_catalog
from moodify.music.filters import BlockedGenres
from moodify.music.genre_lookup import DeezerGenres, InMemoryGenreCache, parse_album_genres
from moodify.music.genres import GENRES
from moodify.music.http import HttpClient
from moodify.music.learning import PreferenceModel
from moodify.music.pipeline import recommend
from moodify.music.pool import CandidatePool, artist_key
from moodify.music.previews import DeezerPreviews
from moodify.music.providers import CandidateQuery
from moodify.music.providers.offline import OfflineProvider
from moodify.settings import Settings
from moodify.types import EmotionScores, FeedbackEvent, Playlist, Track

from .fakes import deezer_track, make_settings, make_track

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
SETTINGS = make_settings(Path("/nonexistent-moodify-test"), providers=["deezer"])


class CatalogueOnly:
    """The Deezer catalogue with no network capability: nothing can be looked up."""

    name = "deezer"

    def candidates(self, query: CandidateQuery) -> Sequence[Track]:
        return load_deezer_catalog()


CHAIN = ProviderChain([CatalogueOnly()], SETTINGS, HttpClient(SETTINGS))
ARTIST_GENRES: dict[str, set[str]] = {}
for _t in load_deezer_catalog():
    ARTIST_GENRES.setdefault(artist_key(_t), set()).update(_t.genres)


def deezer(emotion: str, mode: str = "match", **kw: Any) -> Playlist:
    kw.setdefault("chain", CHAIN)
    kw.setdefault("settings", SETTINGS)
    kw.setdefault("now", NOW)
    return recommend(EmotionScores.one_hot(emotion), mode, 10, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize("emotion", ["angry", "fear", "disgust", "sad"])
@pytest.mark.parametrize("mode", ["match", "lift", "calm"])
def test_blocked_metal_never_plays_on_the_default_catalogue(emotion: str, mode: str) -> None:
    before = Counter(g for s in range(3) for it in deezer(emotion, mode, seed=s).items for g in it.track.genres)
    for seed in range(3):
        pl = deezer(emotion, mode, seed=seed, blocked=["Heavy Metal"])  # any metal word blocks the genre
        assert len(pl.items) == 10
        for it in pl.items:
            assert it.track.genres, it.track  # unknown genre: held back (nothing can confirm it here)
            assert "metal" not in it.track.genres and "metal" not in ARTIST_GENRES[artist_key(it.track)]
        assert any("left out by your blocked genres (metal)" in w for w in pl.warnings)
    if emotion == "angry" and mode == "match":
        assert before["metal"] >= 5  # the rule is tested where metal would otherwise play


@pytest.mark.parametrize(("emotion", "mode"), [("happy", "match"), ("sad", "lift"), ("angry", "calm")])
def test_blocked_genres_are_obeyed_on_the_offline_catalogue_and_it_still_plays(emotion: str, mode: str) -> None:
    """MTG-Jamendo's genre annotations give the offline catalogue genres (98.6 % of its songs), so with Deezer
    unreachable a listener who blocks genres still gets a full playlist from it, without those genres."""
    settings = make_settings(Path("/nonexistent-moodify-test"))
    chain = ProviderChain([OfflineProvider(settings, HttpClient(settings))], settings, HttpClient(settings))
    artists: dict[str, set[str]] = {}
    for t in load_catalog():
        artists.setdefault(artist_key(t), set()).update(t.genres)
    blocked = {"electronic", "ambient"}  # the catalogue's two largest genres
    before = Counter(g for it in deezer(emotion, mode, chain=chain, settings=settings, seed=1).items
                     for g in it.track.genres)
    assert before.keys() & blocked  # the rule is tested where these genres would otherwise play
    for seed in range(3):
        pl = deezer(emotion, mode, chain=chain, settings=settings, seed=seed, blocked=sorted(blocked))
        assert len(pl.items) == 10
        for it in pl.items:
            assert it.track.provider == "offline"
            assert not blocked & set(it.track.genres) and not blocked & artists[artist_key(it.track)], it.track
            assert it.track.genres or artists[artist_key(it.track)]  # unknown songs only of known artists
        assert any("left out by your blocked genres (electronic, ambient)" in w for w in pl.warnings)


def test_unknown_genre_rule_on_its_own() -> None:
    tracks = [replace(make_track(1, artist="Known Rock"), genres=("rock",)),
              make_track(2, artist="Known Rock"),  # unknown, artist plays rock only -> allowed
              replace(make_track(3, artist="Metal Band"), genres=("metal",)),
              make_track(4, artist="Metal Band"),  # unknown, artist plays metal -> removed
              make_track(5, artist="Stranger")]  # unknown, artist unknown -> pending
    out = BlockedGenres(frozenset({"metal"})).apply(CandidatePool.from_tracks(tracks))
    assert out.removed.tolist() == [False, False, True, True, False]
    assert out.pending.tolist() == [False, False, False, False, True]
    assert out.note is not None and out.note.count == 2
    nothing = BlockedGenres(frozenset()).apply(CandidatePool.from_tracks(tracks))
    assert not nothing.removed.any() and not nothing.pending.any() and nothing.note is None


def test_favourite_genre_is_a_prior_and_variety_is_kept_otherwise() -> None:
    plain = [deezer("happy", seed=s) for s in range(4)]
    for pl in plain:
        assert len({it.track.genres[0] for it in pl.items if it.track.genres}) >= 3
    jazz = [deezer("happy", seed=s, favourite=["jazz"]) for s in range(4)]
    share = sum("jazz" in it.track.genres for pl in jazz for it in pl.items) / 40
    base = sum("jazz" in it.track.genres for pl in plain for it in pl.items) / 40
    assert share >= 0.6 and share > base + 0.4


def test_emotion_genres_are_a_default_the_persons_choice_overrides() -> None:
    rng = np.random.default_rng(0)
    default = np.mean([PreferenceModel.from_events([], emotion="angry").sample_genres(rng) for _ in range(400)], 0)
    assert default[GENRES.index("metal")] > 0.05 and default[GENRES.index("jazz")] == 0.0
    stated = PreferenceModel.from_events([], emotion="angry", favourite_genres=["folk"])
    assert stated.aligned_genres == frozenset() and stated.favourite_genres == {"folk"}
    angry = Counter(g for s in range(4) for it in deezer("angry", seed=s).items for g in it.track.genres)
    folk = Counter(g for s in range(4) for it in deezer("angry", seed=s, favourite=["folk"]).items
                   for g in it.track.genres)
    assert folk["folk"] > angry["folk"] and folk["metal"] < angry["metal"]


def test_a_disliked_song_never_returns_under_another_id_and_a_skip_lowers_it() -> None:
    first = deezer("happy", seed=5)
    gone, skipped = first.items[0].track, first.items[1].track
    twin = replace(gone, id="999999999")  # the same song under another id (the catalogue has such pairs)
    chain = ProviderChain([_Extra([twin])], SETTINGS, HttpClient(SETTINGS))
    old = NOW - timedelta(days=3)  # past the 24-h rule: only the dislike or the skip keeps them out
    events = [FeedbackEvent("u", gone.key, "dislike", old, artist=gone.artist),
              FeedbackEvent("u", skipped.key, "skip", old, artist=skipped.artist)]
    for seed in range(5):
        pl = deezer("happy", seed=seed, chain=chain, feedback=events)
        assert all(it.track.title != gone.title or it.track.artist != gone.artist for it in pl.items)
    again = deezer("happy", seed=5, feedback=events)
    keys = [it.track.key for it in again.items]
    assert gone.key not in keys and (skipped.key not in keys or keys.index(skipped.key) > 1)


class _Extra(CatalogueOnly):
    def __init__(self, extra: list[Track]) -> None:
        self._tracks = (*load_deezer_catalog(), *extra)

    def candidates(self, query: CandidateQuery) -> Sequence[Track]:
        return self._tracks


def test_events_as_data_and_the_store_give_the_same_playlist() -> None:
    from moodify.music.feedback import InMemoryFeedbackStore

    first = deezer("sad", seed=2)
    events = [FeedbackEvent("u", it.track.key, "like", NOW - timedelta(days=2), artist=it.track.artist)
              for it in first.items[:3]]
    store = InMemoryFeedbackStore()
    for e in events:
        store.add_feedback(e)
    assert deezer("sad", seed=2, feedback=events) == deezer("sad", seed=2, feedback=store, user_id="u")


# --- album genres from Deezer, cached for everyone ---------------------------------------------------------

ALBUMS = {"1": 501, "2": 502, "3": 503, "4": 504}
GENRES_OF_ALBUM = {501: ["Pop"], 502: ["Metal", "Rock"], 503: [], 504: None}  # 504 answers an error


def album(album_id: int) -> dict[str, Any]:
    """``GET /album/{id}`` as Deezer answers it (fields trimmed, shape kept)."""
    names = GENRES_OF_ALBUM[album_id]
    if names is None:
        return {"error": {"type": "DataException", "message": "no data", "code": 800}}
    return {"id": album_id, "title": f"Album {album_id}", "genre_id": 152 if names else -1,
            "genres": {"data": [{"id": 100 + i, "name": n, "picture": "https://api.deezer.com/genre/0/image",
                                 "type": "genre"} for i, n in enumerate(names)]},
            "label": "Label", "nb_tracks": 10, "type": "album"}


def serve(httpserver: HTTPServer) -> list[str]:
    asked: list[str] = []

    def handler(request: Request) -> Response:
        asked.append(request.path)
        kind, _, ident = request.path.strip("/").partition("/")
        if kind == "track":
            body = deezer_track(ident)
            body["album"]["id"] = ALBUMS[ident]
        else:
            body = album(int(ident))
        import json

        return Response(json.dumps(body), content_type="application/json")

    httpserver.expect_request(re.compile(r"^/(track|album)/\d+$")).respond_with_handler(handler)
    return asked


class SmallDeezer:
    """Four songs that shipped without a genre, looked up through the real Deezer client code."""

    name = "deezer"

    def __init__(self, settings: Settings, http: HttpClient) -> None:
        self.previews = DeezerPreviews(settings, http)
        self._genres = DeezerGenres(settings, http, self.previews)
        self._tracks = [make_track(int(i), artist=f"Artist {i}", provider="deezer", valence=0.5, arousal=0.5)
                        for i in ALBUMS]

    def candidates(self, query: CandidateQuery) -> Sequence[Track]:
        return self._tracks

    def resolve_genres(self, tracks: Sequence[Track]) -> Mapping[str, tuple[str, ...]]:
        return self._genres.resolve(tracks)


def small_chain(httpserver: HTTPServer, tmp_path: Path) -> ProviderChain:
    settings = make_settings(tmp_path, deezer_base_url=httpserver.url_for("/").rstrip("/"), providers=["deezer"])
    http = HttpClient(settings)
    return ProviderChain([SmallDeezer(settings, http)], settings, http)


def test_parse_album_genres_real_shapes() -> None:
    assert parse_album_genres(album(502)) == ("rock", "metal")
    assert parse_album_genres(album(503)) == ()
    assert parse_album_genres(album(504)) is None and parse_album_genres("<html>") is None


def test_album_genres_decide_unknown_songs_and_are_cached_for_every_user(httpserver: HTTPServer,
                                                                         tmp_path: Path) -> None:
    asked = serve(httpserver)
    cache = InMemoryGenreCache()
    pl = recommend(EmotionScores.one_hot("happy"), "match", 4, chain=small_chain(httpserver, tmp_path),
                   settings=SETTINGS, seed=0, now=NOW, blocked=["metal"], genre_cache=cache)
    shown = {it.track.id: it.track.genres for it in pl.items}
    assert shown == {"1": ("pop",)}  # 2 is metal, 3 has no genre on Deezer, 4's album could not be read
    assert cache.get_track_genres(["deezer:1", "deezer:2", "deezer:3", "deezer:4"]) == {
        "deezer:1": ("pop",), "deezer:2": ("rock", "metal"), "deezer:3": ()}
    assert "pop" in pl.items[0].reason
    assert any("3 tracks of unknown genre left out" in w for w in pl.warnings)
    # Another user, another process (a fresh chain): the cache answers, only album 504 is asked again.
    asked.clear()
    other = recommend(EmotionScores.one_hot("happy"), "match", 4, chain=small_chain(httpserver, tmp_path / "b"),
                      settings=SETTINGS, seed=0, now=NOW, blocked=["rock"], genre_cache=cache)
    assert [it.track.id for it in other.items] == ["1"]
    assert asked == ["/track/4", "/album/504"]


def test_without_blocked_genres_unknown_songs_play_and_gain_their_genre(httpserver: HTTPServer,
                                                                         tmp_path: Path) -> None:
    serve(httpserver)
    pl = recommend(EmotionScores.one_hot("happy"), "match", 4, chain=small_chain(httpserver, tmp_path),
                   settings=SETTINGS, seed=0, now=NOW, genre_cache=InMemoryGenreCache())
    assert {it.track.id: it.track.genres for it in pl.items} == {"1": ("pop",), "2": ("rock", "metal"),
                                                                  "3": (), "4": ()}


def test_taste_is_narrow_with_one_favourite_or_likes_on_one_genre() -> None:
    def likes(genres: list[str]) -> list[FeedbackEvent]:
        return [FeedbackEvent("u", f"x:{i}", "like", NOW, tags=(g,)) for i, g in enumerate(genres)]

    assert PreferenceModel.from_events([], favourite_genres=["jazz"]).narrow()
    assert not PreferenceModel.from_events([], favourite_genres=["jazz", "pop"]).narrow()
    assert PreferenceModel.from_events(likes(["jazz"] * 5), genres_of=lambda e: e.tags).narrow()
    assert not PreferenceModel.from_events(likes(["jazz"] * 3 + ["pop"] * 2), genres_of=lambda e: e.tags).narrow()
    assert not PreferenceModel.from_events(likes(["jazz"] * 4), genres_of=lambda e: e.tags).narrow()  # too few
