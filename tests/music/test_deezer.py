"""The Deezer catalogue and provider: mapping onto [-1, 1], known songs where a listener expects them."""

from __future__ import annotations

import gzip
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from moodify.errors import ProviderError
from moodify.music.chain import ProviderChain
from moodify.music.deezer_catalog import (
    CITATION,
    TRACK_LICENSE,
    build,
    clean_name,
    load_deezer_catalog,
    rank_scale,
    read_rows,
)
from moodify.music.pipeline import recommend
from moodify.music.providers import PROVIDERS, CandidateQuery
from moodify.types import EmotionScores, MoodPoint

from .fakes import make_settings

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data"


def find(artist: str, title: str) -> tuple[float, float]:
    for t in load_deezer_catalog():
        if t.artist == artist and t.title == title:
            return t.valence, t.arousal
    raise AssertionError(f"{artist} - {title} not in the catalogue")


def test_catalogue_size_and_credit_on_every_track() -> None:
    tracks = load_deezer_catalog()
    assert len(tracks) == 18_644 and len({t.id for t in tracks}) == 18_644
    assert len({t.artist for t in tracks}) >= 4_000
    for t in tracks[:: 997]:
        assert t.provider == "deezer" and t.license == TRACK_LICENSE and "Delbouys" in t.license
        assert t.url == f"https://www.deezer.com/track/{t.id}" and t.title and t.artist
        assert t.stream_url is None  # previews are signed and expire: resolved at playlist time only
        assert -1.0 <= t.valence <= 1.0 and -1.0 <= t.arousal <= 1.0
    assert "ISMIR 2018" in CITATION


def test_rank_mapping_fills_the_plane_evenly_and_keeps_order() -> None:
    v = rank_scale([3.0, -1.0, 2.0, 2.0, 10.0])
    assert v.tolist() == pytest.approx([0.4, -0.8, -0.2, -0.2, 0.8])  # ties share the mid-rank
    tracks = load_deezer_catalog()
    val = np.array([t.valence for t in tracks])
    aro = np.array([t.arousal for t in tracks])
    for axis in (val, aro):
        assert abs(float(np.median(axis))) < 0.05
        assert np.quantile(axis, 0.25) == pytest.approx(-0.5, abs=0.06)
        assert np.quantile(axis, 0.75) == pytest.approx(0.5, abs=0.06)
    quadrants = Counter((bool(a > 0), bool(b > 0)) for a, b in zip(val, aro, strict=True))
    # Happy/energetic and sad/calm songs are the common ones in this data (as upstream: 6,001 and 5,444).
    assert quadrants[(True, True)] > 5_000 and quadrants[(False, False)] > 5_000
    assert 3_000 < quadrants[(True, False)] < 4_500 and 3_000 < quadrants[(False, True)] < 4_500


@pytest.mark.parametrize(("artist", "title", "quadrant"), [
    ("Katrina And The Waves", "Walking On Sunshine", (True, True)),
    ("Bob Marley & The Wailers", "Three Little Birds", (True, True)),
    ("Simon & Garfunkel", "The Sound Of Silence", (False, False)),
    ("Elliott Smith", "Needle In The Hay", (False, False)),
    ("Slayer", "Angel Of Death", (False, True)),
    ("Enya", "Orinoco Flow", (True, False)),
    ("Norah Jones", "Lonestar", (True, False)),
])
def test_known_songs_land_where_a_listener_expects(artist: str, title: str, quadrant: tuple[bool, bool]) -> None:
    v, a = find(artist, title)
    assert (v > 0, a > 0) == quadrant, (v, a)


def test_slayer_is_more_aroused_and_darker_than_enya() -> None:
    assert find("Slayer", "Angel Of Death")[1] - find("Enya", "Orinoco Flow")[1] > 1.0
    assert find("Slayer", "Angel Of Death")[0] < find("Enya", "Orinoco Flow")[0]


def test_provider_is_registered_and_keyless(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    chain = ProviderChain.from_names(["deezer"], settings)
    got = chain.provider("deezer").candidates(CandidateQuery((MoodPoint(0, 0),), "neutral"))
    assert got is load_deezer_catalog() and "deezer" in PROVIDERS.names()
    pl = recommend(EmotionScores.one_hot("happy"), "match", 10, settings=settings, chain=chain, seed=1)
    assert any("previews need a connection" in w for w in pl.source_warnings)  # closed loopback port
    assert len(pl.items) == 10 and all(it.track.provider == "deezer" for it in pl.items)
    assert sum(it.track.valence for it in pl.items) / 10 > 0.4


def test_damaged_file_is_a_provider_error(tmp_path: Path) -> None:
    bad = tmp_path / "d.tsv.gz"
    bad.write_bytes(gzip.compress(b"1\tA\tT\tnot-a-number\t0\trock\n"))
    with pytest.raises(ProviderError, match="line 1"):
        read_rows(bad)
    (tmp_path / "e.tsv.gz").write_bytes(b"not gzip")
    with pytest.raises(ProviderError, match="could not be read"):
        read_rows(tmp_path / "e.tsv.gz")


@pytest.mark.skipif(not (SHARED / "deezer-mood").is_dir(), reason="the upstream dataset is not next to this checkout")
def test_rebuild_from_upstream_matches_the_shipped_file(tmp_path: Path) -> None:
    out = tmp_path / "deezer.tsv.gz"
    assert build(SHARED, out) == 18_644
    assert read_rows(out) == read_rows()


def test_damaged_genre_column_is_a_provider_error(tmp_path: Path) -> None:
    bad = tmp_path / "d.tsv.gz"
    bad.write_bytes(gzip.compress(b"1\tA\tT\t0.1\t0\tpolka-step\n"))
    with pytest.raises(ProviderError, match="line 1"):
        read_rows(bad)


def test_names_get_their_commas_back() -> None:
    assert clean_name("Crosby_ Stills_ Nash and Young") == "Crosby, Stills, Nash and Young"
    assert clean_name("More_ More_ More") == "More, More, More"
    assert clean_name("1_000 Kisses") == "1,000 Kisses"
    assert clean_name("Bob Marley_The Wailers") == "Bob Marley, The Wailers"
    names = {t.artist for t in load_deezer_catalog()} | {t.title for t in load_deezer_catalog()}
    assert "Crosby, Stills, Nash and Young" in names and "More, More, More" in names
    assert not any("_" in name for name in names)


@pytest.mark.parametrize("artist", ["Metallica", "Slayer", "Opeth", "Nightwish", "My Dying Bride", "Marilyn Manson",
                                    "Cannibal Corpse", "Meshuggah", "Dimmu Borgir", "Strapping Young Lad",
                                    "Rob Zombie"])
def test_metal_bands_are_metal(artist: str) -> None:
    songs = [t for t in load_deezer_catalog() if t.artist == artist]
    assert songs and all("metal" in t.genres for t in songs)


def test_most_songs_have_a_genre_and_known_artists_the_right_one() -> None:
    tracks = load_deezer_catalog()
    assert sum(1 for t in tracks if t.genres) / len(tracks) > 0.88
    first = {t.artist: t.genres for t in reversed(tracks)}
    assert first["Eminem"] == ("hip hop",) and first["Bob Marley & The Wailers"] == ("reggae",)
    assert first["Norah Jones"] == ("jazz",) and "metal" not in first["Leonard Cohen"]
