"""'Say it': record up to 30 s in the browser, see and correct the words, then they count like typed ones.

The recording is only heard here (decoded and transcribed, nothing recorded). What counts is the text in the
box when the person presses "Use these words": it is put into the page's own sentence field (``fill``) and
goes the typed sentence's way from there, so a spoken sentence is read, recorded and fused with the face
exactly like a typed one. Only the words are read, never the tone of voice.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

import streamlit as st

from moodify.errors import ModelError, public_message
from moodify.service.voice import hear
from moodify.ui.services import context
from moodify.voice import AudioError

TONE = "Only your words are read, not the tone of your voice."
NO_MIC = ("No microphone, or the browser blocked it? Allow the microphone from the address bar, or type your "
          "words instead.")


def say_it(key: str, *, fill: str, then: Callable[..., None] | None = None, args: tuple[Any, ...] = ()) -> None:
    """The recorder, the words heard, and "Use these words": sets ``st.session_state[fill]`` to the words
    and calls ``then(*args)`` (both in a callback, before the next run draws the page)."""
    round_key = f"say_round:{key}"
    recorder = f"say:{key}:{st.session_state.get(round_key, 0)}"
    st.audio_input("🎙️ Say it (up to 30 seconds)", key=recorder, sample_rate=16_000,
                   help="Press the microphone to start and the square to stop; the timer shows it is recording. "
                        + TONE)
    recording = st.session_state.get(recorder)
    if recording is None:
        st.caption(f"{TONE} {NO_MIC}")
        return
    data = recording.getvalue()
    heard = _heard(data)
    if heard.startswith("!"):
        st.warning(heard[1:])
        st.caption("Nothing was recorded. Record again, or type your words.")
        return
    box = f"said:{recorder}:{hashlib.sha256(data).hexdigest()[:12]}"
    st.text_area("What we heard: fix any word before it counts", value=heard, key=box, height=68,
                 max_chars=5000)
    st.button("Use these words", key=f"use:{recorder}", type="primary", on_click=_use,
              args=(box, fill, round_key, then, args))
    st.caption(TONE)


def _heard(data: bytes) -> str:
    """The words in ``data``, or ``"!"`` + a plain message; remembered per recording across reruns."""
    digest = hashlib.sha256(data).hexdigest()
    cache: dict[str, str] = st.session_state.setdefault("say_heard", {})
    if digest not in cache:
        with st.spinner("Listening to your words…"):
            try:
                cache[digest] = hear(context(), data).text
            except AudioError as exc:  # silence, noise, too long, unreadable: each says so plainly
                cache[digest] = "!" + public_message(exc)
            except ModelError as exc:  # its words (a model folder) are for whoever runs the server: logged
                cache[digest] = "!Speech recognition is not available here. " + public_message(exc)
    return cache[digest]


def _use(box: str, fill: str, round_key: str, then: Callable[..., None] | None, args: tuple[Any, ...]) -> None:
    words = str(st.session_state.get(box, "")).strip()
    if not words:
        return
    st.session_state[fill] = words
    st.session_state[round_key] = st.session_state.get(round_key, 0) + 1  # a fresh, empty recorder
    if then is not None:
        then(*args)
