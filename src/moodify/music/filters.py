"""Named filter steps over the candidate pool: each says which rows it removes and why.

A filter never retries or invents feedback: it marks rows as unavailable before ranking, and the
playlist's warnings name the filter and how many candidates it removed. Every step has the same shape
(``name``, ``apply(pool) -> Filtered``), so the pipeline runs a list of them and special-cases none.

Blocked genres (the rule, also in docs/music.md): a track is removed when one of its genres is blocked, or
when its artist is known (from any of the artist's tracks) to play a blocked genre: someone who blocks metal
gets no Alice In Chains, even the song labelled plain rock. A track whose genre is unknown is allowed when
its artist is known to play only other genres, and otherwise **pending**: it may be shown only after its
genre has been looked up (``music/genre_lookup.py``) and found unblocked.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from moodify.music.genres import GENRES
from moodify.music.pool import CandidatePool


def normalise_words(words: Iterable[str]) -> frozenset[str]:
    """Tags/genres compared case-insensitively, surrounding spaces ignored, empty words dropped."""
    return frozenset(w.strip().lower() for w in words if w.strip())


@dataclass(frozen=True)
class Removed:
    """What one filter took out of the candidates (for the playlist's warnings)."""

    name: str
    count: int
    matched: tuple[str, ...]  # the words that matched, sorted

    def warning(self) -> str:
        words = ", ".join(self.matched)
        noun = "track" if self.count == 1 else "tracks"
        return f"{self.count} {noun} left out by your {self.name} ({words})"


@dataclass(frozen=True)
class Filtered:
    removed: np.ndarray  # (N,) bool: never shown
    pending: np.ndarray  # (N,) bool: shown only once confirmed (a look-up the pipeline makes)
    note: Removed | None


class FilterStep(Protocol):
    @property
    def name(self) -> str: ...

    def apply(self, pool: CandidatePool) -> Filtered: ...


@dataclass(frozen=True)
class BlockedGenres:
    """Hard rule on every provider: no track of a blocked genre; unknown genres wait for a look-up."""

    blocked: frozenset[str]  # names from GENRES
    name: str = "blocked genres"

    def columns(self) -> np.ndarray:
        return np.array([g in self.blocked for g in GENRES], dtype=bool)

    def apply(self, pool: CandidatePool) -> Filtered:
        n = len(pool)
        none = np.zeros(n, dtype=bool)
        if not self.blocked or not n:
            return Filtered(none, none, None)
        cols = self.columns()
        known = pool.genres.any(axis=1)
        artist_known = np.asarray(pool.artist_genres.any(axis=1))[pool.artist_codes]
        hit = pool.genres[:, cols].any(axis=1)
        artist_hit = np.asarray(pool.artist_genres[:, cols].any(axis=1))[pool.artist_codes]
        removed = hit | artist_hit
        pending = ~known & ~artist_known
        count = int(removed.sum())
        note = Removed(self.name, count, tuple(g for g in GENRES if g in self.blocked)) if count else None
        return Filtered(removed, pending, note)


@dataclass(frozen=True)
class BlockedTags:
    """Hard rule: a candidate carrying any blocked tag is never shown, whichever provider it came from."""

    blocked: frozenset[str]
    name: str = "blocked tags"

    def apply(self, pool: CandidatePool) -> Filtered:
        removed, note = self.mask(pool)
        return Filtered(removed, np.zeros(len(pool), dtype=bool), note)

    def mask(self, pool: CandidatePool) -> tuple[np.ndarray, Removed | None]:
        """(True where removed, what was removed or None when nothing was)."""
        out = np.zeros(len(pool), dtype=bool)
        if not self.blocked or not len(pool):
            return out, None
        codes = {i: name for name, i in pool.tag_pos.items() if name.strip().lower() in self.blocked}
        if not codes:
            return out, None
        wanted = np.fromiter(codes, dtype=np.int64)
        for slot in pool.tag_slots:
            out |= np.isin(slot, wanted)
        count = int(out.sum())
        if not count:
            return out, None
        matched = tuple(sorted({codes[i].strip().lower() for i in codes}))
        return out, Removed(self.name, count, matched)
