"""History: mood timeline, distribution per emotion, weekly recap, recent playlists, liked tracks."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

import streamlit as st

from moodify.store import StoredTrack
from moodify.ui import actions, charts, layout
from moodify.ui.emotions import EMOJI
from moodify.ui.history_model import Reading
from moodify.ui.services import context
from moodify.ui.session import state


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
        st.subheader("Distribution")
        st.altair_chart(charts.distribution_chart(readings), width="stretch")
    left, right = st.columns(2)
    with left:
        st.subheader("Recent playlists")
        shown = actions.recent_playlists(who)
        if not shown:
            st.caption("None yet.")
        for entry in shown:
            with st.expander(f"{entry.when:%a %d %b %H:%M} · {entry.emotion} · {entry.mode}"):
                lines = [f"1. {layout.md(_title(t))}" for t in entry.tracks]
                if not lines:  # saved before Moodify kept what it showed
                    lines = [f"1. {layout.md(key)}" for key in entry.track_keys]
                st.markdown("\n".join(lines) or "(empty)")
    with right:
        st.subheader("Liked tracks")
        liked = actions.liked_tracks(who)
        if not liked:
            st.caption("Tap ♥ on a track you like.")
        for track in liked:
            st.markdown(f"♥ {layout.md(_title(track))}")


def _title(track: StoredTrack) -> str:
    return f"{track.title} — {track.artist}" if track.title else track.key


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

