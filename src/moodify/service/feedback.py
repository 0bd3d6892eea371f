"""Feedback: a like, skip, dislike, play or finish on a track Moodify showed; the server supplies its facts.

The client names the track (and the playlist); artist and tags come from what was recommended, so a client
can neither teach the ranking lies nor store megabytes of "tags". A play counts only when audio really
played (``MIN_PLAY_S``), and plays and finishes also go into the listening history.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from moodify.errors import InvalidInput
from moodify.service.context import Context
from moodify.service.playlists import shown_track
from moodify.store.models import ListenEvent, User, idempotency_key
from moodify.types import FeedbackEvent, FeedbackKind

MIN_PLAY_S = 5.0  # shorter than this is a preview click or a stream that failed, not a listen


@dataclass(frozen=True)
class FeedbackResult:
    event: FeedbackEvent
    stored: bool  # False: this exact feedback was already stored (a retry)
    listened: bool  # a listen was added to the history as well


def give_feedback(ctx: Context, user: User, kind: FeedbackKind, *, track_key: str, playlist_id: str | None = None,
                  seconds: float | None = None, attempt: str | None = None) -> FeedbackResult:
    """Store the reaction once per (playlist, track, kind, attempt).

    ``NotFound`` when the track was never shown to this user (or the playlist isn't theirs); ``InvalidInput``
    for a play shorter than ``MIN_PLAY_S`` (unless the track, by its stored length, ended) or a bad duration.
    """
    if seconds is not None and not 0 <= seconds < 86_400:
        raise InvalidInput("seconds must be between 0 and 86400")
    track = shown_track(ctx, user, track_key, playlist_id)
    if kind == "play" and not _really_played(seconds, track.duration_s):
        raise InvalidInput(f"a play counts once at least {MIN_PLAY_S:g} s of audio played (or the whole track)")
    key = idempotency_key("feedback", playlist_id or "", track_key, kind, attempt or "")
    event = FeedbackEvent(user_id=user.id, track_key=track.key, kind=kind, at=datetime.now(UTC),
                          artist=track.artist, tags=track.tags, idempotency_key=key)
    stored = ctx.store.add_feedback(event)
    listened = stored and kind in ("play", "finished")
    if listened:
        done = kind == "finished"
        played = seconds if seconds is not None else (track.duration_s or 0.0)
        ctx.store.add_listen(ListenEvent(user_id=user.id, track_key=track.key, seconds=played, completed=done,
                                         title=track.title, artist=track.artist))
    return FeedbackResult(event, stored, listened)


def _really_played(seconds: float | None, duration_s: float | None) -> bool:
    """5 s of audio, or a shorter track to its end (judged by the duration the server knows)."""
    if seconds is None:
        return False
    return seconds >= MIN_PLAY_S or (duration_s is not None and seconds >= duration_s - 0.5)


def latest_reactions(ctx: Context, user: User) -> dict[str, FeedbackKind]:
    """Track key -> the user's latest like or dislike of it."""
    latest: dict[str, FeedbackKind] = {}
    for event in sorted(ctx.store.list_feedback(user.id), key=lambda e: e.at):
        if event.kind in ("like", "dislike"):
            latest[event.track_key] = event.kind
    return latest
