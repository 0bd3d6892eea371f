"""Candidates as arrays: points, tag membership and artist codes, so ranking is a few numpy operations."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from moodify.music.genres import GENRES, genres_of
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
    genres: np.ndarray  # (N, len(GENRES)) bool: the track's genres, in GENRES order
    artist_genres: np.ndarray  # (artists, len(GENRES)) bool: every genre any of the artist's tracks has
    song_codes: np.ndarray  # (N,) the same code for the same song (artist + title) from any provider or id
    genre_rows: tuple[np.ndarray, ...]  # per genre, the rows that have it (scores touch only those rows)

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
        genres = genre_matrix(unique)
        artist_genres = np.zeros((len(artist_index), len(GENRES)), dtype=bool)
        np.logical_or.at(artist_genres, codes, genres)
        songs: dict[str, int] = {}
        song_codes = np.array([songs.setdefault(song_key(t), len(songs)) for t in unique], dtype=np.int64)
        return cls(tuple(unique), valence, arousal, tuple(tag_index), slots, tuple(artist_index), codes,
                   keys, tag_index, artist_index, {k: i for i, k in enumerate(keys)}, named, genres,
                   artist_genres, song_codes, rows_by_genre(genres))

    @classmethod
    def merge(cls, pools: Sequence[CandidatePool]) -> CandidatePool:
        if len(pools) == 1:
            return pools[0]
        return cls.from_tracks([t for p in pools for t in p.tracks])


def artist_key(track: Track) -> str:
    """Artists are compared by name across providers (the same person on Jamendo and Audius)."""
    return track.artist.strip().lower()


GENRE_POS = {g: i for i, g in enumerate(GENRES)}


def track_genres(track: Track) -> tuple[str, ...]:
    """The track's genres; a provider that left ``genres`` empty may still name some in its tags."""
    return track.genres or genres_of(track.tags)


def genre_matrix(tracks: Sequence[Track]) -> np.ndarray:
    out = np.zeros((len(tracks), len(GENRES)), dtype=bool)
    for i, t in enumerate(tracks):
        for g in track_genres(t):
            out[i, GENRE_POS[g]] = True
    return out


def rows_by_genre(matrix: np.ndarray) -> tuple[np.ndarray, ...]:
    return tuple(np.flatnonzero(matrix[:, g]) for g in range(matrix.shape[1]))


_NOT_WORD = re.compile(r"[^0-9a-z]+")


def song_key(track: Track) -> str:
    """The same song whatever its id or provider: artist and title, case and punctuation ignored."""
    return f"{artist_key(track)}\x1f{_NOT_WORD.sub(' ', track.title.lower()).strip()}"


def _dedupe(tracks: Sequence[Track]) -> list[Track]:
    seen: set[str] = set()
    out = []
    for t in tracks:
        if t.key not in seen:
            seen.add(t.key)
            out.append(t)
    return out
