"""Make the small recordings under tests/voice/data once (they are committed; tests never need espeak-ng).

Speech is synthetic: espeak-ng (Debian package ``espeak-ng``) reading fixed sentences, resampled to 16 kHz
mono. The other containers are the same speech re-encoded with PyAV's FFmpeg (FLAC, Ogg/Opus, WebM/Opus, MP3).
Run: ``PYTHONPATH=src .venv/bin/python tests/voice/make_fixtures.py`` (needs ``apt-get install espeak-ng``).
"""

from __future__ import annotations

import io
import subprocess
import tempfile
import wave
from pathlib import Path
from typing import Any

import av
import numpy as np

DATA = Path(__file__).parent / "data"
RATE = 16_000
SENTENCE = "I am so happy today, this is wonderful news"  # what the browser test and the engine tests say


def speak(sentence: str) -> np.ndarray:
    """espeak-ng's voice for ``sentence`` as int16 at 16 kHz mono."""
    with tempfile.NamedTemporaryFile(suffix=".wav") as tmp:
        subprocess.run(["espeak-ng", "-v", "en-us", "-s", "150", "-w", tmp.name, sentence], check=True)
        with av.open(tmp.name) as container:
            resampler = av.AudioResampler(format="s16", layout="mono", rate=RATE)
            chunks = [out.to_ndarray().reshape(-1) for frame in container.decode(audio=0)
                      for out in resampler.resample(frame)]
    return np.concatenate(chunks).astype(np.int16)


def write_wav(path: Path, samples: np.ndarray, rate: int = RATE) -> None:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(samples.astype("<i2").tobytes())


def encode(samples: np.ndarray, fmt: str, codec: str, rate: int, **options: str) -> bytes:
    """``samples`` (16 kHz int16) re-encoded as ``codec`` in an ``fmt`` container at ``rate``."""
    buffer = io.BytesIO()
    with av.open(buffer, "w", format=fmt) as container:
        stream: Any = container.add_stream(codec, rate=rate, layout="mono")
        stream.options = dict(options)
        frame = av.AudioFrame.from_ndarray(samples.reshape(1, -1), format="s16", layout="mono")
        frame.sample_rate = RATE
        resampler = av.AudioResampler(format=stream.codec_context.format, layout="mono", rate=rate)
        for out in [*resampler.resample(frame), *resampler.resample(None)]:
            for packet in stream.encode(out):
                container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    return buffer.getvalue()


def main() -> None:
    DATA.mkdir(exist_ok=True)
    speech = speak(SENTENCE)
    write_wav(DATA / "happy.wav", speech)
    # Chromium's fake microphone loops its file: a second of quiet after the words keeps them apart.
    write_wav(DATA / "happy_mic.wav", np.concatenate([np.zeros(RATE // 2, np.int16), speech,
                                                      np.zeros(RATE, np.int16)]))
    (DATA / "happy.flac").write_bytes(encode(speech, "flac", "flac", RATE))
    (DATA / "happy.ogg").write_bytes(encode(speech, "ogg", "libopus", 48_000))
    (DATA / "happy.webm").write_bytes(encode(speech, "webm", "libopus", 48_000))
    (DATA / "happy.mp3").write_bytes(encode(speech, "mp3", "libmp3lame", RATE))
    # Two hours of digital silence: FLAC in its longest frames packs it into ~20 KB, far under the byte limit.
    (DATA / "two_hours.flac").write_bytes(encode(np.zeros(2 * 3600 * RATE, np.int16), "flac", "flac", 8_000,
                                                 frame_size="65535"))
    for path in sorted(DATA.iterdir()):
        print(f"{path.name}: {path.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
