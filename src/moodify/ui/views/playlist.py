"""The mode selector and the playlist (each track with its reason, artwork and licence)."""

from __future__ import annotations

import logging

import streamlit as st

from moodify.errors import MoodifyError, public_message
from moodify.music.playlist_files import playlist_file
from moodify.types import EmotionScores, Mode, Playlist
from moodify.ui import actions, layout
from moodify.ui.actions import Who
from moodify.ui.session import UIState

log = logging.getLogger(__name__)

MODES: dict[str, str] = {
    "match": "🎯 Match my mood",
    "lift": "☀️ Lift me up",
    "calm": "🌙 Calm me down",
}


def render(ui: UIState, scores: EmotionScores, who: Who, origin: str) -> None:
    st.subheader("Your playlist")
    mode = _mode(ui, who)
    try:
        with st.spinner("Picking tracks…"):
            playlist = actions.make_playlist(ui, scores, mode, who, origin)
    except MoodifyError as exc:  # no provider had tracks: say so, don't invent a playlist
        st.error(f"No playlist this time: {layout.md(public_message(exc))}")
        return
    for warning in playlist.warnings:
        st.caption(f"⚠️ {layout.md(warning)}")
    if not playlist.items:
        st.warning("No tracks fit this mood with your current filters. "
                   "Try another mode or fewer blocked genres.")
        return
    st.caption(f"{len(playlist.items)} tracks for **{playlist.emotion}** · {MODES[playlist.mode]}. "
               "Play them in the player below; ♥ and ✕ teach Moodify what you like.")
    _downloads(playlist, origin)
    for number, item in enumerate(playlist.items, start=1):
        with st.container(horizontal=True, vertical_alignment="center", gap="small", key=f"mf-row-{number}"):
            with st.container():
                layout.track_card(item, number, ui.reactions.get(item.track.key),
                                  playing=item.track.key == ui.now_playing)
            key, title = item.track.key, layout.md(item.track.title)
            # tooltips name the track; the page helpers in player.js give each button its aria-label
            if st.button("▶", key=f"play:{origin}:{key}", help=f"Play {title} now"):
                ui.player_index = number - 1
                ui.player_jump += 1
            if st.button("♥", key=f"like:{origin}:{key}", help=f"Like {title}: more like this"):
                _toast(actions.give_feedback(ui, who, item.track, "like"), f"Liked {layout.md(item.track.title)}")
                st.rerun()
            if st.button("✕", key=f"dislike:{origin}:{key}", help=f"Dislike {title}: never play it again"):
                _toast(actions.give_feedback(ui, who, item.track, "dislike"),
                       f"Won't play {layout.md(item.track.title)} again")
                st.rerun()


def _downloads(playlist: Playlist, origin: str) -> None:
    """Take the playlist elsewhere: M3U8 and XSPF files (past ones are in History too)."""
    with st.container(horizontal=True, gap="small"):
        for fmt, mime in (("m3u8", "audio/x-mpegurl"), ("xspf", "application/xspf+xml")):
            st.download_button(f"Export {fmt.upper()}", playlist_file(playlist, fmt),  # type: ignore[arg-type]
                               file_name=f"moodify-{playlist.emotion}-{playlist.mode}.{fmt}", mime=mime,
                               key=f"export:{fmt}:{origin}")


def _toast(problem: str | None, done: str) -> None:
    st.toast(done if problem is None else f"Not saved: {layout.md(problem)}")


def _mode(ui: UIState, who: Who) -> Mode:
    """The mode picked on this page, else the saved default (read on every run, so a new one applies at once).

    ``ui.mode`` is set only when the person taps the selector, so it never shadows a newly saved default.
    """
    saved = actions.preferences(who).default_mode
    default: Mode = ui.mode or (saved if saved in MODES else "match")
    key = f"mode:{default}"  # a new default is a new widget, not the old widget's stale value
    picked = st.segmented_control("Mode", list(MODES), default=default, format_func=MODES.__getitem__,
                                  key=key, label_visibility="collapsed", on_change=_picked, args=(ui, key))
    mode: Mode = picked if picked in MODES else default  # type: ignore[assignment]
    return mode


def _picked(ui: UIState, key: str) -> None:
    value = st.session_state.get(key)
    if value in MODES:
        ui.mode = value
