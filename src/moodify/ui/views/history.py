"""History: mood timeline, distribution per emotion, weekly recap, recent playlists, liked tracks."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import streamlit as st

from moodify import service
from moodify.music.playlist_files import MEDIA_TYPES
from moodify.store import PlaylistRecord, StoredTrack
from moodify.ui import actions, charts, layout, playback
from moodify.ui.actions import Who
from moodify.ui.emotions import EMOJI
from moodify.ui.history_model import Reading
from moodify.ui.services import context
from moodify.ui.session import UIState, state


def render() -> None:
    ui = state()
    who = actions.whoami(ui, context())
    if who is None:
        st.stop()
    st.title("Your mood history")
    if who.guest:
        st.info("Guest mode: this history lives in this tab only and is gone when you close it. "
                "Create an account to keep it.")
    readings = actions.readings(who)
    if not readings:
        st.info("No moods recorded yet. Scan a photo and your readings show up here.")
    else:
        _recap(readings)
        st.subheader("Timeline")
        st.altair_chart(charts.timeline_chart(readings), width="stretch")
        st.html(_latest(readings))
        st.subheader("Distribution")
        st.altair_chart(charts.distribution_chart(readings), width="stretch")
    st.subheader("Recent playlists")
    shown = service.list_playlists(who.ctx, who.user, limit=5)  # the one made or played again last first
    if not shown:
        st.caption("None yet.")
    for entry in shown:
        _past_playlist(ui, who, entry)
    st.subheader("Liked tracks")
    liked = actions.liked_tracks(who)
    if not liked:
        st.caption("Tap ♥ on a track you like.")
    else:
        st.html(_track_list(liked, mark="♥ "))


def _past_playlist(ui: UIState, who: Who, entry: PlaylistRecord) -> None:
    when = f"Played again {entry.played_at:%a %d %b %H:%M}" if entry.played_at else f"{entry.at:%a %d %b %H:%M}"
    label = f"{when} · {EMOJI.get(entry.emotion, '')} {entry.emotion} · {entry.mode}"
    # the one in the player opens: played again, it moves to the top under a new label, and a folded
    # expander there would hide the buttons just pressed
    with st.expander(f"{label} · {len(entry.tracks or entry.track_keys)} tracks", expanded=entry.id == ui.playlist_id):
        if entry.played_at:
            st.caption(f"Made {entry.at:%a %d %b %H:%M} UTC, played again {entry.played_at:%a %d %b %H:%M} UTC.")
        if not entry.tracks:  # saved before Moodify kept what it showed: the keys are all there is
            st.caption("Saved before Moodify kept titles: only the track ids are known, so it can't be "
                       "played again or exported.")
            st.markdown("\n".join(f"1. {layout.md(key)}" for key in entry.track_keys) or "(empty)")
            return
        st.html(_track_list(entry.tracks))
        with st.container(horizontal=True, gap="small"):
            if st.button("▶ Play again", key=f"again:{entry.id}", help="Load this playlist into the player"):
                with st.spinner("Fetching fresh previews…"):
                    missing = playback.play_again(ui, who, entry.id)
                st.toast("In the player: it starts now, or after the track that is playing." + (
                    f" {missing} of its tracks can't be streamed now; their pages are linked." if missing else ""))
                st.rerun()  # played again: it moves to the top of this list
            for fmt, mime in MEDIA_TYPES.items():
                st.download_button(f"Export {fmt.upper()}", playback.export(who, fmt, playlist_id=entry.id),  # type: ignore[arg-type]
                                   file_name=f"moodify-{entry.at:%Y%m%d-%H%M}-{entry.emotion}.{fmt}",
                                   on_click="ignore", mime=mime, key=f"export:{fmt}:{entry.id}")


def _track_list(tracks: Sequence[StoredTrack], mark: str = "") -> str:
    """Title, artist and artwork of each track (escaped; artwork only from http(s) URLs)."""
    rows = []
    for track in tracks:
        art = layout.safe_url(track.artwork_url)
        picture = (f'<img src="{layout.esc(art)}" alt="" referrerpolicy="no-referrer" loading="lazy">' if art
                   else '<div class="mf-noart">♪</div>')
        title = track.title or track.key
        rows.append(f'<li class="mf-track mf-small">{picture}<div class="mf-body">'
                    f'<div class="mf-title">{layout.esc(mark + title)}</div>'
                    f'<div class="mf-artist">{layout.esc(track.artist)}</div></div></li>')
    return f'<ol class="mf-tracks">{"".join(rows)}</ol>'


SOURCES = {"upload": "photo", "camera": "camera snapshot", "live": "live camera", "text": "your words",
           "manual": "you picked it", "correction": "your correction"}


def _latest(readings: Sequence[Reading], most: int = 5) -> str:
    """The newest readings named in words (emotion, how sure, from what, when), not only as chart tooltips."""
    rows = []
    for r in sorted(readings, key=lambda r: r.at, reverse=True)[:most]:
        source = SOURCES.get(r.source, r.source)
        rows.append(f'<li><span aria-hidden="true">{EMOJI.get(r.emotion, "")}</span> <b>{layout.esc(r.emotion)}</b>'
                    f" · {r.confidence:.0%} · {layout.esc(source)} · "
                    f'<time datetime="{r.at.isoformat()}">{r.at:%a %d %b %H:%M} UTC</time></li>')
    return f'<div class="mf-readings"><div class="mf-caption">Latest readings</div><ol>{"".join(rows)}</ol></div>'


def _recap(readings: list[Reading]) -> None:
    now = datetime.now(UTC)
    week = [r for r in readings if r.at >= now - timedelta(days=7)]
    before = [r for r in readings if now - timedelta(days=14) <= r.at < now - timedelta(days=7)]
    st.subheader("This week")
    top = Counter(r.emotion for r in week).most_common(1)
    prev_top = Counter(r.emotion for r in before).most_common(1)
    positive = sum(r.emotion in ("happy", "surprise") for r in week)
    cols = st.columns(3)
    cols[0].metric("Readings", len(week), delta=len(week) - len(before) if before else None)
    cols[1].metric("Most often", f"{EMOJI[top[0][0]]} {top[0][0]}" if top else "—",
                   delta=f"was {prev_top[0][0]}" if prev_top else None, delta_color="off")
    cols[2].metric("Happy or surprised", f"{positive / len(week):.0%}" if week else "—")

