"""PocketSphinx: the offline default. Its wheel ships the US-English acoustic model, language model and
dictionary, so nothing is downloaded. Weak on accents, noise and synthetic voices (docs/voice.md)."""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING, Any

from moodify.errors import ModelError
from moodify.voice.audio import SAMPLE_RATE
from moodify.voice.transcribers.base import TRANSCRIBERS, Transcript

if TYPE_CHECKING:
    from moodify.settings import Settings
    from moodify.voice.audio import Audio


class PocketSphinxTranscriber:
    name = "pocketsphinx"

    def __init__(self) -> None:
        try:
            from pocketsphinx import Decoder
        except ImportError as exc:
            raise ModelError("speech recognition is not installed: pip install 'moodify[voice]'") from exc
        self._decoder: Any = Decoder(samprate=SAMPLE_RATE, loglevel="FATAL")  # the packaged en-us model
        self._lock = threading.Lock()  # one decoder holds one utterance at a time

    def transcribe(self, audio: Audio) -> Transcript:
        started = time.perf_counter()
        with self._lock:
            self._decoder.start_utt()
            self._decoder.process_raw(audio.samples.tobytes(), full_utt=True)
            self._decoder.end_utt()
            hyp = self._decoder.hyp()
        text = hyp.hypstr.strip() if hyp is not None else ""
        return Transcript(text, self.name, audio.seconds, time.perf_counter() - started)


@TRANSCRIBERS.register("pocketsphinx")
def _build(settings: Settings) -> PocketSphinxTranscriber:
    return PocketSphinxTranscriber()
