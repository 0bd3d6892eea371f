"""Voice -> words: bounded audio decoding and speech-to-text engines behind :class:`Transcriber`.

What was said becomes text for the text model (``moodify.text``); how it was said (tone of voice) is not
read. Public surface: :func:`decode`, :func:`open_transcriber`, :func:`transcribe`, the errors.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from moodify.voice.audio import (
    FORMATS,
    SAMPLE_RATE,
    Audio,
    AudioError,
    AudioTooLarge,
    NoSpeech,
    UnsupportedAudio,
    decode,
)
from moodify.voice.transcribers import TRANSCRIBERS, Transcriber, Transcript

if TYPE_CHECKING:
    from moodify.settings import Settings

_OPEN: dict[tuple[str, Path | None], Transcriber] = {}
_OPEN_LOCK = threading.Lock()


def engine_name(settings: Settings) -> str:
    """``auto``: Whisper when a model folder is configured, PocketSphinx otherwise."""
    if settings.asr_engine != "auto":
        return settings.asr_engine
    return "whisper" if settings.asr_model_dir is not None else "pocketsphinx"


def open_transcriber(settings: Settings) -> Transcriber:
    """The configured engine, loaded once per process. ``ModelError`` when it cannot run."""
    key = (engine_name(settings), settings.asr_model_dir)
    with _OPEN_LOCK:
        if key not in _OPEN:
            _OPEN[key] = TRANSCRIBERS.get(key[0])(settings)
        return _OPEN[key]


def decode_for(settings: Settings, data: bytes) -> Audio:
    """:func:`decode` within ``settings``' limits."""
    return decode(data, max_bytes=settings.voice_max_bytes, max_seconds=settings.voice_max_seconds,
                  timeout_s=settings.voice_decode_timeout_s)


__all__ = [
    "FORMATS", "SAMPLE_RATE", "TRANSCRIBERS", "Audio", "AudioError", "AudioTooLarge", "NoSpeech", "Transcriber",
    "Transcript", "UnsupportedAudio", "decode", "decode_for", "engine_name", "open_transcriber",
]
