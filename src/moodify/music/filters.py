"""Named filter steps over the candidate pool: each says which rows it removes and why.

A filter never retries or invents feedback: it marks rows as unavailable before ranking, and the
playlist's warnings name the filter and how many candidates it removed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

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
        return f"{self.count} {noun} left out by your blocked genres/tags ({words})"


@dataclass(frozen=True)
class BlockedTags:
    """Hard rule: a candidate carrying any blocked tag is never shown, whichever provider it came from."""

    blocked: frozenset[str]
    name: str = "blocked tags"

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
