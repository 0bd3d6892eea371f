"""Scan: a photo (upload or camera) -> face box, emotion, probabilities, corrections -> playlist.

Or, without a photo, "Tell me": pick an emotion or write a sentence (read by the text model).
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from moodify import service
from moodify.errors import sentence
from moodify.service import Mood
from moodify.service.readings import likeliest
from moodify.types import EMOTIONS, EmotionScores
from moodify.ui import actions, charts, layout
from moodify.ui.actions import Who
from moodify.ui.emotions import EMOJI
from moodify.ui.services import context
from moodify.ui.session import PHOTO_KEY, TOLD_KEY, ScanResult, Told, UIState, state
from moodify.ui.views import playlist as playlist_view
from moodify.ui.voice import say_it
from moodify.vision.image_io import ACCEPTED_IMAGE_TYPES

TEXT_LIMIT = 5000  # characters read from a sentence (the text model reads the first 512 tokens)
IMAGE_TYPES = list(ACCEPTED_IMAGE_TYPES)  # what moodify.vision decodes (HEIC and AVIF from phones too)


REFUSED_KEY = "moodify.refused_photo"  # the message about an input that couldn't be used, kept what was there
UPLOAD_ROUND = "moodify.upload_round"  # part of the uploader's key: a new round is a fresh, empty uploader


def _take(widget_key: str, source: str) -> None:
    """Uploader/camera callback: hand the new photo's bytes over (the same place tests put theirs)."""
    file = st.session_state.get(widget_key)
    if file is not None:
        st.session_state[PHOTO_KEY] = (file.getvalue(), source)
        if source == "upload":
            # The browser keeps a file it refused (wrong type, too big) as a red chip beside later ones;
            # once a photo is taken, a fresh uploader clears them. The photo itself is shown below.
            st.session_state[UPLOAD_ROUND] = st.session_state.get(UPLOAD_ROUND, 0) + 1


def _tell(source: str) -> None:
    """"Tell me" callbacks: a picked emotion or a sentence, handled once by the next run."""
    if source == "manual":
        picked = st.session_state.get("tell_pick")
        if picked:
            st.session_state[TOLD_KEY] = ("manual", picked)
    else:
        st.session_state[TOLD_KEY] = ("text", st.session_state.get("tell_text", ""))
        st.session_state["tell_pick"] = None  # the sentence is the mood now: no pill stays lit


def render() -> None:
    ui = state()
    ctx = context()
    who = actions.whoami(ui, ctx)
    if who is None:
        st.stop()
    st.title("Scan your mood")
    if who.guest:
        st.caption("Guest mode: nothing is stored. Your moods and likes last until you close this tab.")
    upload, camera, tell = st.tabs(["Upload a photo", "Camera", "Tell me"])
    with upload:
        upload_key = f"scan_upload:{st.session_state.get(UPLOAD_ROUND, 0)}"
        st.file_uploader("Photo with your face", type=IMAGE_TYPES, key=upload_key,
                         on_change=_take, args=(upload_key, "upload"),
                         help=f"Up to {ctx.settings.max_image_bytes // (1024 * 1024)} MB.")
    with camera:
        st.camera_input("Take a snapshot", key="scan_camera", on_change=_take, args=("scan_camera", "camera"))
        st.caption("No camera? Upload a photo, or use **Tell me**.")  # the hint lives where it helps
    with tell:
        st.pills("How do you feel?", list(EMOTIONS), key="tell_pick", on_change=_tell, args=("manual",),
                 format_func=lambda e: f"{EMOJI[e]} {e}")
        with st.form("tell_words", clear_on_submit=False, border=False):
            st.text_area("…or in your own words", key="tell_text", max_chars=TEXT_LIMIT, height=80,
                          placeholder="e.g. exhausted after a long week")
            st.form_submit_button("Read my words", on_click=_tell, args=("text",))
        say_it("tell", fill="tell_text", then=_tell, args=("text",))
    told = st.session_state.pop(TOLD_KEY, None)
    if told is not None:
        st.session_state.pop(REFUSED_KEY, None)
        st.session_state.pop(PHOTO_KEY, None)  # the newest input wins; the old photo is not re-read
        _keeping_what_plays(ui, lambda: actions.tell_mood(ui, told[0], told[1], who).error)
    pending = st.session_state.get(PHOTO_KEY)
    if pending is not None:
        data, source = pending
        with st.spinner("Reading your expression…"):
            _scan(ui, data, source, who)
    refused = st.session_state.get(REFUSED_KEY)
    if refused and (ui.scan is not None or ui.told is not None):
        st.error(refused)
        st.caption("Nothing was recorded; your mood, playlist and music are as they were.")
    if ui.told is not None:
        _told(ui, ui.told, who)
        return
    scan = ui.scan
    if scan is None:
        st.info("One face, facing the camera, in good light works best, or say how you feel in **Tell me**.")
        return
    if scan.error:
        st.error(scan.error)
        st.caption("Nothing was recorded.")
        return
    _result(ui, scan, who)


def _scan(ui: UIState, data: bytes, source: str, who: Who) -> None:
    """Analyse a new photo (once per photo)."""
    if ui.scan is not None and ui.scan.key == service.photo_key(data):
        return
    if _keeping_what_plays(ui, lambda: actions.scan_photo(ui, data, source, who).error):  # type: ignore[arg-type]
        st.session_state.pop(PHOTO_KEY, None)  # handled: not read again on the next run


def _keeping_what_plays(ui: UIState, attempt: Callable[[], str | None]) -> bool:
    """Run a new reading (a photo, a picked mood, a sentence); one that can't be used (unreadable, no face,
    nothing to read) leaves the current mood, playlist and playing track as they were, and its message stays
    until the next input. True when it was refused and what was there kept."""
    before = (ui.scan, ui.told, ui.playlist, ui.playlist_id, ui.playlist_for)
    error = attempt()
    st.session_state.pop(REFUSED_KEY, None)
    kept = (before[0] is not None and before[0].error is None) or (before[1] is not None and before[1].error is None)
    if error is None or not kept:
        return False  # a result, or nothing worth keeping (an earlier refusal's message goes): this one shows
    ui.scan, ui.told, ui.playlist, ui.playlist_id, ui.playlist_for = before
    st.session_state[REFUSED_KEY] = error
    return True


def _told(ui: UIState, told: Told, who: Who) -> None:
    if told.error or told.scores is None:
        st.error(told.error or "Nothing to read.")
        st.caption("Nothing was recorded.")
        return
    if told.source == "restored":
        how = f"your last reading, {told.when:%a %d %b %H:%M} UTC" if told.when else "your last reading"
    else:
        how = "you picked it" if told.source == "manual" else f"read from your words ({_read(told)})"
    layout.mood_card(told.scores, note=how)
    for notice in told.notices:
        st.caption(notice)
    if told.source == "text":
        st.altair_chart(charts.probabilities_chart(told.scores), width="stretch")
    playlist_view.render(ui, told.scores, who, origin=told.origin)


def _read(told: Told) -> str:
    """How much of the sentence was read, so a long paste is never a mystery."""
    length = len(told.said.strip())
    cut = next((n for n in told.notices if "only the first" in n), None)
    return "not all of it: see below" if cut else f"all {length:,} characters"


def _result(ui: UIState, scan: ScanResult, who: Who) -> None:
    assert scan.analysis is not None and scan.jpeg is not None
    faces = scan.analysis.faces
    photo, reading = st.columns([5, 6], gap="medium")
    with photo:
        st.image(scan.jpeg, width="stretch")
    with reading:
        if len(faces) > 1:
            showing = "the largest" if scan.face_index == 0 else f"face {scan.face_index + 1}"
            st.info(f"{len(faces)} faces — showing {showing}; tap another:")
            chosen = st.segmented_control("Face", list(range(len(faces))), default=scan.face_index,
                                          format_func=lambda i: f"Face {i + 1}", key=f"face:{scan.key}",
                                          label_visibility="collapsed")
            if chosen is not None and chosen != scan.face_index:
                actions.choose_face(ui, chosen, who)
                st.rerun()
        face_scores = scan.face_scores
        assert face_scores is not None
        current = actions.mood(scan)
        if current is None:  # an unsure face and nothing else yet: ask, don't state
            layout.mood_card(face_scores, note="Not sure: tap how you feel below.")
        else:
            layout.mood_card(current.scores, note=_sources(scan, current))
        st.altair_chart(charts.probabilities_chart(current.scores if current else face_scores), width="stretch")
    _corrections(ui, scan, face_scores, who)
    _text(ui, scan, who)
    say_it(f"feel:{scan.key}", fill=f"feel:{scan.key}")  # the words go into the sentence field above
    current = actions.mood(scan)
    if current is not None:
        playlist_view.render(ui, current.scores, who, origin=f"{scan.key}:face{scan.face_index}")


def _sources(scan: ScanResult, current: Mood) -> str:
    """Where the current mood comes from, in words, beneath the card."""
    face = scan.face_scores
    face_part = f"your face looked {face.emotion} {face.confidence:.0%}" if face is not None else ""
    if current.correction is not None:
        return f"From your correction ({face_part})." if face_part else "From your correction."
    words = (f"your words read {current.text.emotion} {current.text.confidence:.0%}"
             if current.text is not None else "")
    if scan.awaiting and words:
        return sentence(f"{words} ({face_part}, too unsure to use)")
    if current.face is not None and words:
        return sentence(f"{face_part} and {words}; together they make this mood")
    return sentence(face_part if current.face is not None else words)


def _corrections(ui: UIState, scan: ScanResult, face: EmotionScores, who: Who) -> None:
    if scan.awaiting:  # one prompt: the likeliest emotions, nothing recorded until a tap
        label = f"I'm not sure about this one ({face.confidence:.0%}). Which is closest?"
        options = list(likeliest(face, 3))
    else:
        label = "Not right? Tap how you feel"
        options = list(EMOTIONS)
    picked = st.pills(label, options, key=f"fix:{scan.key}:{scan.face_index}:{scan.correction}",
                      format_func=lambda e: f"{EMOJI[e]} {e}", default=scan.correction)
    if scan.awaiting:
        st.caption("None of these? Use the **Tell me** tab above, or try another photo.")
    if picked != scan.correction:
        actions.correct_emotion(ui, picked, who)
        st.rerun()


def _text(ui: UIState, scan: ScanResult, who: Who) -> None:
    text = st.text_input("How do you feel? (optional)", value=scan.text, max_chars=TEXT_LIMIT,
                         key=f"feel:{scan.key}", placeholder="e.g. tired but hopeful",
                         help="Your words replace a correction you tapped: the newest input sets the mood.")
    if text != scan.text:
        actions.set_text(ui, text, who)
        st.rerun()
    if scan.replaced is not None and scan.text_scores is not None:
        st.caption(f"Your words now set the mood (they replace your correction to {scan.replaced}).")
    for notice in scan.text_notices:
        st.caption(notice)
