from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from moodify.errors import ProviderError
from moodify.music.catalog import (
    build_catalog,
    load_catalog,
    parse_genres,
    parse_source,
    read_rows,
    row_to_track,
)
from moodify.music.genres import GENRES
from moodify.music.tags import MTG_TAG_POINTS

SOURCE = Path(__file__).resolve().parents[3] / "shared/data/mtg-jamendo/autotagging_moodtheme.tsv"
GENRE_SOURCE = Path(__file__).resolve().parents[2] / "data/mtg-jamendo-genre/autotagging_genre-catalog.tsv.gz"
HEADER = "TRACK_ID\tARTIST_ID\tALBUM_ID\tPATH\tDURATION\tTAGS\n"


def _write(tmp_path: Path, body: str, name: str = "src.tsv") -> Path:
    p = tmp_path / name
    p.write_text(HEADER + body)
    return p


def test_shipped_catalog_has_every_track_and_honest_titles() -> None:
    tracks = load_catalog()
    assert len(tracks) == 18_486 - 1467  # tracks with only functional tags (film, corporate ...) have no mood
    assert len({t.id for t in tracks}) == len(tracks)
    t948 = next(t for t in tracks if t.id == "948")
    assert t948.title == "Untitled (Jamendo #948)" and t948.artist == "Jamendo artist 87"
    assert t948.artist_url == "https://www.jamendo.com/artist/87"
    assert t948.url == "https://www.jamendo.com/track/948"
    assert t948.stream_url == "https://prod-1.storage.jamendo.com/?trackid=948&format=mp31"
    assert "CC BY-NC-SA 4.0" in t948.license and t948.license_url
    assert t948.tags == ("background",)
    assert (t948.valence, t948.arousal) == MTG_TAG_POINTS["background"]
    assert t948.genres == ("pop", "electronic")  # genre---electronic, genre---easylistening upstream


def test_shipped_catalog_has_genres_from_the_vocabulary() -> None:
    tracks = load_catalog()
    with_genre = [t for t in tracks if t.genres]
    assert len(with_genre) / len(tracks) > 0.98
    assert {g for t in tracks for g in t.genres} == set(GENRES)  # every genre of the vocabulary occurs
    meta = json.loads((Path(__file__).resolve().parents[2] / "src/moodify/music/data/catalog.json").read_text())
    assert meta["genre_coverage"]["tracks"] == sum(1 for r in read_rows() if r.genres)


def test_shipped_catalog_is_small_and_attributed() -> None:
    data = Path(__file__).resolve().parents[2] / "src/moodify/music/data"
    assert (data / "catalog.tsv.gz").stat().st_size < 500_000
    meta = json.loads((data / "catalog.json").read_text())
    assert meta["license"] == "CC BY-NC-SA 4.0" and "Bogdanov" in meta["citation"]
    assert meta["tracks"] == 18_486 and len(meta["tags"]) == 59
    assert "CC BY-NC-SA 4.0" in (data / "README.md").read_text()


def test_track_point_is_the_mean_of_its_tags(tmp_path: Path) -> None:
    rows = parse_source(_write(tmp_path, "track_0000001\tartist_000002\talbum_000003\t1/1.mp3\t100.5\t"
                                         "mood/theme---happy\tmood/theme---calm\n"))
    track = row_to_track(rows[0])
    assert track.valence == pytest.approx((0.8 + 0.35) / 2)
    assert track.arousal == pytest.approx((0.5 - 0.7) / 2)
    assert track.artist_id == "2" and track.duration_s == 100.5


def test_build_roundtrip_is_reproducible(tmp_path: Path) -> None:
    src = _write(tmp_path, "track_0000007\tartist_000001\talbum_000001\t7/7.mp3\t30.0\tmood/theme---sad\n"
                           "track_0000008\tartist_000001\talbum_000001\t8/8.mp3\t31.0\tmood/theme---dark\t"
                           "mood/theme---epic\n")
    out, count = build_catalog(src, tmp_path / "out" / "cat.tsv.gz")
    first = out.read_bytes()
    build_catalog(src, out)
    assert out.read_bytes() == first and count == 2
    rows = read_rows(out)
    assert [(r.track_id, r.tags) for r in rows] == [(7, ("sad",)), (8, ("dark", "epic"))]
    assert json.loads((tmp_path / "out" / "cat.json").read_text())["tracks"] == 2


def test_genres_come_from_the_genre_annotations_and_unknown_stays_unknown(tmp_path: Path) -> None:
    src = _write(tmp_path, "track_0000007\tartist_000001\talbum_000001\t7/7.mp3\t30.0\tmood/theme---sad\n"
                           "track_0000008\tartist_000001\talbum_000001\t8/8.mp3\t31.0\tmood/theme---dark\n"
                           "track_0000009\tartist_000002\talbum_000002\t9/9.mp3\t32.0\tmood/theme---calm\n")
    genres = _write(tmp_path, "track_0000007\tartist_000001\talbum_000001\t7/7.mp3\t30.0\tgenre---drumnbass\t"
                              "genre---poprock\r\n"
                              "track_0000009\tartist_000002\talbum_000002\t9/9.mp3\t32.0\tgenre---90s\n",
                    name="genre.tsv")
    assert parse_genres([genres]) == {7: ("rock", "electronic")}  # "90s" names no genre: track 9 unknown
    out, _ = build_catalog(src, tmp_path / "out" / "cat.tsv.gz", [genres])
    assert [(r.track_id, r.genres) for r in read_rows(out)] == [(7, ("rock", "electronic")), (8, ()), (9, ())]
    meta = json.loads((tmp_path / "out" / "cat.json").read_text())
    assert meta["genre_coverage"]["tracks"] == 1 and meta["genre_coverage"]["by_genre"]["rock"] == 1
    assert list(meta["genre_sources"]) == ["genre.tsv"]
    with pytest.raises(ValueError, match="not a genre tag"):
        parse_genres([_write(tmp_path, "track_1\tartist_1\talbum_1\tp\t1.0\tmood/theme---sad\n", "m.tsv")])


def test_a_catalog_built_before_genres_still_reads(tmp_path: Path) -> None:
    old = tmp_path / "old.tsv.gz"
    old.write_bytes(gzip.compress(b"1\t2\t3\t4.0\tsad\n"))
    assert [(r.track_id, r.tags, r.genres) for r in read_rows(old)] == [(1, ("sad",), ())]


@pytest.mark.skipif(not SOURCE.exists(), reason="MTG-Jamendo source TSV not present")
def test_shipped_catalog_matches_a_fresh_build(tmp_path: Path) -> None:
    out, _ = build_catalog(SOURCE, tmp_path / "catalog.tsv.gz", [GENRE_SOURCE])
    shipped = Path(__file__).resolve().parents[2] / "src/moodify/music/data/catalog.tsv.gz"
    assert gzip.decompress(out.read_bytes()) == gzip.decompress(shipped.read_bytes())


def test_bad_sources_are_refused_with_a_reason(tmp_path: Path) -> None:
    wrong = tmp_path / "wrong.tsv"
    wrong.write_text("a\tb\n1\t2\n")
    with pytest.raises(ValueError, match="not an MTG-Jamendo"):
        parse_source(wrong)
    with pytest.raises(ValueError, match="without a valence/arousal"):
        parse_source(_write(tmp_path, "track_1\tartist_1\talbum_1\tp\t1.0\tmood/theme---bananas\n"))
    with pytest.raises(ValueError, match="without any mood/theme tag"):
        parse_source(_write(tmp_path, "track_1\tartist_1\talbum_1\tp\t1.0\t \n"))
    with pytest.raises(ValueError, match="at least 6 fields"):
        parse_source(_write(tmp_path, "track_1\tartist_1\n"))


@pytest.mark.parametrize(("data", "problem"), [
    (b"not gzip", "catalog build"),
    (gzip.compress(b"1\t2\t3\t4.0\tsad\n1\t2\n"), "damaged at line 2"),
    (gzip.compress(b"1\t2\t3\t4.0\tbananas\n"), "unknown tag or genre at line 1"),
    (gzip.compress(b"1\t2\t3\t4.0\tsad\tpolka\n"), "unknown tag or genre at line 1"),
    (gzip.compress(b"1\t2\t3\t4.0\tsad\trock\textra\n"), "damaged at line 1"),
])
def test_corrupt_catalog_file_is_a_provider_error(tmp_path: Path, data: bytes, problem: str) -> None:
    bad = tmp_path / "bad.tsv.gz"
    bad.write_bytes(data)
    with pytest.raises(ProviderError, match=problem):
        read_rows(bad)
