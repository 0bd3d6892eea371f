"""What a music provider is, and the registry that finds one by name."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from moodify.music.http import HttpClient
from moodify.music.previews import Outcome
from moodify.registry import Registry
from moodify.settings import Settings
from moodify.types import MoodPoint, Track


@dataclass(frozen=True)
class CandidateQuery:
    """What the playlist needs: one mood target per step (first = where the listener is now)."""

    targets: tuple[MoodPoint, ...]
    emotion: str
    limit: int = 50  # how many candidates a remote provider should ask for per request


class MusicProvider(Protocol):
    name: str

    def candidates(self, query: CandidateQuery) -> Sequence[Track]:
        """Tracks with a valence/arousal estimate each; raises ``ProviderError`` when the source fails."""
        ...


# Optional capabilities: a provider has one when it has the methods; ``recommend`` asks each provider in the
# chain, never a provider by name.
@runtime_checkable
class ResolvesPreviews(Protocol):
    """Streams that must be looked up when a playlist is made (signed, expiring previews)."""

    name: str

    def resolve_previews(self, tracks: Sequence[Track]) -> Mapping[str, Outcome]:
        """Outcome per track id: ``Resolved`` (apply it), ``Dead`` (replace the track) or ``Failed``."""
        ...

    def is_dead(self, track_id: str) -> bool: ...


@runtime_checkable
class ResolvesGenres(Protocol):
    """Genres looked up online for tracks whose genre the provider's own data lacks."""

    name: str

    def resolve_genres(self, tracks: Sequence[Track]) -> Mapping[str, tuple[str, ...]]:
        """Genres (names from ``GENRES``; () when the source has none) per track id; ids it could not
        reach are left out. Raises nothing: a failed look-up is simply absent."""
        ...


@runtime_checkable
class EnrichesMetadata(Protocol):
    """Better titles/artists/licences for tracks whose shipped data has only ids."""

    name: str

    def enrich(self, tracks: Sequence[Track]) -> Mapping[str, Track]:
        """The improved track per id (only those it could improve); ``ProviderError`` when the source fails."""
        ...


ProviderFactory = Callable[[Settings, HttpClient], MusicProvider]
PROVIDERS: Registry[ProviderFactory] = Registry("provider")


def probe_points(targets: tuple[MoodPoint, ...]) -> list[MoodPoint]:
    """Start, middle and end of the journey: enough to query a remote API without one call per track."""
    if not targets:
        return []
    picked = [targets[0], targets[len(targets) // 2], targets[-1]]
    out: list[MoodPoint] = []
    for p in picked:
        if p not in out:
            out.append(p)
    return out
