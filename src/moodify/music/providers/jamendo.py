"""Jamendo API v3.0: tracks by mood tags with musicinfo; Creative Commons attribution on every track.

The client id comes only from ``MOODIFY_JAMENDO_CLIENT_ID``; without it the provider reports that and the
chain moves on. API-level errors (e.g. rate limits) arrive with HTTP 200 and a non-zero ``headers.code``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from moodify.errors import ProviderError
from moodify.music.genres import genres_of
from moodify.music.http import HttpClient
from moodify.music.providers.base import PROVIDERS, CandidateQuery, probe_points
from moodify.music.tags import mean_point, nearest_tags
from moodify.settings import Settings
from moodify.types import Track

log = logging.getLogger(__name__)

_CC_URL = re.compile(r"creativecommons\.org/licenses/([a-z-]+)/([\d.]+)", re.I)


def license_name(cc_url: str) -> str:
    """``http://creativecommons.org/licenses/by-nc-sa/3.0/`` -> ``CC BY-NC-SA 3.0``."""
    m = _CC_URL.search(cc_url or "")
    return f"CC {m.group(1).upper()} {m.group(2)}" if m else "Creative Commons (see the track page)"


@dataclass(frozen=True)
class JamendoInfo:
    """What the API knows about one track: used to enrich offline-catalog tracks."""

    id: str
    title: str
    artist: str
    url: str
    stream_url: str | None
    license: str
    license_url: str | None
    artwork_url: str | None


class JamendoProvider:
    name = "jamendo"

    def __init__(self, settings: Settings, http: HttpClient) -> None:
        self._base = settings.jamendo_host.rstrip("/") + "/v3.0/tracks/"
        self._client_id = settings.jamendo_client_id.get_secret_value() if settings.jamendo_client_id else ""
        self._http = http

    def candidates(self, query: CandidateQuery) -> Sequence[Track]:
        self._need_key()
        tracks: dict[str, Track] = {}
        for point in probe_points(query.targets):
            wanted = nearest_tags(point, 3)
            params = self._params(limit=query.limit, fuzzytags=" ".join(wanted), order="popularity_total")
            for item in self._results(params):
                track = self._track(item, wanted)
                if track is not None:
                    tracks.setdefault(track.id, track)
        return list(tracks.values())

    def lookup(self, ids: Iterable[str]) -> dict[str, JamendoInfo]:
        """Titles, artists and licences for up to 100 track ids (ten per request, Jamendo's id limit)."""
        self._need_key()
        id_list = list(dict.fromkeys(ids))[:100]
        out: dict[str, JamendoInfo] = {}
        for i in range(0, len(id_list), 10):
            chunk = id_list[i:i + 10]
            for item in self._results(self._params(limit=len(chunk), id=" ".join(chunk))):
                info = self._info(item)
                if info is not None:
                    out[info.id] = info
        return out

    def _need_key(self) -> None:
        if not self._client_id:
            raise ProviderError("jamendo needs a client id (set MOODIFY_JAMENDO_CLIENT_ID)")

    def _params(self, *, limit: int, **extra: str) -> dict[str, str | int]:
        return {"client_id": self._client_id, "format": "json", "limit": limit, "include": "musicinfo",
                "audioformat": "mp31", **extra}

    def _results(self, params: dict[str, str | int]) -> list[Any]:
        body = self._http.get_json(self._base, params, label="jamendo")
        if not isinstance(body, dict) or not isinstance(body.get("headers"), dict):
            raise ProviderError("jamendo answered JSON without 'headers'")
        headers = body["headers"]
        code = headers.get("code", 0)
        if code not in (0, "0"):
            message = str(headers.get("error_message") or headers.get("status") or "unknown error")
            raise ProviderError(f"jamendo API error {code}: {message[:200]}")
        results = body.get("results")
        if not isinstance(results, list):
            raise ProviderError("jamendo answered JSON without a 'results' list")
        return results

    def _info(self, item: Any) -> JamendoInfo | None:
        try:
            tid = str(item["id"])
            title = str(item["name"])
            artist = str(item["artist_name"])
        except (KeyError, TypeError):
            log.debug("skipping a Jamendo item without id/name/artist_name")
            return None
        cc_url = str(item.get("license_ccurl") or "")
        return JamendoInfo(
            id=tid, title=title, artist=artist,
            url=str(item.get("shareurl") or f"https://www.jamendo.com/track/{tid}"),
            stream_url=str(item["audio"]) if item.get("audio") else None,
            license=license_name(cc_url), license_url=cc_url or None,
            artwork_url=str(item["image"]) if item.get("image") else None,
        )

    def _track(self, item: Any, asked: list[str]) -> Track | None:
        info = self._info(item)
        if info is None:
            return None
        words = _musicinfo_words(item)
        # Tracks whose own tags we can't place matched the mood tags we asked for; use those.
        point = mean_point(words) or mean_point(asked)
        if point is None:  # pragma: no cover - asked tags always have estimates
            return None
        duration = item.get("duration")
        return Track(
            id=info.id, provider=self.name, title=info.title, artist=info.artist, url=info.url,
            stream_url=info.stream_url, tags=tuple(words), valence=point.valence, arousal=point.arousal,
            license=info.license, license_url=info.license_url, artwork_url=info.artwork_url,
            duration_s=float(duration) if isinstance(duration, int | float) else None,
            artist_id=str(item.get("artist_id")) if item.get("artist_id") else None,
            genres=genres_of(_musicinfo_words(item, ("genres",))),
        )


def _musicinfo_words(item: Any, keys: tuple[str, ...] = ("vartags", "genres")) -> list[str]:
    info = item.get("musicinfo")
    tags = info.get("tags") if isinstance(info, dict) else None
    if not isinstance(tags, dict):
        return []
    words: list[str] = []
    for key in keys:
        values = tags.get(key)
        if isinstance(values, list):
            words.extend(str(v).lower() for v in values if isinstance(v, str))
    return words


@PROVIDERS.register("jamendo")
def _make(settings: Settings, http: HttpClient) -> JamendoProvider:
    return JamendoProvider(settings, http)
