"""Candidates as arrays: points, tag membership and artist codes, so ranking is a few numpy operations."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from moodify.types import Track

UNTITLED_PREFIX = "Untitled (Jamendo #"  # catalogue tracks whose title is not known (music/catalog.py)


@dataclass(frozen=True, eq=False)
class CandidatePool:
    tracks: tuple[Track, ...]
    valence: np.ndarray  # (N,) contiguous: per-step distances are two vector ops
    arousal: np.ndarray  # (N,)
    tag_names: tuple[str, ...]
    # One contiguous int array per tag slot: column j holds each track's j-th tag, or T (no tag) when it
    # has fewer. Learned values are looked up with a gather per slot (tracks have 1-8 tags).
    tag_slots: tuple[np.ndarray, ...]
    artist_names: tuple[str, ...]
    artist_codes: np.ndarray  # (N,) index into artist_names
    keys: tuple[str, ...]  # Track.key per row, computed once
    tag_pos: dict[str, int]  # name -> column / code, so learned values land without rebuilding lookups
    artist_pos: dict[str, int]
    key_pos: dict[str, int]  # Track.key -> row, so history marks rows without scanning all of them
    named: np.ndarray  # (N,) 1.0 where the title is real, 0.0 for "Untitled (Jamendo #id)"

    def __len__(self) -> int:
        return len(self.tracks)

    @classmethod
    def from_tracks(cls, tracks: Sequence[Track]) -> CandidatePool:
        unique = _dedupe(tracks)
        tag_index: dict[str, int] = {}
        artist_index: dict[str, int] = {}
        rows: list[list[int]] = []
        codes = np.empty(len(unique), dtype=np.int64)
        for i, t in enumerate(unique):
            rows.append([tag_index.setdefault(tag, len(tag_index)) for tag in dict.fromkeys(t.tags)])
            codes[i] = artist_index.setdefault(artist_key(t), len(artist_index))
        width = max((len(r) for r in rows), default=0)
        padded = np.full((len(unique), max(1, width)), len(tag_index), dtype=np.int64)
        for i, cols in enumerate(rows):
            padded[i, :len(cols)] = cols
        slots = tuple(np.ascontiguousarray(padded[:, j]) for j in range(padded.shape[1]))
        valence = np.array([t.valence for t in unique], dtype=np.float64)
        arousal = np.array([t.arousal for t in unique], dtype=np.float64)
        keys = tuple(t.key for t in unique)
        named = np.array([0.0 if t.title.startswith(UNTITLED_PREFIX) else 1.0 for t in unique])
        return cls(tuple(unique), valence, arousal, tuple(tag_index), slots, tuple(artist_index), codes,
                   keys, tag_index, artist_index, {k: i for i, k in enumerate(keys)}, named)

    @classmethod
    def merge(cls, pools: Sequence[CandidatePool]) -> CandidatePool:
        if len(pools) == 1:
            return pools[0]
        return cls.from_tracks([t for p in pools for t in p.tracks])


def artist_key(track: Track) -> str:
    """Artists are compared by name across providers (the same person on Jamendo and Audius)."""
    return track.artist.strip().lower()


def _dedupe(tracks: Sequence[Track]) -> list[Track]:
    seen: set[str] = set()
    out = []
    for t in tracks:
        if t.key not in seen:
            seen.add(t.key)
            out.append(t)
    return out
