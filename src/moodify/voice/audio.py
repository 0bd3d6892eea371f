"""Audio bytes -> 16 kHz mono samples, bounded in bytes, seconds of audio and seconds of work.

Only five containers are opened (WAV, FLAC, Ogg, WebM/Matroska, MP3), recognised by their first bytes, never
by a file name: a zip renamed ``.ogg`` is refused before any decoder sees it. Nothing a header says is
believed: the samples actually decoded are counted, and decoding stops as soon as they pass the limit, so a
two-hour file or a header that lies about its length costs at most ``max_seconds`` of audio and
``timeout_s`` of work. PyAV (FFmpeg) decodes; it is imported on first use.
"""

from __future__ import annotations

import io
import time
from dataclasses import dataclass

import numpy as np

from moodify.errors import ModelError, MoodifyError

SAMPLE_RATE = 16_000  # what both speech engines read
# Containers by their first bytes -> the FFmpeg demuxer to force (nothing is left to FFmpeg's guessing).
FORMATS = ("WAV", "FLAC", "OGG/Opus", "WebM/Opus", "MP3")
_CODECS = frozenset({"opus", "vorbis", "flac", "mp3", "mp3float", "pcm_s16le", "pcm_s24le", "pcm_s32le",
                     "pcm_f32le", "pcm_f64le", "pcm_u8", "pcm_mulaw", "pcm_alaw"})
SILENCE_DBFS = -50.0  # quieter than this throughout (RMS): nobody spoke, or the microphone is muted
STEADY_DB = 6.0  # loud and quiet frames closer than this: noise, not speech (see Audio.steady)
_TOO_LONG_SLACK_S = 0.5  # decoders hand out whole frames; a 30.2-s clip of a 30-s limit is not refused


class AudioError(MoodifyError):
    """The bytes are not audio we read: unreadable, empty, or broken. (422)"""


class UnsupportedAudio(AudioError):
    """Not one of the accepted containers or codecs. (415)"""


class AudioTooLarge(AudioError):
    """More bytes or more seconds than allowed. (413)"""


class NoSpeech(AudioError):
    """Audio was read, but nothing was said in it: silence, or no words made out. (422)"""


@dataclass(frozen=True)
class Audio:
    """Decoded speech: int16 samples at :data:`SAMPLE_RATE`, mono."""

    samples: np.ndarray
    container: str

    @property
    def seconds(self) -> float:
        return len(self.samples) / SAMPLE_RATE

    @property
    def level_dbfs(self) -> float:
        """Loudness as RMS in dB below full scale (-inf for digital silence)."""
        if not len(self.samples):
            return float("-inf")
        rms = float(np.sqrt(np.mean(np.square(self.samples.astype(np.float64)))))
        return 20.0 * np.log10(rms / 32768.0) if rms > 0 else float("-inf")

    @property
    def silent(self) -> bool:
        return self.level_dbfs < SILENCE_DBFS

    @property
    def steady(self) -> bool:
        """True for a hum or hiss with no speech in it: speech rises and falls between syllables and words
        (loud and quiet 30-ms frames tens of dB apart); steady noise stays within a few dB."""
        frame = SAMPLE_RATE * 30 // 1000
        n = len(self.samples) // frame
        if n < 10:
            return False
        frames = self.samples[: n * frame].astype(np.float64).reshape(n, frame)
        level = 10.0 * np.log10(np.mean(np.square(frames), axis=1) + 1.0)
        low, high = np.percentile(level, [10, 90])
        return bool(high - low < STEADY_DB)


def sniff(data: bytes) -> str | None:
    """The FFmpeg demuxer for these bytes, or None when they are none of :data:`FORMATS`."""
    if data[:4] == b"RIFF" and data[8:12] == b"WAVE":
        return "wav"
    if data[:4] == b"fLaC":
        return "flac"
    if data[:4] == b"OggS":
        return "ogg"
    if data[:4] == b"\x1a\x45\xdf\xa3":  # EBML: WebM and Matroska
        return "matroska"
    if data[:3] == b"ID3" or (len(data) > 1 and data[0] == 0xFF and data[1] & 0xE0 == 0xE0):  # MPEG frame sync
        return "mp3"
    return None


def decode(data: bytes, *, max_bytes: int, max_seconds: float, timeout_s: float) -> Audio:
    """Decode ``data`` to :class:`Audio`. Raises :class:`UnsupportedAudio`, :class:`AudioTooLarge` or
    :class:`AudioError`, each with a message to show."""
    if not data:
        raise AudioError("the recording is empty")
    if len(data) > max_bytes:
        raise AudioTooLarge(f"the recording is {len(data) / 1e6:.1f} MB; the most is {max_bytes / 1e6:.0f} MB")
    fmt = sniff(data)
    if fmt is None:
        raise UnsupportedAudio(f"not a recording we can read: send {', '.join(FORMATS)}")
    try:
        import av  # lazy: FFmpeg is loaded only when audio arrives
    except ImportError as exc:
        raise ModelError("audio decoding is not installed: pip install 'moodify[voice]'") from exc

    av.logging.set_level(av.logging.PANIC)  # FFmpeg's own chatter would otherwise reach stderr
    try:
        with av.open(io.BytesIO(data), format=fmt, options={"probesize": "1000000"}) as container:
            return Audio(_samples(container, max_seconds, time.monotonic() + timeout_s), fmt)
    except (av.FFmpegError, ValueError, IndexError, EOFError) as exc:
        raise AudioError("the recording is broken or cut short: it could not be decoded") from exc


def _samples(container: object, max_seconds: float, deadline: float) -> np.ndarray:
    import av

    assert isinstance(container, av.container.InputContainer)
    if not container.streams.audio:
        raise AudioError("the file has no sound in it")
    stream = container.streams.audio[0]
    if stream.codec_context.name not in _CODECS:
        raise UnsupportedAudio(f"sound coded as {stream.codec_context.name} is not read: send {', '.join(FORMATS)}")
    # A made-up rate (1 Hz would become 16,000 samples per sample) or channel count is refused, not resampled.
    if not 8_000 <= (stream.rate or 0) <= 192_000 or not 1 <= stream.channels <= 8:
        raise UnsupportedAudio(f"{stream.rate} Hz, {stream.channels} channels is not a recording we read")
    resampler = av.AudioResampler(format="s16", layout="mono", rate=SAMPLE_RATE)
    limit = round((max_seconds + _TOO_LONG_SLACK_S) * SAMPLE_RATE)
    chunks: list[np.ndarray] = []
    count = 0
    for frame in container.decode(stream):
        for out in resampler.resample(frame):
            chunk = out.to_ndarray().reshape(-1)
            chunks.append(chunk)
            count += len(chunk)
        if count > limit:
            raise AudioTooLarge(f"the recording is longer than {max_seconds:g} seconds: say it in fewer words")
        if time.monotonic() > deadline:
            raise AudioTooLarge("the recording took too long to read: send a shorter or simpler file")
    for out in resampler.resample(None):
        chunks.append(out.to_ndarray().reshape(-1))
    if not chunks:
        raise AudioError("the recording has no sound in it")
    samples = np.concatenate(chunks).astype(np.int16, copy=False)
    if len(samples) > limit:
        raise AudioTooLarge(f"the recording is longer than {max_seconds:g} seconds: say it in fewer words")
    return samples
