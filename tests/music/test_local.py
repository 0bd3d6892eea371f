"""LocalProvider on a temporary music folder with real (tiny) tagged audio files."""

from __future__ import annotations

import wave
from pathlib import Path

import pytest
from mutagen.id3 import TBPM, TCON, TIT2, TPE1
from mutagen.wave import WAVE

from moodify.errors import ProviderError
from moodify.music.http import HttpClient
from moodify.music.providers.base import CandidateQuery
from moodify.music.providers.local import LocalProvider, bpm_arousal, estimate_mood
from moodify.types import MoodPoint

from .fakes import make_settings

Q = CandidateQuery(targets=(MoodPoint(0, 0),), emotion="neutral")


def write_wav(path: Path, *, title: str | None = None, artist: str | None = None, genre: str | None = None,
              bpm: str | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(8000)
        w.writeframes(b"\0\0" * 8000)
    audio = WAVE(path)
    audio.add_tags()
    for frame, value in ((TIT2, title), (TPE1, artist), (TCON, genre), (TBPM, bpm)):
        if value is not None:
            audio.tags.add(frame(encoding=3, text=value))
    audio.save()
    return path


def provider(tmp_path: Path, music_dir: Path | None) -> LocalProvider:
    settings = make_settings(tmp_path, music_dir=music_dir)
    return LocalProvider(settings, HttpClient(settings))


def test_reads_tags_and_estimates_mood(tmp_path: Path) -> None:
    music = tmp_path / "music"
    write_wav(music / "a" / "quiet.wav", title="Quiet Morning", artist="Me", genre="Ambient", bpm="70")
    write_wav(music / "loud.wav", title="Loud", artist="You", genre="Metal", bpm="170")
    write_wav(music / "untagged.wav")  # nothing to estimate from: skipped, not guessed
    (music / "notes.txt").write_text("not audio")
    (music / "broken.mp3").write_bytes(b"\x00" * 100)
    tracks = {t.title: t for t in provider(tmp_path, music).candidates(Q)}
    assert set(tracks) == {"Quiet Morning", "Loud"}
    quiet, loud = tracks["Quiet Morning"], tracks["Loud"]
    assert quiet.artist == "Me" and quiet.tags == ("ambient",) and quiet.provider == "local"
    assert quiet.arousal < -0.4 < 0.6 < loud.arousal
    assert loud.valence < 0 < quiet.valence
    assert quiet.stream_url == (music / "a" / "quiet.wav").resolve().as_uri()
    assert quiet.duration_s == pytest.approx(1.0)
    assert quiet.genres == ("ambient",) and loud.genres == ("metal",)  # ID3 genres in the one vocabulary


def test_id3_genre_words_and_numbers_map_onto_the_vocabulary(tmp_path: Path) -> None:
    music = tmp_path / "music"
    write_wav(music / "a.wav", title="A", artist="X", genre="Death Metal; Hip-Hop", bpm="120")
    write_wav(music / "b.wav", title="B", artist="Y", genre="(17)", bpm="120")
    tracks = {t.title: t for t in provider(tmp_path, music).candidates(Q)}
    assert tracks["A"].genres == ("hip hop", "metal") and tracks["B"].genres == ("rock",)


def test_bpm_alone_places_a_track(tmp_path: Path) -> None:
    music = tmp_path / "m"
    write_wav(music / "x.wav", title="Tempo only", bpm="130")
    (t,) = provider(tmp_path, music).candidates(Q)
    assert t.valence == 0.0 and t.arousal == pytest.approx(0.5)
    assert t.artist == "Unknown artist"


def test_rescans_when_the_folder_changes(tmp_path: Path) -> None:
    music = tmp_path / "m"
    write_wav(music / "one.wav", title="One", genre="Pop")
    p = provider(tmp_path, music)
    assert len(p.candidates(Q)) == 1
    write_wav(music / "two.wav", title="Two", genre="Jazz")
    assert {t.title for t in p.candidates(Q)} == {"One", "Two"}


def test_missing_folder_settings_are_provider_errors(tmp_path: Path) -> None:
    with pytest.raises(ProviderError, match="MOODIFY_MUSIC_DIR"):
        provider(tmp_path, None).candidates(Q)
    with pytest.raises(ProviderError, match="does not exist"):
        provider(tmp_path, tmp_path / "nope").candidates(Q)


def test_estimates() -> None:
    assert bpm_arousal(70) == pytest.approx(-0.5) and bpm_arousal(300) == 0.9
    assert estimate_mood([], None) is None
    p = estimate_mood(["ambient"], 130)
    # "ambient" reads as the MTG "ambiental" tag (-0.6 arousal), averaged with 130 BPM (+0.5).
    assert p is not None and p.arousal == pytest.approx((-0.6 + 0.5) / 2)
