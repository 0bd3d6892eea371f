"""Deezer: real songs people know, keyless. Candidates come from the shipped catalogue (mood positions
from Deezer's mood dataset); previews and artwork are looked up at playlist time (``music/previews.py``)."""

from __future__ import annotations

from collections.abc import Sequence

from moodify.music.deezer_catalog import load_deezer_catalog
from moodify.music.http import HttpClient
from moodify.music.previews import DeezerPreviews
from moodify.music.providers.base import PROVIDERS, CandidateQuery
from moodify.settings import Settings
from moodify.types import Track


class DeezerProvider:
    name = "deezer"

    def __init__(self, settings: Settings, http: HttpClient) -> None:
        self._settings = settings
        self._http = http
        self.previews = DeezerPreviews(settings, http)  # lives as long as the chain, so its caches do too

    def candidates(self, query: CandidateQuery) -> Sequence[Track]:
        # The whole catalogue, the same cached tuple each time, so the chain reuses its arrays.
        return load_deezer_catalog()


@PROVIDERS.register("deezer")
def _make(settings: Settings, http: HttpClient) -> DeezerProvider:
    return DeezerProvider(settings, http)
