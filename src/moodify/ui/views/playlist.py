"""The mode selector, "New playlist", the exports and the playlist (each track with its reason, artwork and
licence). A mode toggle refines the draft on screen; it is kept in History once played or made anew."""

from __future__ import annotations

import logging

import streamlit as st

from moodify.errors import MoodifyError, public_message
from moodify.music.playlist_files import MEDIA_TYPES
from moodify.types import EmotionScores, Mode, Playlist
from moodify.ui import actions, layout, playback, sources
from moodify.ui.actions import Who
from moodify.ui.session import UIState

log = logging.getLogger(__name__)

NEW_KEY = "moodify.new_playlist"  # set by the "New playlist" button, handled once by the next run
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
            if st.session_state.pop(NEW_KEY, False):
                playback.new_playlist(ui, scores, mode, who, origin)
            playlist = playback.draft(ui, scores, mode, who, origin)
    except MoodifyError as exc:  # no provider had tracks: say so, don't invent a playlist
        st.error(f"No playlist this time. {layout.md(public_message(exc))}")
        _still_yours(ui, who, origin)
        return
    for warning in sources.shown_warnings(playlist):
        st.caption(f"⚠️ {layout.md(warning)}")
    if not playlist.items:
        st.warning("No tracks fit this mood with your current filters. "
                   "Try another mode or fewer blocked genres.")
        return
    st.caption(f"{len(playlist.items)} tracks for **{playlist.emotion}** · {MODES[playlist.mode]}. "
               "Play them in the player below; ♥ and ✕ teach Moodify what you like. "
               + ("Kept in your History." if ui.playlist_id else "Kept in your History once you play it."))
    said = sources.notice(sources.can_play(playlist, who.ctx.settings.music_dir), who.ctx.settings)
    if said:
        st.info(layout.md(said))
    _actions(ui, who, playlist, origin)
    _tracks(ui, who, playlist, origin)


def _still_yours(ui: UIState, who: Who, origin: str) -> None:
    """After a playlist that could not be made, the one the player has stays on screen with its buttons."""
    playlist = ui.playlist
    if playlist is None or not playlist.items:
        return
    st.caption(f"Still in the player: the {len(playlist.items)} tracks for **{playlist.emotion}** · "
               f"{MODES[playlist.mode]}.")
    _tracks(ui, who, playlist, origin)


def _tracks(ui: UIState, who: Who, playlist: Playlist, origin: str) -> None:
    """Each track with its reason and ▶ ♥ ✕ on one row."""
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
                _toast(playback.react(ui, who, item.track, "like"), f"Liked {title}")
                st.rerun()
            if st.button("✕", key=f"dislike:{origin}:{key}", help=f"Dislike {title}: never play it again"):
                _toast(playback.react(ui, who, item.track, "dislike"), f"Won't play {title} again")
                st.rerun()


def _actions(ui: UIState, who: Who, playlist: Playlist, origin: str) -> None:
    """"New playlist" (other tracks, kept at once), and the playlist as M3U8 / XSPF files: the same bytes as
    History, the API and the CLI give (made on click, with streams resolved then)."""
    with st.container(horizontal=True, gap="small"):
        st.button("New playlist", key=f"new:{origin}", on_click=st.session_state.__setitem__, args=(NEW_KEY, True),
                  help="Other tracks for this mood, kept in your History")
        for fmt, mime in MEDIA_TYPES.items():
            data = playback.export(who, fmt, playlist_id=ui.playlist_id,  # type: ignore[arg-type]
                                   playlist=playlist)
            st.download_button(f"Export {fmt.upper()}", data, on_click="ignore",
                               file_name=f"moodify-{playlist.emotion}-{playlist.mode}.{fmt}", mime=mime,
                               key=f"export:{fmt}:{origin}")


def _toast(problem: str | None, done: str) -> None:
    st.toast(done if problem is None else f"Not saved. {layout.md(problem)}")


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
