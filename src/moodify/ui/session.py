"""Per-browser-session state, typed, kept in ``st.session_state`` under one key.

Streamlit reruns the whole script on every click; everything that must survive a rerun (who is signed in,
the photo already analysed, the playlist, the player position) lives in :class:`UIState`, so an analysis or
a recorded event is never repeated by a rerun.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

import streamlit as st

from moodify.auth import GuestSession
from moodify.service.readings import needs_confirmation
from moodify.types import Analysis, EmotionScores, Mode, Playlist, Track

STATE_KEY = "moodify.state"
PHOTO_KEY = "moodify.photo"  # (bytes, source): where the uploader, the camera and tests hand a photo over
TOLD_KEY = "moodify.told"  # ("manual", emotion) or ("text", sentence): a mood the user told us, once

ScanSource = Literal["upload", "camera"]


@dataclass
class ScanResult:
    """One analysed photo and what the user did with it."""

    key: str
    source: ScanSource
    analysis: Analysis | None = None
    jpeg: bytes | None = None  # the photo with face boxes drawn, ready to show
    photo: bytes | None = None  # the bytes as uploaded (kept by the store only if the user opted in)
    error: str | None = None  # shown instead of a result; nothing was recorded
    face_index: int = 0
    correction: str | None = None  # an emotion the user picked instead of the model's
    text: str = ""
    text_scores: EmotionScores | None = None
    text_notices: tuple[str, ...] = ()
    replaced: str | None = None  # a correction the newer words replaced (said on the page)

    @property
    def awaiting(self) -> bool:
        """The face reading is too unsure: nothing is recorded or played until the person taps an emotion."""
        face = self.face_scores
        return face is not None and self.correction is None and needs_confirmation(face)

    @property
    def face_scores(self) -> EmotionScores | None:
        if self.analysis is None or not self.analysis.faces:
            return None
        return self.analysis.faces[self.face_index].scores


@dataclass
class Told:
    """A mood the user told us instead of showing a face: picked (``manual``) or written (``text``)."""

    source: Literal["manual", "text", "restored"]  # restored: the last reading, brought back after a reload
    origin: str  # what the playlist is made from
    scores: EmotionScores | None = None
    said: str = ""
    notices: tuple[str, ...] = ()
    error: str | None = None
    when: datetime | None = None  # a restored reading's time


@dataclass
class UIState:
    token: str | None = None
    refresh_token: str | None = None  # Firebase: trades for a new ID token when the old one expires
    guest: GuestSession | None = None  # a guest's throw-away in-memory store: nothing reaches the database
    scan: ScanResult | None = None
    told: Told | None = None  # shown instead of ``scan`` when it is the newer of the two
    told_count: int = 0
    mode: Mode | None = None  # None: the user's default mode
    playlist: Playlist | None = None
    playlist_id: str | None = None  # its id in the store (None: a draft, stored once played), sent with feedback
    playlist_for: tuple[object, ...] | None = None  # what it was made from: redo it when that changes
    player_index: int = 0
    now_playing: str | None = None  # key of the track the player last started
    player_jump: int = 0  # bumped when "play" is pressed on a track in the page
    player_autoplay: int = 0  # bumped to start the new queue, only if nothing is playing (Play again)
    player_seen: tuple[str, int] = ("", 0)  # (player instance, last event number handled)
    player_sent: Playlist | None = None  # the playlist the player was last given
    carried: Track | None = None  # the track the player kept playing when its playlist changed
    live_scores: EmotionScores | None = None  # last mood handed over from the Live page
    live_count: int = 0  # how many live moods were handed over (part of their idempotency key)
    session_id: str = field(default_factory=lambda: secrets.token_hex(8))
    reactions: dict[str, str] = field(default_factory=dict)  # track key -> like/dislike, to show it
    notices: list[str] = field(default_factory=list)  # one-shot messages for the next render
    restored: bool = False  # the last reading and playlist were looked up for this session (once)

    @property
    def signed_in(self) -> bool:
        return self.token is not None or self.guest is not None


def state() -> UIState:
    """This browser session's :class:`UIState` (created on first use)."""
    current = st.session_state.get(STATE_KEY)
    if not isinstance(current, UIState):
        current = UIState()
        st.session_state[STATE_KEY] = current
    return current


def reset_user_state(ui: UIState) -> None:
    """Forget everything tied to the signed-in person (sign-out, account deleted)."""
    fresh = UIState()
    for name in vars(fresh):
        setattr(ui, name, getattr(fresh, name))
