"""What a music provider is, and the registry that finds one by name."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from moodify.music.http import HttpClient
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
