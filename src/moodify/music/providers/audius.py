"""Audius (no key): search by Audius's own mood names, trending as a fallback, the real stream endpoint."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from moodify.errors import ProviderError
from moodify.music.genres import genres_of
from moodify.music.http import HttpClient
from moodify.music.providers.base import PROVIDERS, CandidateQuery, probe_points
from moodify.music.tags import AUDIUS_MOOD_POINTS, mean_point, nearest_audius_mood, nearest_tags
from moodify.settings import Settings
from moodify.types import Track

log = logging.getLogger(__name__)

LICENSE = "Audius: free to stream; all rights reserved by the artist"


class AudiusProvider:
    name = "audius"

    def __init__(self, settings: Settings, http: HttpClient) -> None:
        self._host = settings.audius_host.rstrip("/")
        self._app = settings.audius_app_name
        self._http = http

    def candidates(self, query: CandidateQuery) -> Sequence[Track]:
        tracks: dict[str, Track] = {}
        for point in probe_points(query.targets):
            mood = nearest_audius_mood(point)
            params: dict[str, str | int] = {
                "query": nearest_tags(point, 1)[0], "mood": mood, "sort_method": "popular",
                "limit": query.limit, "offset": 0, "app_name": self._app,
            }
            for t in self._tracks("/v1/tracks/search", params):
                tracks.setdefault(t.id, t)
        if not tracks:
            # Search found nothing with these moods: trending still carries mood/genre to place tracks by.
            for t in self._tracks("/v1/tracks/trending", {"limit": query.limit, "app_name": self._app}):
                tracks.setdefault(t.id, t)
        return list(tracks.values())

    def stream_url(self, track_id: str) -> str:
        return f"{self._host}/v1/tracks/{track_id}/stream?app_name={self._app}"

    def _tracks(self, path: str, params: dict[str, str | int]) -> list[Track]:
        body = self._http.get_json(f"{self._host}{path}", params, label="audius")
        data = body.get("data") if isinstance(body, dict) else None
        if not isinstance(data, list):
            raise ProviderError("audius answered JSON without a 'data' list")
        out = [t for t in (self._track(item) for item in data) if t is not None]
        if data and not out:
            raise ProviderError("audius answered tracks in a shape we don't understand")
        return out

    def _track(self, item: Any) -> Track | None:
        try:
            tid = str(item["id"])
            title = str(item["title"])
            user = item["user"]
            artist = str(user.get("name") or user["handle"])
        except (KeyError, TypeError, AttributeError):
            log.debug("skipping an Audius item without id/title/user")
            return None
        mood = item.get("mood") or ""
        genre = item.get("genre") or ""
        tags = [w.strip() for w in str(item.get("tags") or "").split(",") if w.strip()]
        words = [w for w in (mood, genre, *tags) if w]
        # The mood field counts twice: it is the artist's own choice; genre and free tags are weaker hints.
        point = mean_point([mood, *words] if mood in AUDIUS_MOOD_POINTS else words)
        if point is None:
            return None  # nothing to place it by; never guess a mood
        artwork = item.get("artwork") if isinstance(item.get("artwork"), dict) else {}
        permalink = str(item.get("permalink") or "")
        duration = item.get("duration")
        return Track(
            id=tid, provider=self.name, title=title, artist=artist,
            url=f"https://audius.co{permalink}" if permalink.startswith("/") else "https://audius.co",
            stream_url=self.stream_url(tid),
            tags=tuple(w.lower() for w in words), valence=point.valence, arousal=point.arousal,
            license=LICENSE, artwork_url=artwork.get("480x480") or artwork.get("150x150"),
            duration_s=float(duration) if isinstance(duration, int | float) else None,
            artist_id=str(user.get("id")) if user.get("id") else None,
            genres=genres_of([genre, *tags]),
        )


@PROVIDERS.register("audius")
def _make(settings: Settings, http: HttpClient) -> AudiusProvider:
    return AudiusProvider(settings, http)
