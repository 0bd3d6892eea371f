"""The offline catalog: MTG-Jamendo mood/theme annotations, shipped as a small gzip TSV in the package.

``build_catalog`` turns the upstream TSV (one row per track, a variable number of tag fields) into
``track_id<TAB>artist_id<TAB>album_id<TAB>duration_s<TAB>tag,tag<TAB>genre,genre`` rows; ``load_catalog`` reads
it back into :class:`Track` values whose valence/arousal is the mean of their tags' estimates
(``music/tags.py``). Genres come from MTG-Jamendo's genre annotations of the same tracks (its ``genre---*``
tags, mapped onto the one vocabulary of ``music/genres.py``), so a blocked genre is obeyed here too.
The data has ids only, so titles are honest placeholders ("Untitled (Jamendo #948)", with the artist's
Jamendo page) until the Jamendo API enriches them; never a made-up name.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from moodify.errors import ProviderError
from moodify.music.genres import GENRES, genres_of
from moodify.music.pool import UNTITLED_PREFIX
from moodify.music.tags import FUNCTIONAL_TAGS, MTG_TAG_POINTS
from moodify.types import Track

log = logging.getLogger(__name__)

CATALOG_FILE = "catalog.tsv.gz"
LICENSE = "CC BY-NC-SA 4.0"  # of the MTG-Jamendo annotations
TRACK_LICENSE = "MTG-Jamendo metadata CC BY-NC-SA 4.0; audio licence on the Jamendo page"
LICENSE_URL = "https://creativecommons.org/licenses/by-nc-sa/4.0/"
CITATION = (
    'Bogdanov, Won, Tovstogan, Porter, Serra, "The MTG-Jamendo Dataset for Automatic Music Tagging", '
    "Machine Learning for Music Discovery Workshop, ICML 2019. http://hdl.handle.net/10230/42015"
)
_TAG_PREFIX = "mood/theme---"
_GENRE_PREFIX = "genre---"
_HEADER = ["TRACK_ID", "ARTIST_ID", "ALBUM_ID", "PATH", "DURATION"]


@dataclass(frozen=True)
class CatalogRow:
    track_id: int
    artist_id: int
    album_id: int
    duration_s: float
    tags: tuple[str, ...]
    genres: tuple[str, ...] = ()  # names from music/genres.py GENRES, in its order


def _records(path: Path) -> Iterator[tuple[int, list[str]]]:
    """(line number, fields) of an MTG-Jamendo autotagging TSV (gzip if it ends in .gz), header checked."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as fh:
        header = fh.readline().rstrip("\r\n").split("\t")
        if header[:5] != _HEADER:
            raise ValueError(f"{path} is not an MTG-Jamendo autotagging TSV (header {header[:5]})")
        for lineno, line in enumerate(fh, start=2):
            fields = line.rstrip("\r\n").split("\t")
            if len(fields) < 6:
                raise ValueError(f"{path}:{lineno}: expected at least 6 fields, got {len(fields)}")
            yield lineno, fields


def parse_genres(paths: Sequence[Path]) -> dict[int, tuple[str, ...]]:
    """Track id -> genres, from MTG-Jamendo genre annotations (``autotagging_genre*.tsv``: ``genre---*`` tags).

    Tags that name no genre of the vocabulary ("genre---90s", "genre---progressive") are dropped; a track
    none of whose tags names one is left out (its genre stays unknown, never guessed)."""
    out: dict[int, tuple[str, ...]] = {}
    for path in paths:
        for lineno, fields in _records(path):
            words = [f.strip() for f in fields[5:] if f.strip()]
            if any(not w.startswith(_GENRE_PREFIX) for w in words):
                other = [w for w in words if not w.startswith(_GENRE_PREFIX)]
                raise ValueError(f"{path}:{lineno}: not a genre tag: {other}")
            genres = genres_of(words)
            if genres:
                out[_numeric_id(fields[0])] = genres
    return out


def parse_source(path: Path, genres: Mapping[int, tuple[str, ...]] | None = None) -> list[CatalogRow]:
    """Read the upstream ``autotagging_moodtheme.tsv``; each tag is its own trailing field. ``genres``
    (from :func:`parse_genres`) gives each track its genres."""
    rows: list[CatalogRow] = []
    genres = genres or {}
    for lineno, fields in _records(path):
        tags = tuple(sorted({f.strip().removeprefix(_TAG_PREFIX) for f in fields[5:] if f.strip()}))
        if not tags:
            raise ValueError(f"{path}:{lineno}: a track without any mood/theme tag")
        unknown = [t for t in tags if t not in MTG_TAG_POINTS]
        if unknown:
            raise ValueError(f"{path}:{lineno}: tags without a valence/arousal estimate: {unknown}")
        track_id = _numeric_id(fields[0])
        rows.append(CatalogRow(
            track_id=track_id, artist_id=_numeric_id(fields[1]), album_id=_numeric_id(fields[2]),
            duration_s=float(fields[4]), tags=tags, genres=genres.get(track_id, ()),
        ))
    return rows


def _numeric_id(text: str) -> int:
    return int(text.rsplit("_", 1)[-1])


def shipped_catalog_path() -> Path:
    """Where the packaged catalog lives (a rebuild in a source checkout writes here)."""
    return Path(str(resources.files("moodify.music").joinpath("data", CATALOG_FILE)))


def build_catalog(source: Path, out: Path, genre_sources: Sequence[Path] = ()) -> tuple[Path, int]:
    """Write the compact catalog to ``out`` and its metadata (licence, citation, checksums, genre coverage)
    next to it. ``genre_sources``: MTG-Jamendo genre annotations of the same tracks (none: no genres)."""
    rows = parse_source(source, parse_genres(genre_sources))
    out.parent.mkdir(parents=True, exist_ok=True)
    lines = [f"{r.track_id}\t{r.artist_id}\t{r.album_id}\t{r.duration_s:g}\t{','.join(r.tags)}"
             f"\t{','.join(r.genres)}\n" for r in rows]
    # mtime=0 keeps the file byte-identical across rebuilds.
    with out.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, compresslevel=9) as gz:
        gz.write("".join(lines).encode("utf-8"))
    meta = {
        "source": "MTG/mtg-jamendo-dataset data/autotagging_moodtheme.tsv",
        "source_md5": _md5(source),
        "tracks": len(rows),
        "artists": len({r.artist_id for r in rows}),
        "tags": sorted({t for r in rows for t in r.tags}),
        "license": LICENSE,
        "license_url": LICENSE_URL,
        "citation": CITATION,
        "genre_sources": {p.name: _md5(p) for p in genre_sources},
        "genre_coverage": {"tracks": sum(1 for r in rows if r.genres),
                           "by_genre": {g: sum(1 for r in rows if g in r.genres) for g in GENRES}},
        "columns": ["track_id", "artist_id", "album_id", "duration_s", "tags", "genres"],
    }
    meta_path = out.with_name(out.name.removesuffix(".tsv.gz") + ".json")
    meta_path.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    log.info("wrote %d tracks to %s", len(rows), out)
    return out, len(rows)


def _md5(path: Path) -> str:
    return hashlib.md5(path.read_bytes()).hexdigest()


def read_rows(path: Path | None = None) -> list[CatalogRow]:
    """Rows of a built catalog (the shipped one when ``path`` is None)."""
    try:
        if path is None:
            data = resources.files("moodify.music").joinpath("data", CATALOG_FILE).read_bytes()
        else:
            data = path.read_bytes()
        text = gzip.decompress(data).decode("utf-8")
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise ProviderError(f"the offline catalog could not be read ({exc}); rebuild it with "
                            "`moodify catalog build`") from exc
    rows = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        try:
            tid, aid, alb, dur, tags, *rest = line.split("\t")  # no 6th field: built before genres
            genres = tuple(rest[0].split(",")) if rest and rest[0] else ()
            if len(rest) > 1:
                raise ValueError(line)
            row = CatalogRow(int(tid), int(aid), int(alb), float(dur), tuple(tags.split(",")), genres)
        except ValueError:
            raise ProviderError(f"the offline catalog is damaged at line {lineno}; rebuild it with "
                                "`moodify catalog build`") from None
        if any(t not in MTG_TAG_POINTS for t in row.tags) or any(g not in GENRES for g in row.genres):
            raise ProviderError(f"the offline catalog has an unknown tag or genre at line {lineno}; rebuild it")
        rows.append(row)
    return rows


def jamendo_stream_url(track_id: int | str) -> str:
    """Jamendo's public audio URL pattern (the same host the v3.0 API returns in ``audio``)."""
    return f"https://prod-1.storage.jamendo.com/?trackid={track_id}&format=mp31"


def has_mood(row: CatalogRow) -> bool:
    """Whether any tag says how the track feels (functional tags alone, e.g. "corporate", do not)."""
    return any(t not in FUNCTIONAL_TAGS for t in row.tags)


def row_to_track(row: CatalogRow) -> Track:
    # Only mood tags place the track; functional ones stay in ``tags`` (a user may block them).
    points = [MTG_TAG_POINTS[t] for t in row.tags if t not in FUNCTIONAL_TAGS] or [(0.0, 0.0)]
    return Track(
        id=str(row.track_id),
        provider="offline",
        title=untitled(row.track_id),
        artist=f"Jamendo artist {row.artist_id}",
        url=f"https://www.jamendo.com/track/{row.track_id}",
        stream_url=jamendo_stream_url(row.track_id),
        tags=row.tags,
        genres=row.genres,
        valence=sum(p[0] for p in points) / len(points),
        arousal=sum(p[1] for p in points) / len(points),
        license=TRACK_LICENSE,
        license_url=LICENSE_URL,
        duration_s=row.duration_s,
        artist_id=str(row.artist_id),
        artist_url=f"https://www.jamendo.com/artist/{row.artist_id}",
    )


def untitled(track_id: int | str) -> str:
    return f"{UNTITLED_PREFIX}{track_id})"


def is_untitled(track: Track) -> bool:
    return track.title.startswith(UNTITLED_PREFIX)


@lru_cache(maxsize=4)
def load_catalog(path: Path | None = None) -> tuple[Track, ...]:
    """Every catalog track with a mood, parsed once per process (the file never changes while running).

    Tracks tagged only with functional tags (advertising, film, trailer ...) have no mood position, so
    they are not candidates for any step."""
    return tuple(row_to_track(r) for r in read_rows(path) if has_mood(r))
