"""The engines: PocketSphinx on a real (synthetic) recording; Whisper's clear errors without a model."""

from __future__ import annotations

from pathlib import Path

import pytest

from moodify.errors import ModelError
from moodify.settings import Settings
from moodify.voice import TRANSCRIBERS, Transcriber, decode_for, engine_name, open_transcriber
from moodify.voice.transcribers.whisper import WhisperTranscriber
from tests.voice.conftest import DATA


def test_both_engines_are_registered_and_auto_picks_by_model_dir(tmp_path: Path) -> None:
    assert {"pocketsphinx", "whisper"} <= set(TRANSCRIBERS.names())
    assert engine_name(Settings()) == "pocketsphinx"
    assert engine_name(Settings(asr_model_dir=tmp_path)) == "whisper"
    assert engine_name(Settings(asr_engine="pocketsphinx", asr_model_dir=tmp_path)) == "pocketsphinx"


def test_pocketsphinx_hears_words_of_a_recording_offline() -> None:
    settings = Settings()
    engine = open_transcriber(settings)
    assert isinstance(engine, Transcriber) and engine.name == "pocketsphinx"
    assert open_transcriber(settings) is engine  # loaded once per process
    transcript = engine.transcribe(decode_for(settings, (DATA / "happy.wav").read_bytes()))
    # espeak-ng's voice is hard for PocketSphinx (docs/voice.md): some of the words come through.
    assert "wonderful" in transcript.text.split()
    assert transcript.engine == "pocketsphinx" and transcript.seconds == pytest.approx(3.43, abs=0.05)
    assert transcript.elapsed_s > 0


def test_whisper_without_a_model_dir_says_how_to_get_one() -> None:
    with pytest.raises(ModelError, match=r"MOODIFY_ASR_MODEL_DIR.*docs/voice\.md"):
        open_transcriber(Settings(asr_engine="whisper"))


def test_whisper_with_a_missing_dir_does_not_echo_the_path(tmp_path: Path) -> None:
    missing = tmp_path / "secret-name"
    with pytest.raises(ModelError, match="not a folder") as caught:
        WhisperTranscriber(missing)
    assert "secret-name" not in str(caught.value)


def test_whisper_with_a_folder_that_is_no_model_names_what_is_missing(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text("{}")
    with pytest.raises(ModelError, match=r"no model\.bin, tokenizer\.json"):
        WhisperTranscriber(tmp_path)


def test_whisper_with_a_broken_model_fails_clearly_and_downloads_nothing(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text("{}")
    (tmp_path / "model.bin").write_bytes(b"not a model")
    (tmp_path / "tokenizer.json").write_text("{}")
    with pytest.raises(ModelError, match=r"not installed|could not be loaded") as caught:
        WhisperTranscriber(tmp_path)
    assert str(tmp_path) not in str(caught.value)
