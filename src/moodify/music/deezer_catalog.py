"""The Deezer catalogue: 18,644 real songs with a valence/arousal position each, shipped as a gzip TSV.

Source: the Deezer mood detection dataset (Delbouys, Hennequin, Piccoli, Moussallam, ISMIR 2018). Its
values are standardised (mean about 0, s.d. about 1) and skewed differently per axis, so they are mapped
onto Moodify's [-1, 1] plane **by rank**: a song's value becomes ``2 * (r + 0.5) / N - 1`` where ``r`` is
its mid-rank on that axis (ties share their average rank). Order is kept exactly, the median song lands
near 0, and each axis fills the plane evenly, which is what the step targets assume. The sign is the
dataset's: negative valence is unpleasant, negative arousal calm.

Each song also carries its genres (``music/catalog_genres.py``: per-song labels by MSD track id, else what
Last.fm users said about its artist), and titles/artists get back the commas upstream wrote as "_".

Rebuild with ``python -m moodify.music.deezer_catalog ../shared/data`` (the folder holding ``deezer-mood``,
``hetrec-lastfm-2k``, ``lastfm-artist-tags-msd-kaggle`` and ``lpd-msd-labels``).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from moodify.errors import ProviderError
from moodify.music.catalog_genres import SONG_SOURCES, SOURCES, GenreSources, Vote
from moodify.music.genres import GENRES
from moodify.types import Track

DEEZER_FILE = "deezer.tsv.gz"
SPLITS = ("train.csv", "validation.csv", "test.csv")
HEADER = "dzr_sng_id,MSD_sng_id,MSD_track_id,valence,arousal,artist_name,track_name"
DATASET_URL = "https://github.com/deezer/deezer_mood_detection_dataset"
CITATION = (
    'Delbouys, Hennequin, Piccoli, Moussallam, "Music Mood Detection Based on Audio and Lyrics with Deep '
    'Neural Net", ISMIR 2018; data: Deezer mood detection dataset ' + DATASET_URL
)
# Shown on every Deezer track: where its mood position comes from, and whose the audio is.
TRACK_LICENSE = ("Mood: Deezer mood detection dataset (Delbouys et al., ISMIR 2018); "
                 "audio © its rights holders, 30-s preview via Deezer")


@dataclass(frozen=True)
class DeezerRow:
    track_id: int
    artist: str
    title: str
    valence: float  # already on [-1, 1]
    arousal: float
    genres: tuple[str, ...] = ()


@dataclass(frozen=True)
class SourceRow:
    track_id: int
    msd_track_id: str
    artist: str
    title: str
    valence: float  # as upstream (standardised)
    arousal: float


def parse_source(folder: Path) -> list[SourceRow]:
    """The songs of the three upstream CSV files, names cleaned."""
    out: list[SourceRow] = []
    seen: set[int] = set()
    for name in SPLITS:
        path = folder / name
        with path.open(encoding="utf-8") as fh:
            if fh.readline().strip() != HEADER:
                raise ValueError(f"{path} is not a Deezer mood CSV (unexpected header)")
            for lineno, line in enumerate(fh, start=2):
                fields = line.rstrip("\r\n").split(",")
                if len(fields) != 7:
                    raise ValueError(f"{path}:{lineno}: expected 7 fields, got {len(fields)}")
                tid = int(fields[0])
                if tid in seen:
                    raise ValueError(f"{path}:{lineno}: duplicate Deezer id {tid}")
                seen.add(tid)
                out.append(SourceRow(tid, fields[2], clean_name(fields[5]), clean_name(fields[6]),
                                     float(fields[3]), float(fields[4])))
    return out


_THOUSANDS = re.compile(r"(?<=\d)_(?=\d{3}\b)")
_COMMA = re.compile(r"_\s*")


def clean_name(text: str) -> str:
    """Upstream wrote every comma as "_": "Crosby_ Stills_ Nash and Young", "1_000 Kisses", "Bob Marley_The
    Wailers". A thousands separator gets its comma back bare, any other "_" a comma and a space; tabs would
    break our own format."""
    text = _COMMA.sub(", ", _THOUSANDS.sub(",", text))
    return " ".join(text.replace("\t", " ").split())


def rank_scale(values: Sequence[float]) -> np.ndarray:
    """Mid-ranks mapped onto [-1, 1] (ties share their average rank): ``2 * (r + 0.5) / N - 1``."""
    arr = np.asarray(values, dtype=np.float64)
    order = np.argsort(arr, kind="stable")
    ranks = np.empty(len(arr))
    ranks[order] = np.arange(len(arr), dtype=np.float64)
    _, inverse, counts = np.unique(arr, return_inverse=True, return_counts=True)
    sums = np.bincount(inverse, weights=ranks)
    mid = sums[inverse] / counts[inverse]
    return 2.0 * (mid + 0.5) / len(arr) - 1.0


def build(data_root: Path, out: Path) -> int:
    """Write the catalogue from ``data_root``/deezer-mood plus the three genre sets beside it."""
    folder = data_root / "deezer-mood"
    raw = parse_source(folder)
    sources = GenreSources.read(data_root)
    votes = [sources.vote(r.msd_track_id, r.artist) for r in raw]
    valence = rank_scale([r.valence for r in raw])
    arousal = rank_scale([r.arousal for r in raw])
    lines = [f"{r.track_id}\t{r.artist}\t{r.title}\t{v:.4f}\t{a:.4f}\t{','.join(vote.genres)}\n"
             for r, v, a, vote in zip(raw, valence, arousal, votes, strict=True)]
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("wb") as fh, gzip.GzipFile(fileobj=fh, mode="wb", mtime=0, compresslevel=9) as gz:
        gz.write("".join(lines).encode("utf-8"))
    md5 = {name: hashlib.md5((folder / name).read_bytes()).hexdigest() for name in SPLITS}
    meta = {"source": DATASET_URL, "source_md5": md5, "tracks": len(raw),
            "artists": len({r.artist for r in raw}), "mapping": "mid-rank per axis onto [-1, 1]",
            "citation": CITATION, "columns": ["deezer_id", "artist", "title", "valence", "arousal", "genres"],
            "genre_coverage": coverage(votes)}
    out.with_name("deezer.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return len(raw)


def coverage(votes: Sequence[Vote]) -> dict[str, object]:
    """Songs with a genre, per source that named one and per genre (for docs/music.md)."""
    with_genre = [v for v in votes if v.genres]
    by_source = Counter(s for v in with_genre for s in v.sources)
    by_genre = Counter(g for v in with_genre for g in v.genres)
    return {"songs": len(votes), "with_genre": len(with_genre),
            "with_song_label": sum(1 for v in with_genre if SONG_SOURCES & set(v.sources)),
            "by_source": {s: by_source[s] for s in SOURCES},
            "by_genre": {g: by_genre[g] for g in GENRES}}


def shipped_path() -> Path:
    return Path(str(resources.files("moodify.music").joinpath("data", DEEZER_FILE)))


def read_rows(path: Path | None = None) -> list[DeezerRow]:
    try:
        text = gzip.decompress((path or shipped_path()).read_bytes()).decode("utf-8")
    except (OSError, EOFError, gzip.BadGzipFile, UnicodeDecodeError) as exc:
        raise ProviderError(f"the Deezer catalogue could not be read ({type(exc).__name__})") from exc
    rows = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        try:
            tid, artist, title, v, a, genres = line.split("\t")
            rows.append(DeezerRow(int(tid), artist, title, float(v), float(a), _genres(genres)))
        except ValueError:
            raise ProviderError(f"the Deezer catalogue is damaged at line {lineno}") from None
    return rows


def _genres(field: str) -> tuple[str, ...]:
    names = tuple(g for g in field.split(",") if g)
    if any(g not in GENRES for g in names):
        raise ValueError(f"unknown genre in {field!r}")
    return names


def row_to_track(row: DeezerRow) -> Track:
    return Track(
        id=str(row.track_id), provider="deezer", title=row.title, artist=row.artist,
        url=f"https://www.deezer.com/track/{row.track_id}", stream_url=None,  # preview resolved at playlist time
        valence=row.valence, arousal=row.arousal, license=TRACK_LICENSE, license_url=DATASET_URL,
        genres=row.genres,
    )


@lru_cache(maxsize=2)
def load_deezer_catalog(path: Path | None = None) -> tuple[Track, ...]:
    """Every Deezer catalogue track, parsed once per process."""
    return tuple(row_to_track(r) for r in read_rows(path))


if __name__ == "__main__":  # pragma: no cover - build script
    count = build(Path(sys.argv[1]), shipped_path())
    print(f"wrote {count} tracks to {shipped_path()}")
