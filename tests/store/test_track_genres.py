"""The shared cache of looked-up track genres, on every backend; what the music pipeline reads and writes."""

from __future__ import annotations

from pathlib import Path

from moodify.music.genre_lookup import GenreCache
from moodify.store import Store


def test_genres_are_kept_replaced_and_shared(store: Store) -> None:
    assert isinstance(store, GenreCache)
    assert store.get_track_genres(["deezer:1"]) == {}
    store.put_track_genres({"deezer:1": ("rock", "metal"), "deezer:2": (), "local:a/b": ("hip hop",)})
    assert store.get_track_genres(["deezer:1", "deezer:2", "deezer:3", "local:a/b"]) == {
        "deezer:1": ("rock", "metal"), "deezer:2": (), "local:a/b": ("hip hop",)}
    store.put_track_genres({"deezer:2": ("pop",)})  # a later answer replaces an earlier one
    store.put_track_genres({})
    assert store.get_track_genres(["deezer:2", "deezer:2"]) == {"deezer:2": ("pop",)}


def test_many_keys_at_once(store: Store) -> None:
    store.put_track_genres({f"deezer:{i}": ("jazz",) for i in range(1200)})
    got = store.get_track_genres([f"deezer:{i}" for i in range(0, 1300)])
    assert len(got) == 1200 and got["deezer:1199"] == ("jazz",)


def test_recommend_through_the_older_call_caches_genres_in_the_store(store: Store, tmp_path: Path) -> None:
    from moodify.music.chain import ProviderChain
    from moodify.music.http import HttpClient
    from moodify.music.pipeline import recommend
    from moodify.settings import Settings
    from moodify.types import EmotionScores, Track

    class Looks:
        name = "fake"

        def candidates(self, query: object) -> list[Track]:
            return [Track(id=str(i), provider="fake", title=f"T{i}", artist=f"A{i}", url="https://example.org",
                          stream_url=None, valence=0.6, arousal=0.5) for i in range(3)]

        def resolve_genres(self, tracks: list[Track]) -> dict[str, tuple[str, ...]]:
            return {t.id: ("metal",) if t.id == "0" else ("pop",) for t in tracks}

    settings = Settings(_env_file=None, data_dir=tmp_path)
    chain = ProviderChain([Looks()], settings, HttpClient(settings))
    user = store.create_user("genres@example.org")
    pl = recommend(EmotionScores.one_hot("happy"), "match", 3, feedback=store, user_id=user.id, chain=chain,
                   settings=settings, seed=0, blocked=["metal"])
    assert sorted(it.track.id for it in pl.items) == ["1", "2"]
    assert store.get_track_genres(["fake:0", "fake:1"]) == {"fake:0": ("metal",), "fake:1": ("pop",)}
