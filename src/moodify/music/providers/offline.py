"""The embedded catalog (MTG-Jamendo mood/theme tags): works with no network and no key."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from moodify.music.catalog import load_catalog
from moodify.music.http import HttpClient
from moodify.music.providers.base import PROVIDERS, CandidateQuery
from moodify.music.providers.jamendo import JamendoProvider
from moodify.settings import Settings
from moodify.types import Track


class OfflineProvider:
    name = "offline"

    def __init__(self, settings: Settings, http: HttpClient) -> None:
        self._settings = settings
        self._http = http

    def candidates(self, query: CandidateQuery) -> Sequence[Track]:
        # The whole catalog: ranking over 18k points is cheap, and filtering here would hide good fits.
        # It is the same cached tuple every time, so the chain can reuse its precomputed arrays.
        return load_catalog()

    def enrich(self, tracks: Sequence[Track]) -> Mapping[str, Track]:
        """Real titles/artists/licences through the Jamendo API when a client id is set; else nothing."""
        if self._settings.jamendo_client_id is None:
            return {}
        info = JamendoProvider(self._settings, self._http).lookup([t.id for t in tracks])
        out = {}
        for t in tracks:
            meta = info.get(t.id)
            if meta is not None:
                out[t.id] = replace(t, title=meta.title, artist=meta.artist, url=meta.url,
                                    stream_url=meta.stream_url or t.stream_url, license=meta.license,
                                    license_url=meta.license_url, artwork_url=meta.artwork_url)
        return out


@PROVIDERS.register("offline")
def _make(settings: Settings, http: HttpClient) -> OfflineProvider:
    return OfflineProvider(settings, http)
