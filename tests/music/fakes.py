"""Test helpers: settings without env leakage, fake provider JSON in the real shapes, in-memory providers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from moodify.music.chain import ProviderChain
from moodify.music.http import HttpClient
from moodify.music.providers.base import CandidateQuery
from moodify.settings import Settings
from moodify.types import Track


def make_settings(tmp_path: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "data_dir": tmp_path, "providers": ["offline"], "jamendo_client_id": None, "music_dir": None,
        "http_connect_timeout": 1.0, "http_read_timeout": 1.0, "http_retries": 2, "cache_ttl_s": 600.0,
        "provider_cooldown_s": 120.0,
        "deezer_base_url": "http://127.0.0.1:9",  # closed port: no test reaches the real Deezer
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


def audius_item(i: int, *, mood: str | None = "Melancholy", genre: str = "Electronic",
                tags: str | None = "sad,piano", handle: str | None = None) -> dict[str, Any]:
    """One track as ``GET /v1/tracks/search`` returns it (fields trimmed, shape kept)."""
    handle = handle or f"artist{i}"
    return {
        "artwork": {"150x150": f"https://creatornode.example/{i}/150x150.jpg",
                    "480x480": f"https://creatornode.example/{i}/480x480.jpg",
                    "1000x1000": f"https://creatornode.example/{i}/1000x1000.jpg"},
        "description": "", "genre": genre, "id": f"Ab{i}x", "track_cid": f"Qm{i}", "mood": mood,
        "release_date": "2024-01-01T00:00:00Z", "remix_of": {"tracks": None}, "repost_count": 3,
        "favorite_count": 7, "tags": tags, "title": f"Song {i}",
        "user": {"album_count": 0, "bio": "", "followee_count": 1, "follower_count": 2, "handle": handle,
                 "id": f"u{i}", "is_verified": False, "name": f"Artist {i}", "playlist_count": 0,
                 "repost_count": 0, "track_count": 4},
        "duration": 200 + i, "downloadable": False, "play_count": 100 * i,
        "permalink": f"/{handle}/song-{i}", "is_streamable": True,
    }


def jamendo_item(i: int, *, vartags: Sequence[str] = ("sad", "calm"), genres: Sequence[str] = ("classical",),
                 artist: str | None = None) -> dict[str, Any]:
    """One track as ``GET /v3.0/tracks/?include=musicinfo`` returns it."""
    tid = str(1_500_000 + i)
    return {
        "id": tid, "name": f"Piece {i}", "duration": 180 + i, "artist_id": str(7000 + i),
        "artist_name": artist or f"Composer {i}", "artist_idstr": f"composer-{i}", "album_name": "Album",
        "album_id": "400", "license_ccurl": "http://creativecommons.org/licenses/by-nc-sa/3.0/",
        "position": 1, "releasedate": "2018-03-01", "album_image": "https://usercontent.jamendo.com/a.jpg",
        "audio": f"https://prod-1.storage.jamendo.com/?trackid={tid}&format=mp31&from=app-test",
        "audiodownload": f"https://prod-1.storage.jamendo.com/download/track/{tid}/mp32/",
        "prourl": "", "shorturl": f"https://jamen.do/t/{tid}", "shareurl": f"https://www.jamendo.com/track/{tid}",
        "waveform": "{}", "image": f"https://usercontent.jamendo.com?type=album&id=400&width=300&trackid={tid}",
        "musicinfo": {
            "vocalinstrumental": "instrumental", "lang": "", "gender": "", "acousticelectric": "acoustic",
            "speed": "low",
            "tags": {"genres": list(genres), "instruments": ["piano"], "vartags": list(vartags)},
        },
        "audiodownload_allowed": True,
    }


def jamendo_body(results: list[dict[str, Any]], *, code: int = 0, message: str = "") -> dict[str, Any]:
    status = "success" if code == 0 else "failed"
    return {"headers": {"status": status, "code": code, "error_message": message, "warnings": "",
                        "results_count": len(results)}, "results": results}


def make_track(i: int, *, artist: str | None = None, tags: tuple[str, ...] = ("sad",), valence: float = -0.6,
               arousal: float = -0.3, provider: str = "fake") -> Track:
    return Track(id=str(i), provider=provider, title=f"T{i}", artist=artist or f"A{i}",
                 url=f"https://example.org/{i}", stream_url=None, tags=tags, valence=valence, arousal=arousal,
                 license="test")


@dataclass
class FakeProvider:
    """An in-memory provider: returns its tracks, or raises what it was told to."""

    name: str
    tracks: list[Track] = field(default_factory=list)
    error: Exception | None = None
    calls: int = 0

    def candidates(self, query: CandidateQuery) -> Sequence[Track]:
        self.calls += 1
        if self.error is not None:
            raise self.error
        return self.tracks


def fake_chain(settings: Settings, *providers: FakeProvider, clock: Any = None) -> ProviderChain:
    http = HttpClient(settings, backoff_s=0.0, sleep=lambda s: None)
    if clock is None:
        return ProviderChain(list(providers), settings, http)
    return ProviderChain(list(providers), settings, http, clock=clock)


def deezer_track(i: int | str, *, exp: int = 4_102_444_800, readable: bool = True,
                 preview: str | None = "default") -> dict[str, Any]:
    """``GET /track/{id}`` as Deezer answers it (fields Moodify reads, plus a few it ignores)."""
    url = (f"https://cdnt-preview.dzcdn.net/api/1/1/a/b/c/0/abc{i}.mp3?hdnea=exp={exp}~acl=/api/1/1/a/b/c/0/"
           f"abc{i}.mp3*~data=user_id=0,application_id=42~hmac=0f1e2d") if preview == "default" else preview
    return {
        "id": int(i), "readable": readable, "title": f"Song {i}", "title_short": f"Song {i}",
        "link": f"https://www.deezer.com/track/{i}", "duration": 215, "rank": 512345, "explicit_lyrics": False,
        "preview": url or "", "bpm": 0, "gain": -9.1,
        "artist": {"id": 27, "name": "Someone", "link": "https://www.deezer.com/artist/27",
                   "picture_medium": "https://e-cdns-images.dzcdn.net/images/artist/x/250x250-000000-80-0-0.jpg",
                   "type": "artist"},
        "album": {"id": 302127, "title": "An Album",
                  "cover_medium": f"https://e-cdns-images.dzcdn.net/images/cover/{i}/250x250-000000-80-0-0.jpg",
                  "type": "album"},
        "type": "track",
    }


DEEZER_NO_DATA = {"error": {"type": "DataException", "message": "no data", "code": 800}}
DEEZER_QUOTA = {"error": {"type": "Exception", "message": "Quota limit exceeded", "code": 4}}
