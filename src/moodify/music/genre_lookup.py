"""Genres looked up online: Deezer's album genres for a catalogue song that shipped without one, and the
cache that keeps every answer for every user (the store implements ``GenreCache``).

``GET {base}/track/{id}`` names the song's album (the preview look-up already makes that call, so its answer
is reused), and ``GET {base}/album/{id}`` lists the album's genres: ``{"genres": {"data": [{"id": 152,
"name": "Rock", "type": "genre"}, ...]}}``. Names go through the one vocabulary. An album with no genre gives
(), which is cached too (asking again would not help); anything that fails (quota, timeout, 5xx, bad JSON)
is not cached and the song stays unknown for this playlist.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Mapping, Sequence
from typing import Any, Protocol, runtime_checkable

from moodify.errors import ProviderError
from moodify.music.genres import genres_of
from moodify.music.http import HttpClient
from moodify.music.previews import DeezerPreviews, Resolved
from moodify.settings import Settings
from moodify.types import Track

log = logging.getLogger(__name__)


@runtime_checkable
class GenreCache(Protocol):
    """Track key -> genres, shared by every user (a song's genre is not a matter of taste)."""

    def get_track_genres(self, keys: Sequence[str]) -> dict[str, tuple[str, ...]]: ...

    def put_track_genres(self, genres: Mapping[str, tuple[str, ...]]) -> None: ...


class InMemoryGenreCache:
    """Per-process cache for guests, tests and the benchmark."""

    def __init__(self) -> None:
        self._genres: dict[str, tuple[str, ...]] = {}
        self._lock = threading.Lock()

    def get_track_genres(self, keys: Sequence[str]) -> dict[str, tuple[str, ...]]:
        with self._lock:
            return {k: self._genres[k] for k in keys if k in self._genres}

    def put_track_genres(self, genres: Mapping[str, tuple[str, ...]]) -> None:
        with self._lock:
            self._genres.update(genres)


def parse_album_genres(body: Any) -> tuple[str, ...] | None:
    """Genres of one ``/album/{id}`` answer; None when the answer is an error or has an unexpected shape."""
    if not isinstance(body, dict) or isinstance(body.get("error"), dict):
        return None
    block = body.get("genres")
    data = block.get("data") if isinstance(block, dict) else None
    if not isinstance(data, list):
        return None
    return genres_of(str(g["name"]) for g in data if isinstance(g, dict) and isinstance(g.get("name"), str))


class DeezerGenres:
    """Album genres per Deezer track id, through the same previews client (quota window, breaker)."""

    def __init__(self, settings: Settings, http: HttpClient, previews: DeezerPreviews) -> None:
        self._base = settings.deezer_base_url.rstrip("/")
        self._http = http
        self._previews = previews
        self._albums: dict[int, tuple[str, ...]] = {}
        self._lock = threading.Lock()

    def resolve(self, tracks: Sequence[Track]) -> dict[str, tuple[str, ...]]:
        outcomes = self._previews.resolve(tracks)
        out: dict[str, tuple[str, ...]] = {}
        for track_id, outcome in outcomes.items():
            if isinstance(outcome, Resolved) and outcome.album_id is not None:
                genres = self._album(outcome.album_id)
                if genres is not None:
                    out[track_id] = genres
        return out

    def _album(self, album_id: int) -> tuple[str, ...] | None:
        with self._lock:
            if album_id in self._albums:
                return self._albums[album_id]
        self._previews.throttle()
        try:
            body = self._http.get_json(f"{self._base}/album/{album_id}", {}, label="Deezer")
        except ProviderError as exc:
            log.info("Deezer album %s: genres not fetched (%s)", album_id, exc)
            return None
        genres = parse_album_genres(body)
        if genres is not None:
            with self._lock:
                self._albums[album_id] = genres
        return genres
