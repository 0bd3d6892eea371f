"""Genres for the Deezer catalogue, built from three public label sets (run at build time, never at run time).

- per song, by MSD track id: the Lakh Pianoroll Dataset's labels (``lpd-msd-labels``): tagtraum CD2C, MASD,
  Top-MAGD and the MSD's Last.fm tags; about 7 % of the catalogue;
- per artist, by name: HetRec 2011 Last.fm user tags (``hetrec-lastfm-2k``: how many times people tagged the
  artist with each word) and the Kaggle MSD table's tag and genre counts (``lastfm-artist-tags-msd-kaggle``).

Every source's words go through the one vocabulary (``music/genres.py``). Each source's votes become shares
(they sum to 1 per song or artist, shrunk by ``n / (n + 1)`` so a single vote weighs half), summed with a
weight (a label on the song itself counts twice), and a song
gets every genre that scores at least ``KEEP`` of its best one, at most ``MAX_GENRES``: an artist tagged mostly
"industrial" and "metal" is both, so blocking metal blocks it. Artist names are compared lower-cased, with
whitespace collapsed. ``Vote`` records which sources spoke, for the coverage figures.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from moodify.music.genres import GENRES, canonical_genre

KEEP = 0.4  # a genre is kept when it scores at least this share of the song's best genre
MAX_GENRES = 3
SONG_WEIGHT = 2.0  # a label given to the song itself outweighs what is said about its artist
# MASD style numbers (LPD's src/constants.py LABEL_NUM_MAP), as words the vocabulary maps.
MASD_STYLES = (
    "big band", "blues contemporary", "country traditional", "dance", "electronica", "experimental",
    "folk international", "gospel", "grunge emo", "hip hop rap", "jazz classic", "metal alternative",
    "metal death", "metal heavy", "pop contemporary", "pop indie", "pop latin", "punk", "reggae", "rnb soul",
    "rock alternative", "rock college", "rock contemporary", "rock hard", "rock neo psychedelia",
)
SONG_SOURCES = frozenset({"tagtraum", "masd", "magd", "lastfm-song"})
SOURCES = ("tagtraum", "masd", "magd", "lastfm-song", "hetrec", "kaggle-tags", "kaggle-genres")
_WEIGHTS = {"tagtraum": SONG_WEIGHT, "masd": SONG_WEIGHT, "magd": 1.0, "lastfm-song": 1.0,
            "hetrec": 1.0, "kaggle-tags": 1.0, "kaggle-genres": 1.0}
_ID_LIST = re.compile(r"^id_list_(.+)\.txt$")


def artist_name_key(name: str) -> str:
    return " ".join(name.lower().split())


@dataclass
class GenreSources:
    """Genre votes per MSD track id (song sources) and per artist name key (artist sources)."""

    songs: dict[str, dict[str, Counter[str]]] = field(default_factory=lambda: defaultdict(dict))
    artists: dict[str, dict[str, Counter[str]]] = field(default_factory=lambda: defaultdict(dict))

    @classmethod
    def read(cls, data_root: Path) -> GenreSources:
        """All three sets from their folders under ``data_root`` (the layout of ``shared/data``)."""
        out = cls()
        read_lpd(data_root / "lpd-msd-labels" / "labels", out)
        read_hetrec(data_root / "hetrec-lastfm-2k", out)
        read_kaggle(data_root / "lastfm-artist-tags-msd-kaggle", out)
        return out

    def add_song(self, source: str, msd_id: str, word: str, count: int = 1) -> None:
        genre = canonical_genre(word)
        if genre is not None:
            self.songs[msd_id].setdefault(source, Counter())[genre] += count

    def add_artist(self, source: str, artist: str, word: str, count: int = 1) -> None:
        genre = canonical_genre(word)
        if genre is not None and count > 0:
            self.artists[artist_name_key(artist)].setdefault(source, Counter())[genre] += count

    def vote(self, msd_id: str, artist: str) -> Vote:
        """The song's genres and the sources that named any."""
        by_source = {**self.artists.get(artist_name_key(artist), {}), **self.songs.get(msd_id, {})}
        return combine(by_source)


@dataclass(frozen=True)
class Vote:
    genres: tuple[str, ...]
    sources: tuple[str, ...]  # the sources that named any genre for this song


def combine(by_source: Mapping[str, Counter[str]]) -> Vote:
    score: dict[str, float] = defaultdict(float)
    for source, counts in by_source.items():
        total = sum(counts.values())
        trust = total / (total + 1.0)  # one stray vote ("Electronic" x1 for Cannibal Corpse) weighs half
        for genre, n in counts.items():
            score[genre] += _WEIGHTS[source] * trust * n / total
    if not score:
        return Vote((), ())
    best = max(score.values())
    kept = sorted((g for g, s in score.items() if s >= KEEP * best), key=lambda g: (-score[g], GENRES.index(g)))
    return Vote(tuple(kept[:MAX_GENRES]), tuple(s for s in SOURCES if s in by_source))


def read_lpd(folder: Path, out: GenreSources) -> None:
    """tagtraum CD2C and Top-MAGD id lists, MASD style numbers and the MSD Last.fm tag lists."""
    for sub, source in (("tagtraum", "tagtraum"), ("amg", "magd"), ("lastfm", "lastfm-song")):
        for path in sorted((folder / sub).glob("id_list_*.txt")):
            match = _ID_LIST.match(path.name)
            if match:
                for msd_id in _ids(path.read_text(encoding="utf-8").splitlines()):
                    out.add_song(source, msd_id, match.group(1))
    masd = folder / "amg" / "masd_labels.txt"
    for line in masd.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 2 and not line.startswith("#") and parts[1].isdigit():
            out.add_song("masd", parts[0], MASD_STYLES[int(parts[1])])


def _ids(lines: Iterable[str]) -> Iterable[str]:
    return (s for s in (line.strip() for line in lines) if s.startswith("TR"))


def read_hetrec(folder: Path, out: GenreSources) -> None:
    """Count (artist, tag) assignments across users; both halves of the split assignment table."""
    names = {}
    for line in (folder / "artists.dat").read_text(encoding="utf-8").splitlines()[1:]:
        parts = line.split("\t")
        if len(parts) >= 2:
            names[parts[0]] = parts[1]
    tags = {}
    for line in (folder / "tags.dat").read_bytes().decode("latin-1").splitlines()[1:]:
        parts = line.split("\t")
        if len(parts) >= 2:
            tags[parts[0]] = parts[1]
    counts: Counter[tuple[str, str]] = Counter()
    seen: set[tuple[str, ...]] = set()
    for name in ("user_taggedartists.dat", "user_taggedartists_2.dat"):
        path = folder / name
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines()[1:]:
            row = tuple(line.split("\t"))
            if len(row) < 3 or row in seen:  # the two halves overlap at user 1223
                continue
            seen.add(row)
            if row[1] in names and row[2] in tags:
                counts[(names[row[1]], tags[row[2]])] += 1
    for (artist, tag), n in counts.items():
        out.add_artist("hetrec", artist, tag, n)


def read_kaggle(folder: Path, out: GenreSources) -> None:
    """``tags_part`` and ``genres_part``: artist, word, number of the artist's tracks carrying it, ..."""
    for name, source in (("tags_part", "kaggle-tags"), ("genres_part", "kaggle-genres")):
        for line in (folder / name).read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) >= 3 and parts[1] and parts[2].isdigit():
                out.add_artist(source, parts[0], parts[1], int(parts[2]))
