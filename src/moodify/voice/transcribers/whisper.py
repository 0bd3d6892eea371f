"""faster-whisper (CTranslate2): much better words than PocketSphinx, when the person has a Whisper model on
disk and points ``MOODIFY_ASR_MODEL_DIR`` at it. Never downloads: a missing or incomplete folder is an error
that says what to do (docs/voice.md tells how to get a model)."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from moodify.errors import ModelError
from moodify.voice.transcribers.base import TRANSCRIBERS, Transcript

if TYPE_CHECKING:
    from moodify.settings import Settings
    from moodify.voice.audio import Audio

# What a CTranslate2 Whisper model folder must hold. Without tokenizer.json, faster-whisper would fetch one
# from the Hugging Face hub: the folder is refused instead, so nothing is ever downloaded.
MODEL_FILES = ("model.bin", "config.json", "tokenizer.json")
HOW = "see docs/voice.md for how to get one"


def check_model_dir(model_dir: Path | None) -> Path:
    """``model_dir`` if it holds a CTranslate2 Whisper model; otherwise a ``ModelError`` saying what is wrong
    (without echoing the path: it may reach a person through the API)."""
    if model_dir is None:
        raise ModelError(f"the whisper engine needs MOODIFY_ASR_MODEL_DIR set to a Whisper model folder; {HOW}")
    if not model_dir.is_dir():
        raise ModelError(f"MOODIFY_ASR_MODEL_DIR is not a folder; {HOW}")
    missing = [name for name in MODEL_FILES if not (model_dir / name).is_file()]
    if missing:
        raise ModelError(f"MOODIFY_ASR_MODEL_DIR holds no CTranslate2 Whisper model (no {', '.join(missing)}); "
                         f"{HOW}")
    return model_dir


class WhisperTranscriber:
    name = "whisper"

    def __init__(self, model_dir: Path | None, *, threads: int = 2) -> None:
        folder = check_model_dir(model_dir)
        try:
            from faster_whisper import WhisperModel
        except ImportError as exc:
            raise ModelError("the whisper engine is not installed: pip install 'moodify[whisper]'") from exc
        try:
            self._model: Any = WhisperModel(str(folder), device="cpu", compute_type="int8", cpu_threads=threads,
                                            local_files_only=True)
        except (RuntimeError, ValueError, OSError) as exc:
            raise ModelError(f"the Whisper model in MOODIFY_ASR_MODEL_DIR could not be loaded; {HOW}") from exc
        self._lock = threading.Lock()

    def transcribe(self, audio: Audio) -> Transcript:
        started = time.perf_counter()
        samples = audio.samples.astype("float32") / 32768.0
        with self._lock:
            segments, _ = self._model.transcribe(samples, language="en", beam_size=5, vad_filter=False)
            text = " ".join(segment.text.strip() for segment in segments).strip()
        return Transcript(text, self.name, audio.seconds, time.perf_counter() - started)


@TRANSCRIBERS.register("whisper")
def _build(settings: Settings) -> WhisperTranscriber:
    return WhisperTranscriber(settings.asr_model_dir, threads=max(1, settings.ort_threads))
