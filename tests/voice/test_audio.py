"""Decoding is bounded: five containers read, everything else refused with a clear message."""

from __future__ import annotations

import io
import struct
import zipfile

import numpy as np
import pytest

from moodify.voice import AudioError, AudioTooLarge, UnsupportedAudio, decode
from moodify.voice.audio import Audio, sniff
from tests.voice.conftest import DATA, wav

LIMITS = {"max_bytes": 10 * 1024 * 1024, "max_seconds": 30.0, "timeout_s": 5.0}


def read(data: bytes, **limits: float) -> Audio:
    return decode(data, **{**LIMITS, **limits})  # type: ignore[arg-type]


@pytest.mark.parametrize(("name", "container"), [("happy.wav", "wav"), ("happy.flac", "flac"),
                                                  ("happy.ogg", "ogg"), ("happy.webm", "matroska"),
                                                  ("happy.mp3", "mp3")])
def test_each_container_decodes_to_the_same_speech(name: str, container: str) -> None:
    audio = read((DATA / name).read_bytes())
    assert audio.container == container
    assert audio.samples.dtype == np.int16
    assert abs(audio.seconds - 3.43) < 0.1  # codecs pad a few ms
    assert -25 < audio.level_dbfs < -18
    assert not audio.silent and not audio.steady


def test_a_zip_bomb_renamed_ogg_is_refused_before_decoding() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("voice.ogg", b"\0" * 50_000_000)  # 50 MB of zeros pack to ~50 KB
    assert len(out.getvalue()) < 100_000
    with pytest.raises(UnsupportedAudio, match="WAV, FLAC, OGG/Opus, WebM/Opus, MP3"):
        read(out.getvalue())


def test_two_hours_of_audio_in_20_kb_is_refused_as_too_long() -> None:
    data = (DATA / "two_hours.flac").read_bytes()
    assert len(data) < 50_000
    with pytest.raises(AudioTooLarge, match="longer than 30 seconds"):
        read(data)


def test_30_seconds_is_read_and_31_is_refused() -> None:
    tone = (3000 * np.sin(np.arange(31 * 16_000) / 10)).astype(np.int16)
    assert read(wav(tone[: 30 * 16_000])).seconds == 30.0
    with pytest.raises(AudioTooLarge):
        read(wav(tone))


def _lying_wav(samples: np.ndarray, claimed_bytes: int) -> bytes:
    """A WAV whose header claims ``claimed_bytes`` of samples, whatever follows."""
    data = wav(samples)
    return data[:4] + struct.pack("<I", claimed_bytes + 36) + data[8:40] + struct.pack("<I", claimed_bytes) + \
        data[44:]


def test_a_header_claiming_1_mb_more_than_it_holds_reads_what_is_there() -> None:
    one_second = (3000 * np.sin(np.arange(16_000) / 10)).astype(np.int16)
    audio = read(_lying_wav(one_second, 1024 * 1024))
    assert audio.seconds == pytest.approx(1.0, abs=0.01)


def test_a_header_claiming_less_than_it_holds_never_reads_past_the_limit() -> None:
    forty_seconds = (3000 * np.sin(np.arange(40 * 16_000) / 10)).astype(np.int16)
    try:
        audio = read(_lying_wav(forty_seconds, 1000))
    except AudioTooLarge:
        return
    assert audio.seconds <= 30.5


def test_a_made_up_sample_rate_is_refused_not_resampled() -> None:
    data = bytearray(wav(np.zeros(4096, np.int16)))
    data[24:28] = struct.pack("<I", 1)  # 1 Hz: each sample would become 16,000
    data[28:32] = struct.pack("<I", 2)
    with pytest.raises(UnsupportedAudio, match="1 Hz"):
        read(bytes(data))


@pytest.mark.parametrize("data", [b"OggS" + b"\x00" * 200, b"fLaC" + bytes(range(256)) * 4,
                                  (DATA / "happy.ogg").read_bytes()[:60]])
def test_broken_or_cut_recordings_are_422_kinds_of_error(data: bytes) -> None:
    with pytest.raises(AudioError) as caught:
        read(data)
    assert not isinstance(caught.value, UnsupportedAudio | AudioTooLarge)
    assert "/" not in str(caught.value)  # no path or FFmpeg internals in the message


def test_bytes_limit_empty_and_time_limit() -> None:
    data = (DATA / "happy.wav").read_bytes()
    with pytest.raises(AudioTooLarge, match="MB"):
        read(data, max_bytes=len(data) - 1)
    with pytest.raises(AudioError, match="empty"):
        read(b"")
    with pytest.raises(AudioTooLarge, match="took too long"):
        read(data, timeout_s=0.0)


@pytest.mark.parametrize(("head", "fmt"), [(b"RIFF\0\0\0\0WAVE", "wav"), (b"fLaC", "flac"), (b"OggS", "ogg"),
                                           (b"\x1a\x45\xdf\xa3", "matroska"), (b"ID3\x04", "mp3"),
                                           (b"\xff\xfb\x90", "mp3"), (b"PK\x03\x04", None), (b"\x89PNG", None),
                                           (b"", None)])
def test_containers_are_known_by_their_first_bytes(head: bytes, fmt: str | None) -> None:
    assert sniff(head) == fmt


def test_silence_and_steady_noise_are_told_apart_from_speech(silence: bytes, hiss: bytes) -> None:
    assert read(silence).silent
    noise, speech = read(hiss), read((DATA / "happy.wav").read_bytes())
    assert noise.steady and not noise.silent
    assert not speech.steady and not speech.silent
