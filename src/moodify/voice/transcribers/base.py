"""The speech-to-text interface and its registry. One file per engine; pick one by name in Settings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from moodify.registry import Registry

if TYPE_CHECKING:
    from moodify.settings import Settings
    from moodify.voice.audio import Audio


@dataclass(frozen=True)
class Transcript:
    """What an engine heard: the words (may be empty), which engine, and how long it took."""

    text: str
    engine: str
    seconds: float  # of audio
    elapsed_s: float  # of work


@runtime_checkable
class Transcriber(Protocol):
    """Turns 16 kHz mono speech into English words. Raises ``ModelError`` when the engine cannot run."""

    name: str

    def transcribe(self, audio: Audio) -> Transcript: ...


TranscriberFactory = Callable[["Settings"], Transcriber]
TRANSCRIBERS: Registry[TranscriberFactory] = Registry("transcriber")
