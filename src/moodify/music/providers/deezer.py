"""Deezer: real songs people know, keyless. Candidates come from the shipped catalogue (mood positions
from Deezer's mood dataset, genres from Last.fm/MSD labels); previews and artwork are looked up at playlist
time (``music/previews.py``), and so are album genres for songs that shipped without one."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from moodify.music.deezer_catalog import load_deezer_catalog
from moodify.music.genre_lookup import DeezerGenres
from moodify.music.http import HttpClient
from moodify.music.previews import DeezerPreviews, Outcome
from moodify.music.providers.base import PROVIDERS, CandidateQuery
from moodify.settings import Settings
from moodify.types import Track


class DeezerProvider:
    name = "deezer"

    def __init__(self, settings: Settings, http: HttpClient) -> None:
        self._settings = settings
        self._http = http
        self.previews = DeezerPreviews(settings, http)  # lives as long as the chain, so its caches do too
        self._genres = DeezerGenres(settings, http, self.previews)

    def candidates(self, query: CandidateQuery) -> Sequence[Track]:
        # The whole catalogue, the same cached tuple each time, so the chain reuses its arrays.
        return load_deezer_catalog()

    def resolve_previews(self, tracks: Sequence[Track]) -> Mapping[str, Outcome]:
        return self.previews.resolve(tracks)

    def is_dead(self, track_id: str) -> bool:
        return self.previews.is_dead(track_id)

    def resolve_genres(self, tracks: Sequence[Track]) -> Mapping[str, tuple[str, ...]]:
        return self._genres.resolve(tracks)


@PROVIDERS.register("deezer")
def _make(settings: Settings, http: HttpClient) -> DeezerProvider:
    return DeezerProvider(settings, http)
