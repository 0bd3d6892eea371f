"""Speech-to-text engines: PocketSphinx (offline default) and faster-whisper (a local model you supply)."""

from moodify.voice.transcribers import pocketsphinx as _pocketsphinx  # noqa: F401  (registers itself)
from moodify.voice.transcribers import whisper as _whisper  # noqa: F401
from moodify.voice.transcribers.base import TRANSCRIBERS, Transcriber, Transcript

__all__ = ["TRANSCRIBERS", "Transcriber", "Transcript"]
