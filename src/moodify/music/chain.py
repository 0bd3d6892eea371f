"""The fallback chain: ask providers in order until there are enough candidates.

A provider that fails (timeout, HTTP error, HTML or malformed JSON, missing key, an answer its parser trips
on) or returns nothing is logged, reported as a source warning, and the next one is asked. One that failed
is skipped until its circuit breaker closes again. Only when no provider has any track does this raise
``NoTracksFound``.

This is the provider edge: all HTTP calls of one playlist share ``playlist_deadline_s``, and every track's
text leaves here without control characters, whichever provider (web service, file tags) it came from.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from moodify.errors import NoTracksFound, ProviderError
from moodify.music.http import CircuitBreaker, HttpClient, NoTimeLeft, clean_text, deadline_scope
from moodify.music.pool import CandidatePool
from moodify.music.providers import PROVIDERS, CandidateQuery, MusicProvider
from moodify.settings import Settings
from moodify.types import Track

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Gathered:
    pool: CandidatePool
    source_warnings: tuple[str, ...]  # providers that failed, were skipped or had nothing
    used: tuple[str, ...]  # providers that contributed tracks


class ProviderChain:
    """Providers in fallback order, sharing one HTTP client; each has its own circuit breaker."""

    def __init__(
        self,
        providers: Sequence[MusicProvider],
        settings: Settings,
        http: HttpClient,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if not providers:
            raise ValueError("the provider chain needs at least one provider")
        self._providers: dict[str, MusicProvider] = {}
        for p in providers:
            self._providers.setdefault(p.name, p)
        self.names = tuple(self._providers)
        self.settings = settings
        self.http = http
        self._breakers = {n: CircuitBreaker(settings.provider_cooldown_s, clock=clock) for n in self.names}
        self._pools: dict[str, tuple[Sequence[Track], CandidatePool]] = {}
        # (as returned, as cleaned) per provider: a cached sequence (the offline catalogue) is cleaned once
        self._clean_seen: dict[str, tuple[Sequence[Track], Sequence[Track]]] = {}
        self._lock = threading.Lock()

    @classmethod
    def from_names(
        cls,
        names: Sequence[str],
        settings: Settings,
        *,
        http: HttpClient | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> ProviderChain:
        """Build registered providers by name; unknown names fail here, listing the known ones."""
        http = http or HttpClient(settings)
        built = [PROVIDERS.get(n)(settings, http) for n in dict.fromkeys(names)]
        return cls(built, settings, http, clock=clock)

    def provider(self, name: str) -> MusicProvider:
        return self._providers[name]

    def gather(self, query: CandidateQuery, want: int) -> Gathered:
        pools: list[CandidatePool] = []
        warnings: list[str] = []
        used: list[str] = []
        with deadline_scope(self.settings.playlist_deadline_s):
            for name in self.names:
                tracks = self._ask(name, query, warnings)
                if not tracks:
                    continue
                pools.append(self._pool(name, tracks))
                used.append(name)
                if sum(len(p) for p in pools) >= want:
                    break
        if not pools:
            detail = "; ".join(warnings) or "no provider configured"
            raise NoTracksFound(f"no music provider returned any track ({detail})")
        return Gathered(CandidatePool.merge(pools), tuple(warnings), tuple(used))

    def _ask(self, name: str, query: CandidateQuery, warnings: list[str]) -> Sequence[Track]:
        breaker = self._breakers[name]
        if not breaker.allow():
            warnings.append(f"{name} skipped: it failed recently (retrying in {breaker.retry_in():.0f} s)")
            return ()
        try:
            tracks = self._providers[name].candidates(query)
        except NoTimeLeft:
            # The playlist's time ran out before this one was asked: not the service's fault.
            warnings.append(f"{name} skipped: no time left for this playlist")
            return ()
        except ProviderError as exc:
            breaker.record_failure()
            log.warning("provider %s failed: %s; trying the next one", name, exc)
            warnings.append(f"{name} failed: {exc}")
            return ()
        except Exception:
            # An answer in a shape its parser trips on is the provider's failure too, never the playlist's.
            breaker.record_failure()
            log.exception("provider %s failed on an answer it could not read; trying the next one", name)
            warnings.append(f"{name} failed: it answered data we could not read")
            return ()
        breaker.record_success()
        tracks = self._clean(name, tracks)
        if not tracks:
            log.warning("provider %s returned no tracks; trying the next one", name)
            warnings.append(f"{name} returned no tracks")
        return tracks

    def _clean(self, name: str, tracks: Sequence[Track]) -> Sequence[Track]:
        # Checking 18,644 catalogue tracks costs ~30 ms: do it once per sequence a provider hands back.
        with self._lock:
            seen = self._clean_seen.get(name)
            if seen is not None and seen[0] is tracks:
                return seen[1]
        cleaned = _cleaned(tracks)
        with self._lock:
            self._clean_seen[name] = (tracks, cleaned)
        return cleaned

    def _pool(self, name: str, tracks: Sequence[Track]) -> CandidatePool:
        # Providers that hand back the same cached sequence (the offline catalog) reuse their arrays.
        with self._lock:
            cached = self._pools.get(name)
            if cached is not None and cached[0] is tracks:
                return cached[1]
            pool = CandidatePool.from_tracks(tracks)
            self._pools[name] = (tracks, pool)
            return pool


def _cleaned(tracks: Sequence[Track]) -> Sequence[Track]:
    """``tracks`` with control characters out of their text; the same sequence when none has any (the
    offline catalogue's cached tuple stays the same object, so its arrays are reused)."""
    if not any(_dirty(t) for t in tracks):
        return tracks
    return [replace(t, title=clean_text(t.title), artist=clean_text(t.artist), license=clean_text(t.license),
                    tags=tuple(clean_text(tag) for tag in t.tags)) if _dirty(t) else t for t in tracks]


def _dirty(t: Track) -> bool:
    return any(clean_text(s) is not s for s in (t.title, t.artist, t.license, *t.tags))
