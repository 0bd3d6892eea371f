"""Live: the webcam through streamlit-webrtc, a reading on each frame, the mood smoothed over time."""

from __future__ import annotations

import logging
from typing import Any

import streamlit as st

import moodify
from moodify import service
from moodify.errors import MoodifyError, public_message
from moodify.service import Context
from moodify.types import EmotionScores
from moodify.ui import actions, charts, layout
from moodify.ui.actions import Who
from moodify.ui.components.camera import camera_count
from moodify.ui.live_mood import MoodSmoother
from moodify.ui.services import context
from moodify.ui.session import UIState, state
from moodify.ui.views import playlist as playlist_view

log = logging.getLogger(__name__)
SMOOTHER_KEY = "moodify.live.smoother"
# Loopback only: no STUN/TURN server is contacted (no network at run time).
RTC_CONFIGURATION: dict[str, Any] = {"iceServers": []}


def smoother() -> MoodSmoother:
    current = st.session_state.get(SMOOTHER_KEY)
    if not isinstance(current, MoodSmoother):
        current = MoodSmoother()
        st.session_state[SMOOTHER_KEY] = current
    return current


def frame_callback(ctx: Context, mood: MoodSmoother) -> Any:
    """Per frame: find the largest face, classify it, fold it into the mood, draw its box."""
    import cv2

    def on_frame(frame: Any) -> Any:
        import av

        rgb = frame.to_ndarray(format="rgb24")
        try:
            analysis = moodify.analyze_frame(rgb, settings=ctx.settings)
        except MoodifyError as exc:  # a broken model: keep the video going, say nothing was read
            log.warning("live frame not analysed: %s", exc)
            mood.update(None)
            return frame
        face = analysis.primary
        mood.update(face.scores if face else None, face.box if face else None)
        if face is not None:
            b = face.box
            cv2.rectangle(rgb, (b.x, b.y), (b.x + b.w, b.y + b.h), (167, 139, 250), 3)
        return av.VideoFrame.from_ndarray(rgb, format="rgb24")

    return on_frame


def render() -> None:
    ui = state()
    who = actions.whoami(ui, context())
    if who is None:
        st.stop()
    st.title("Live mood")
    st.caption("Your camera stays on this device and this server: frames are read and dropped, never stored.")
    mood = smoother()
    try:
        from streamlit_webrtc import WebRtcMode, webrtc_streamer
    except ImportError:
        log.error("live mode needs streamlit-webrtc (pip install 'moodify[ui]')")  # for whoever runs it
        st.error("Live mode is not set up on this server. Use **Upload a photo** or **Tell me** on the Scan "
                 "page instead.")
        return
    if camera_count() == 0:  # streamlit-webrtc would show the browser's raw NotFoundError
        st.info("No camera found on this device. Use **Upload a photo** or **Tell me** on the Scan page "
                "instead.")
        st.page_link("page_scripts/scan.py", label="Go to Scan", icon=":material/photo_camera:")
        return
    video, readout = st.columns([3, 2], gap="medium")
    with video:
        stream = _stream(who.ctx, mood, webrtc_streamer, WebRtcMode)
    with readout:
        if stream is not None and stream.state.playing:
            _live_readout(mood)  # refreshes itself once a second while the camera runs
        else:
            _readout(mood)
        make = st.button("🎶 Make a playlist for this mood", type="primary", key="live_playlist")
    if make:
        snap = mood.snapshot()
        if snap.scores is None:
            st.warning("No face seen yet: start the camera and look at it for a second.")
        else:
            _hand_over(ui, who, snap.scores)
    if ui.live_scores is not None:
        playlist_view.render(ui, ui.live_scores, who, origin=f"live:{ui.live_count}")
    if stream is not None and not stream.state.playing and ui.live_scores is None:
        st.info("Press START to open your camera.")


def _stream(ctx: Context, mood: MoodSmoother, webrtc_streamer: Any, mode: Any) -> Any:
    try:
        return webrtc_streamer(
            key="live", mode=mode.SENDRECV, rtc_configuration=RTC_CONFIGURATION,
            media_stream_constraints={"video": True, "audio": False},
            video_frame_callback=frame_callback(ctx, mood), async_processing=True,
        )
    except Exception as exc:  # e.g. no browser session behind this run; say so, keep the page usable
        st.error(f"The live camera could not start here. Use Scan instead. {public_message(exc)}")
        return None


@st.fragment(run_every=1.0)
def _live_readout(mood: MoodSmoother) -> None:
    _readout(mood)


def _readout(mood: MoodSmoother) -> None:
    snap = mood.snapshot()
    if snap.scores is None:
        st.caption(f"Frames read: {snap.frames} · no face yet")
        return
    layout.mood_card(snap.scores, note=f"smoothed over {snap.frames_with_face} frames with a face")
    st.altair_chart(charts.probabilities_chart(snap.scores), width="stretch")


def _hand_over(ui: UIState, who: Who, scores: EmotionScores) -> None:
    ui.live_count += 1
    ui.live_scores = scores
    key = service.photo_key(f"live:{ui.session_id}:{ui.live_count}".encode())  # one hand-over, one reading
    service.record_reading(who.ctx, who.user, scores, "live", key)
