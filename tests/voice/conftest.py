"""Fixtures for voice: the committed recordings (make_fixtures.py), and recordings built on the spot."""

from __future__ import annotations

import io
import wave
from pathlib import Path

import numpy as np
import pytest

from moodify.voice import Audio, Transcript
from tests.api.conftest import api_settings, app, auth, client, face_jpeg, sign_up  # noqa: F401  (API on memory)
from tests.service.conftest import ann, ctx  # noqa: F401  (the service layer on a real SQLite store)

DATA = Path(__file__).parent / "data"
SAID = "I am so happy today, this is wonderful news"  # what the committed recordings say (synthetic, espeak-ng)


def wav(samples: np.ndarray, rate: int = 16_000) -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(samples.astype("<i2").tobytes())
    return out.getvalue()


@pytest.fixture(scope="session")
def speech() -> bytes:
    return (DATA / "happy.wav").read_bytes()


@pytest.fixture(scope="session")
def silence() -> bytes:
    return wav(np.zeros(32_000, np.int16))


@pytest.fixture(scope="session")
def hiss() -> bytes:
    """Two seconds of loud white noise: no speech at all."""
    return wav(np.random.default_rng(0).normal(0, 4000, 32_000).clip(-32768, 32767).astype(np.int16))


class Says:
    """A transcriber that hears what it is told: for testing what the service does with words (the engines
    themselves are tested on real recordings in test_transcribers.py)."""

    name = "says"

    def __init__(self, text: str) -> None:
        self.text, self.calls = text, 0

    def transcribe(self, audio: Audio) -> Transcript:
        self.calls += 1
        return Transcript(self.text, self.name, audio.seconds, 0.0)
