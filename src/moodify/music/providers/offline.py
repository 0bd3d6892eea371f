"""The embedded catalog (MTG-Jamendo mood/theme tags): works with no network and no key."""

from __future__ import annotations

from collections.abc import Sequence

from moodify.music.catalog import load_catalog
from moodify.music.http import HttpClient
from moodify.music.providers.base import PROVIDERS, CandidateQuery
from moodify.settings import Settings
from moodify.types import Track


class OfflineProvider:
    name = "offline"

    def __init__(self, settings: Settings, http: HttpClient) -> None:
        self._settings = settings

    def candidates(self, query: CandidateQuery) -> Sequence[Track]:
        # The whole catalog: ranking over 18k points is cheap, and filtering here would hide good fits.
        # It is the same cached tuple every time, so the chain can reuse its precomputed arrays.
        return load_catalog()


@PROVIDERS.register("offline")
def _make(settings: Settings, http: HttpClient) -> OfflineProvider:
    return OfflineProvider(settings, http)
