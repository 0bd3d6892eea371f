"""The "Say it" helpers without a browser: plain messages for what cannot be heard, and "Use these words"
(the recorder itself, with Chromium's fake microphone, is in test_browser.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
import streamlit as st

from moodify.service import Context, open_context
from moodify.settings import Settings
from moodify.ui import voice
from tests.voice.conftest import DATA, wav


@pytest.fixture
def heard_with(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Settings]:
    settings = Settings(data_dir=tmp_path, store="memory")
    ctx: Context = open_context(settings)
    monkeypatch.setattr(voice, "context", lambda: ctx)
    st.session_state.pop("say_heard", None)
    yield settings
    st.session_state.pop("say_heard", None)


def test_what_cannot_be_heard_is_one_plain_sentence(heard_with: Settings, silence: bytes, hiss: bytes) -> None:
    assert voice._heard(silence) == "!Nothing was heard: the recording is silent. Is the microphone on and not muted?"
    assert voice._heard(hiss).startswith("!Only steady noise was heard")
    long = wav((3000 * np.sin(np.arange(32 * 16_000) / 10)).astype(np.int16))
    assert voice._heard(long) == "!The recording is longer than 30 seconds: say it in fewer words."
    assert voice._heard(b"PK\x03\x04 a zip").startswith("!Not a recording we can read")


def test_words_heard_are_remembered_per_recording(heard_with: Settings) -> None:
    data = (DATA / "happy.wav").read_bytes()
    first = voice._heard(data)
    assert "wonderful" in first.split()
    assert st.session_state["say_heard"] and voice._heard(data) == first


def test_use_these_words_fills_the_field_resets_the_recorder_and_goes_on() -> None:
    calls: list[str] = []
    st.session_state["said:x"] = "  tired but hopeful "
    voice._use("said:x", "feel:x", "say_round:x", calls.append, ("text",))
    assert st.session_state["feel:x"] == "tired but hopeful"
    assert st.session_state["say_round:x"] == 1 and calls == ["text"]
    st.session_state["said:x"] = "   "
    voice._use("said:x", "feel:x", "say_round:x", calls.append, ("text",))
    assert st.session_state["feel:x"] == "tired but hopeful" and calls == ["text"]  # an empty box does nothing
