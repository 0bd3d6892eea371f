"""One genre vocabulary across providers, and the catalogue's genres built from the three label sets."""

from __future__ import annotations

from pathlib import Path

import pytest

from moodify.music.catalog_genres import GenreSources, combine
from moodify.music.genres import GENRES, canonical_genre, genres_of, split_words


@pytest.mark.parametrize(("word", "genre"), [
    # Deezer's genre names
    ("Rap/Hip Hop", "hip hop"), ("Electro", "electronic"), ("Films/Games", "soundtrack"), ("R&B", "r&b"),
    ("Soul & Funk", "r&b"), ("Latin Music", "latin"), ("Alternative", "rock"), ("Dancehall/Ragga", "reggae"),
    # MTG-Jamendo genre tags
    ("genre---hiphop", "hip hop"), ("genre---newage", "ambient"), ("genre---heavymetal", "metal"),
    ("genre---easylistening", "pop"), ("genre---drumnbass", "electronic"), ("genre---singersongwriter", "folk"),
    ("genre---poprock", "rock"), ("genre---punkrock", "punk"), ("genre---darkambient", "ambient"),
    ("genre---symphonic", "classical"), ("genre---bossanova", "latin"), ("genre---90s", None),
    ("genre---progressive", None), ("genre---atmospheric", "ambient"), ("atmospheric", None), ("club", None),
    # Audius genres
    ("Hip-Hop/Rap", "hip hop"), ("Drum & Bass", "electronic"), ("Metal", "metal"), ("Lo-Fi", None),
    # ID3 (free text and ID3v1 numbers)
    ("Heavy Metal", "metal"), ("(9)", "metal"), ("(17)Rock", "rock"), ("(15)", "hip hop"),
    # Last.fm tags
    ("thrash_metal", "metal"), ("death metal", "metal"), ("black metal", "metal"), ("hip hop", "hip hop"),
    ("rap", "hip hop"), ("trip_hop", "electronic"), ("singer-songwriter", "folk"), ("post_punk", "punk"),
    ("grindcore", "metal"), ("seen live", None), ("female vocalists", None), ("sad", None), ("heavy", None),
    # MTG-Jamendo mood/theme tags name no genre
    ("ambiental", None), ("film", None), ("dark", None),
])
def test_every_source_lands_on_the_one_vocabulary(word: str, genre: str | None) -> None:
    assert canonical_genre(word) == genre
    assert genre is None or genre in GENRES


def test_hip_hop_and_rap_are_one_genre_and_metal_covers_its_kinds() -> None:
    assert genres_of(["rap", "Hip Hop", "hip-hop"]) == ("hip hop",)
    assert genres_of(["heavy metal", "death metal", "black metal", "Metal"]) == ("metal",)
    assert split_words(["Heavy Metal", "sad", " ", "RAP"]) == (frozenset({"metal", "hip hop"}), frozenset({"sad"}))


def _write(path: Path, text: str, encoding: str = "utf-8") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))


@pytest.fixture
def data_root(tmp_path: Path) -> Path:
    """The three label sets in their real layouts and formats, a few rows each."""
    het = tmp_path / "hetrec-lastfm-2k"
    _write(het / "artists.dat", "id\tname\turl\tpictureURL\n1\tSlayer\tu\tp\n2\tEnya\tu\tp\n3\tNobody\tu\tp\n")
    _write(het / "tags.dat", "tagID\ttagValue\r\n1\tthrash metal\r\n2\tnew age\r\n3\tseen live\r\n4\tcaf\xe9\r\n",
           "latin-1")
    rows = ["2\t1\t1\t1\t4\t2009", "3\t1\t1\t1\t4\t2009", "4\t1\t3\t1\t4\t2009", "2\t2\t2\t1\t4\t2009",
            "5\t3\t3\t1\t4\t2009"]
    header = "userID\tartistID\ttagID\tday\tmonth\tyear\r\n"
    _write(het / "user_taggedartists.dat", header + "\r\n".join(rows[:3]) + "\r\n\r\n")
    _write(het / "user_taggedartists_2.dat", header + "\r\n".join(rows[2:]) + "\r\n")  # overlaps by one row
    kag = tmp_path / "lastfm-artist-tags-msd-kaggle"
    _write(kag / "tags_part", "Slayer\tthrash_metal\t5\t100\t1\nSlayer\tseen_live\t9\t1\t2\n")
    _write(kag / "genres_part", "Slayer\tMetal\t5\t100\t1\nSlayer\tElectronic\t1\t1\t2\nEnya\t\t3\t1\t1\n")
    lpd = tmp_path / "lpd-msd-labels" / "labels"
    _write(lpd / "tagtraum" / "id_list_Pop.txt", "TRAAAAA128F0000001\n")
    _write(lpd / "amg" / "id_list_Pop_Rock.txt", "TRAAAAA128F0000001\n")
    _write(lpd / "amg" / "masd_labels.txt", "# msd_id, label_num\nTRAAAAA128F0000002    13\n")
    _write(lpd / "lastfm" / "id_list_soul.txt", "TRAAAAA128F0000001\n")
    return tmp_path


def test_artist_tags_give_artist_genres_and_stray_votes_drop_out(data_root: Path) -> None:
    sources = GenreSources.read(data_root)
    slayer = sources.vote("TRNONE", "SLAYER ")
    assert slayer.genres == ("metal",)  # "Electronic" x1 in the genre table is outvoted
    assert slayer.sources == ("hetrec", "kaggle-tags", "kaggle-genres")
    assert sources.vote("TRNONE", "Enya").genres == ("ambient",)
    assert sources.vote("TRNONE", "Nobody") == combine({})  # only "seen live": no genre at all


def test_a_label_on_the_song_itself_outweighs_its_artist(data_root: Path) -> None:
    sources = GenreSources.read(data_root)
    song = sources.vote("TRAAAAA128F0000001", "Enya")
    assert song.genres[0] == "pop" and len(song.genres) <= 3 and "tagtraum" in song.sources
    assert sources.vote("TRAAAAA128F0000002", "Nobody").genres == ("metal",)  # MASD 13 = Metal_Heavy
