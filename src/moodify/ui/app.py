"""Moodify's Streamlit entry script (``moodify serve`` runs it). Builds the navigation, the header and
the docked player; each page lives in ``views/`` and is reached through a tiny script in ``page_scripts/``."""

from __future__ import annotations

import logging
from pathlib import Path

import streamlit as st

from moodify.errors import MoodifyError, public_message
from moodify.service import Context
from moodify.ui import actions, layout, playback
from moodify.ui.actions import Who
from moodify.ui.components.player import (
    CARRIED_INDEX,
    carried_track,
    docked_player,
    new_events_and_errors,
    player_log,
    position,
)
from moodify.ui.launch import FIRST_PAGE_SENT
from moodify.ui.services import context
from moodify.ui.session import UIState, reset_user_state, state
from moodify.ui.web_session import adopt_cookie, sync_web_session

log = logging.getLogger(__name__)
PAGES = Path(__file__).with_name("page_scripts")


def _pages(signed_in: bool) -> list[st.Page]:
    if not signed_in:
        return [st.Page(PAGES / "account.py", title="Welcome", icon=":material/headphones:",
                        url_path="welcome", default=True)]
    return [
        st.Page(PAGES / "scan.py", title="Scan", icon=":material/photo_camera:", url_path="scan",
                default=True),
        st.Page(PAGES / "live.py", title="Live", icon=":material/videocam:", url_path="live"),
        st.Page(PAGES / "history.py", title="History", icon=":material/insights:", url_path="history"),
        st.Page(PAGES / "settings.py", title="Settings", icon=":material/settings:", url_path="settings"),
    ]


def _header(ui: UIState, ctx: Context, who: Who | None) -> None:
    # keyed so style.css can keep it one row on a phone: the brand left, "Sign out" never cut off
    left, right = st.container(key="mf-top").columns([1, 3], vertical_alignment="center")
    left.html('<div class="mf-brand">Mood<span>ify</span></div>')
    if not ui.signed_in:
        return
    with right.container(horizontal=True, horizontal_alignment="right", vertical_alignment="center"):
        name = "Guest" if who is None or who.guest else who.user.email
        st.html(f'<span title="{layout.esc(name)}" class="mf-who">{layout.esc(name)}</span>')
        if st.button("Sign out", key="sign_out"):
            if ui.token is not None:
                try:
                    ctx.auth.sign_out(ui.token)
                except MoodifyError as exc:
                    log.warning("sign-out failed: %s", exc)
            reset_user_state(ui)
            st.rerun()


def _on_player_event() -> None:
    """Runs before the script when the player sends start/like/skip/dislike/finished/play."""
    ui = state()
    who = actions.whoami(ui, context())
    events, errors, ui.player_seen = new_events_and_errors(player_log(), ui.playlist, ui.player_seen, ui.carried)
    if who is None:
        return
    for error in errors:  # said, never counted as a play; the title is provider text: escaped
        log.info("stream %s failed in the browser: %s", error.track.key, error.error)
        ui.notices.append(f"“{layout.md(error.track.title)}” could not be streamed ({error.error}); "
                          "try the next track.")
    for event in events:
        carried = event.index == CARRIED_INDEX and position(ui.playlist, event.track.key) is None
        if event.kind == "start":
            ui.now_playing = event.track.key
            if not carried:
                playback.keep(ui, who)  # played: the draft becomes history
            continue
        playback.react(ui, who, event.track, event.kind, seconds=event.seconds, carried=carried,
                       attempt=f"{ui.player_seen[0]}:{event.number}")
    # where the player is, by key: a dislike may have taken a track out before it
    at = position(ui.playlist, ui.now_playing)
    if at is not None:
        ui.player_index = at


def main() -> None:
    st.set_page_config(page_title="Moodify", page_icon="🎧", layout="centered",
                       initial_sidebar_state="collapsed")
    layout.apply_style()
    ui = state()
    try:
        ctx = context()
    except MoodifyError as exc:
        log.error("the store could not be opened: %s", exc)  # the address and the reason: for the operator
        st.error(f"Moodify could not start its storage. {layout.md(public_message(exc))} The server's log "
                 "says why.")
        st.stop()
    ui.token = adopt_cookie(ui.token, ui.guest is not None) or ui.token  # a reload or a second tab
    who = actions.whoami(ui, ctx)
    if who is not None:
        playback.restore(ui, who)  # a reload or a new tab: the last reading and playlist come back
    for notice in ui.notices:
        st.warning(notice)
    ui.notices.clear()
    page = st.navigation(_pages(ui.signed_in), position="top")
    _header(ui, ctx, who)
    page.run()
    if who is not None:  # after the page, so it plays the playlist this run made
        ui.carried = carried_track(ui.player_sent, ui.playlist, ui.now_playing, ui.carried)
        ui.player_sent = ui.playlist
        docked_player(ui.playlist, ui.player_index, ctx.settings.music_dir, on_event=_on_player_event,
                      jump=ui.player_jump, autoplay=ui.player_autoplay, gone=playback.disliked(ui))
    sync_web_session(ui.token)  # the cookie follows this tab's sign-in / sign-out
    FIRST_PAGE_SENT.set()


main()
