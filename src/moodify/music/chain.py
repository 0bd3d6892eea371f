"""The fallback chain: ask providers in order until there are enough candidates.

A provider that fails (timeout, HTTP error, HTML or malformed JSON, missing key) or returns nothing is
logged, reported as a warning string, and the next one is asked. One that failed is skipped until its
circuit breaker closes again. Only when no provider has any track does this raise ``NoTracksFound``.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from moodify.errors import NoTracksFound, ProviderError
from moodify.music.http import CircuitBreaker, HttpClient
from moodify.music.pool import CandidatePool
from moodify.music.providers import PROVIDERS, CandidateQuery, MusicProvider
from moodify.settings import Settings
from moodify.types import Track

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Gathered:
    pool: CandidatePool
    warnings: tuple[str, ...]
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
        except ProviderError as exc:
            breaker.record_failure()
            log.warning("provider %s failed: %s; trying the next one", name, exc)
            warnings.append(f"{name} failed: {exc}")
            return ()
        breaker.record_success()
        if not tracks:
            log.warning("provider %s returned no tracks; trying the next one", name)
            warnings.append(f"{name} returned no tracks")
        return tracks

    def _pool(self, name: str, tracks: Sequence[Track]) -> CandidatePool:
        # Providers that hand back the same cached sequence (the offline catalog) reuse their arrays.
        with self._lock:
            cached = self._pools.get(name)
            if cached is not None and cached[0] is tracks:
                return cached[1]
            pool = CandidatePool.from_tracks(tracks)
            self._pools[name] = (tracks, pool)
            return pool
