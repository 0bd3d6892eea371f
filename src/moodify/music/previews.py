"""Deezer previews and artwork, looked up when a playlist is made (``GET {base}/track/{id}``).

Preview URLs are signed and expire (``exp=<unix time>`` inside the URL), so they are cached in memory only
until then and never stored. A track that no longer resolves (error code 800, ``readable: false``, no
preview) is remembered as dead for a day; the pipeline replaces it with the next-best track for the same
step. Everything else that goes wrong (quota code 4, HTTP 5xx, timeouts, HTML, bad JSON) leaves the track
in the playlist without a preview, and the warning says why. Look-ups run concurrently with a bound, under
a sliding-window limit below Deezer's documented quota of 50 requests per 5 seconds.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from moodify.errors import ProviderError
from moodify.music.http import CircuitBreaker, HttpClient
from moodify.settings import Settings
from moodify.types import Track

log = logging.getLogger(__name__)

DEAD_FOR_S = 24 * 3600.0
PREVIEW_S = 30.0
QUOTA = (45, 5.0)  # requests per window: a margin under the documented 50 / 5 s
_EXP = re.compile(r"exp=(\d{9,11})")
_EXPIRY_MARGIN_S = 60.0


@dataclass(frozen=True)
class Resolved:
    preview_url: str
    artwork_url: str | None
    link: str | None
    duration_s: float | None
    expires_at: float | None  # unix time from the signed URL; None: unknown (then not cached)
    album_id: int | None = None  # for the album's genres (music/genre_lookup.py)

    def apply(self, track: Track) -> Track:
        from dataclasses import replace

        return replace(track, stream_url=self.preview_url, artwork_url=self.artwork_url or track.artwork_url,
                       url=self.link or track.url, duration_s=self.duration_s or track.duration_s,
                       preview_s=PREVIEW_S)


@dataclass(frozen=True)
class Dead:
    reason: str  # "no longer on Deezer", "not playable", "no preview"


@dataclass(frozen=True)
class Failed:
    reason: str  # readable, no URL
    quota: bool = False


Outcome = Resolved | Dead | Failed


def parse_track(body: Any, own_origin: str = "") -> Outcome:
    """The outcome of one ``/track/{id}`` answer (real shapes: a track object or ``{"error": {...}}``).

    Media URLs must be https, or on the configured API's own origin (a Deezer stand-in on loopback)."""
    if not isinstance(body, dict):
        return Failed("Deezer answered an unexpected shape")
    error = body.get("error")
    if isinstance(error, dict):
        code = error.get("code")
        if code == 800:
            return Dead("no longer on Deezer")
        if code == 4:
            return Failed("Deezer's request quota was reached", quota=True)
        return Failed(f"Deezer answered error code {code}")
    if body.get("readable") is False:
        return Dead("not playable on Deezer")
    preview = body.get("preview")
    allowed = ("https://", own_origin + "/") if own_origin else ("https://",)
    if not isinstance(preview, str) or not preview.startswith(allowed):
        return Dead("no preview on Deezer")
    album = body.get("album") if isinstance(body.get("album"), dict) else {}
    cover = album.get("cover_medium") if isinstance(album, dict) else None
    link = body.get("link")
    duration = body.get("duration")
    exp = _EXP.search(preview)
    return Resolved(
        preview_url=preview,
        artwork_url=cover if isinstance(cover, str) and cover.startswith(allowed) else None,
        link=link if isinstance(link, str) and link.startswith("https://www.deezer.com/") else None,
        duration_s=float(duration) if isinstance(duration, int | float) and duration > 0 else None,
        expires_at=float(exp.group(1)) if exp else None,
        album_id=album.get("id") if isinstance(album, dict) and isinstance(album.get("id"), int) else None,
    )


class _Window:
    """At most ``limit`` acquisitions per ``window_s`` (thread-safe sliding window)."""

    def __init__(self, limit: int, window_s: float, clock: Callable[[], float],
                 sleep: Callable[[float], None]) -> None:
        self._limit, self._window, self._clock, self._sleep = limit, window_s, clock, sleep
        self._times: deque[float] = deque()
        self._lock = threading.Lock()

    def acquire(self) -> None:
        while True:
            with self._lock:
                now = self._clock()
                while self._times and now - self._times[0] >= self._window:
                    self._times.popleft()
                if len(self._times) < self._limit:
                    self._times.append(now)
                    return
                wait = self._window - (now - self._times[0])
            self._sleep(max(wait, 0.01))


class DeezerPreviews:
    """Resolves tracks to previews; keeps valid previews and dead ids in memory (one per provider)."""

    def __init__(self, settings: Settings, http: HttpClient, *, clock: Callable[[], float] = time.time,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self._base = settings.deezer_base_url.rstrip("/")
        parts = urlsplit(self._base)
        self._origin = f"{parts.scheme}://{parts.netloc}"
        self._http = http
        self._clock = clock
        self._workers = max(1, settings.deezer_concurrency)
        self._breaker = CircuitBreaker(settings.provider_cooldown_s, threshold=2, clock=clock)
        self._window = _Window(QUOTA[0], QUOTA[1], clock, sleep)
        self._valid: dict[str, Resolved] = {}
        self._dead: dict[str, float] = {}
        self._lock = threading.Lock()

    def throttle(self) -> None:
        """Wait for a slot under the quota (other Deezer calls made through this client's window)."""
        self._window.acquire()

    def is_dead(self, track_id: str) -> bool:
        with self._lock:
            until = self._dead.get(track_id)
            return until is not None and self._clock() < until

    def resolve(self, tracks: Sequence[Track]) -> dict[str, Outcome]:
        """Outcome per track id; concurrent, at most ``deezer_concurrency`` at a time."""
        ids = list(dict.fromkeys(t.id for t in tracks))
        if len(ids) <= 1:
            return {i: self._one(i) for i in ids}
        with ThreadPoolExecutor(max_workers=min(self._workers, len(ids))) as pool:
            return dict(zip(ids, pool.map(self._one, ids), strict=True))

    def _one(self, track_id: str) -> Outcome:
        cached = self._cached(track_id)
        if cached is not None:
            return cached
        if self.is_dead(track_id):
            return Dead("no longer on Deezer")
        if not self._breaker.allow():
            return Failed("Deezer failed a moment ago; not asked again yet")
        self._window.acquire()
        try:
            body = self._http.get_json(f"{self._base}/track/{track_id}", {}, label="Deezer", cache=False)
        except ProviderError as exc:
            self._breaker.record_failure()
            return Failed(str(exc))
        outcome = parse_track(body, self._origin)
        if isinstance(outcome, Failed) and not outcome.quota:
            self._breaker.record_failure()
        else:
            self._breaker.record_success()
        self._remember(track_id, outcome)
        return outcome

    def _cached(self, track_id: str) -> Resolved | None:
        with self._lock:
            hit = self._valid.get(track_id)
            if hit is None or hit.expires_at is None:
                return None
            if self._clock() >= hit.expires_at - _EXPIRY_MARGIN_S:
                del self._valid[track_id]
                return None
            return hit

    def _remember(self, track_id: str, outcome: Outcome) -> None:
        with self._lock:
            if isinstance(outcome, Dead):
                self._dead[track_id] = self._clock() + DEAD_FOR_S
            elif isinstance(outcome, Resolved) and outcome.expires_at is not None:
                self._valid[track_id] = outcome
                if len(self._valid) > 2048:  # bounded: drop the oldest entry
                    self._valid.pop(next(iter(self._valid)))
