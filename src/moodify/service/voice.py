"""Voice: a recording becomes words (shown and correctable), and the words are read like a typed sentence.

Two steps, because the transcript must be seen before it counts: :func:`hear` decodes and transcribes and
records nothing; :func:`read_voice` records the words (as heard, or as the person corrected them) through
:func:`~moodify.service.readings.read_text`, so a spoken sentence is stored, keyed and fused with the face
exactly like a typed one. Without an attempt key, the recording's bytes are the key: the same recording with
the same words is recorded once. Only the words are read, never the tone of voice.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from moodify.service.context import Context
from moodify.service.readings import TextReading, read_text
from moodify.store.models import User
from moodify.voice import Audio, NoSpeech, Transcriber, Transcript, decode_for, open_transcriber

SILENCE = "nothing was heard: the recording is silent. Is the microphone on and not muted?"
NOISE = "only steady noise was heard, no speech: move somewhere quieter or closer to the microphone"
NO_WORDS = "no words could be made out: speak closer to the microphone, away from noise, or type instead"


@dataclass(frozen=True)
class Heard:
    """A recording and what the engine made of it; nothing is recorded yet."""

    audio: Audio
    transcript: Transcript

    @property
    def text(self) -> str:
        return self.transcript.text


@dataclass(frozen=True)
class VoiceReading:
    heard: Heard
    words: str  # what was read: the transcript, or the person's correction of it
    said: TextReading

    @property
    def corrected(self) -> bool:
        return self.words != self.heard.text


def voice_key(data: bytes) -> str:
    """The identity of a recording, for retries that carry no attempt key."""
    return "voice:" + hashlib.sha256(data).hexdigest()


def hear(ctx: Context, data: bytes, *, transcriber: Transcriber | None = None) -> Heard:
    """Decode within the configured limits and transcribe. ``AudioError`` (and its kinds) for a recording
    that cannot be read, ``NoSpeech`` for silence or no words, ``ModelError`` when no engine can run."""
    audio = decode_for(ctx.settings, data)
    if audio.silent:
        raise NoSpeech(SILENCE)
    if audio.steady:
        raise NoSpeech(NOISE)
    transcript = (transcriber or open_transcriber(ctx.settings)).transcribe(audio)
    if not transcript.text.strip():
        raise NoSpeech(NO_WORDS)
    return Heard(audio, transcript)


def read_voice(ctx: Context, user: User, data: bytes, *, words: str | None = None, attempt: str | None = None,
               heard: Heard | None = None, transcriber: Transcriber | None = None) -> VoiceReading:
    """Hear ``data`` (unless ``heard`` of these bytes is given) and record ``words`` (default: the
    transcript) as a sentence, once per ``attempt``."""
    heard = heard if heard is not None else hear(ctx, data, transcriber=transcriber)
    text = heard.text if words is None or not words.strip() else words
    said = read_text(ctx, user, text, attempt=attempt or voice_key(data))
    return VoiceReading(heard, text, said)
