"""The shared cache of looked-up track genres, on every backend; what the music pipeline reads and writes."""

from __future__ import annotations

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
