"""Playlists: the user's preferences and history in, a ranked playlist out, recorded with what was shown.

The one place where stated taste (favourite and blocked tags), feedback and listening history reach the
ranking, so every front end gets the same playlist for the same user and reading.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace

from moodify.errors import NotFound, StoreError
from moodify.service.context import Context
from moodify.store.models import PlaylistRecord, StoredTrack, User
from moodify.types import EmotionScores, Mode, MoodPoint, Playlist

log = logging.getLogger(__name__)

NOT_SAVED = "this playlist could not be saved to your history (storage is unavailable); it still plays"


@dataclass(frozen=True)
class MadePlaylist:
    playlist: Playlist
    id: str | None  # None: it could not be saved; ``playlist.warnings`` says so


def make_playlist(ctx: Context, user: User, scores: EmotionScores, *, mode: Mode | None = None, n: int = 10,
                  target: MoodPoint | None = None, providers: Sequence[str] | None = None,
                  seed: int | None = None) -> MadePlaylist:
    """A playlist for ``scores`` in ``mode`` (default: the user's), shaped by their taste and history.

    Store policy: reading the user's preferences and history must work (``StoreError`` otherwise); a
    playlist that cannot be *saved* is still returned, without an id and with a warning, because the person
    can listen to it all the same.
    """
    prefs = ctx.store.get_preferences(user.id)
    playlist: Playlist = ctx.recommend(
        scores, mode or prefs.default_mode, n, user_id=user.id, feedback=ctx.store,
        listens=[(e.track_key, e.at) for e in ctx.store.list_listens(user.id)],
        favourite=prefs.favourite_genres, blocked=prefs.blocked_genres, settings=ctx.settings, seed=seed,
        target=target, providers=list(providers or prefs.providers) or None)
    record = PlaylistRecord(user_id=user.id, emotion=playlist.emotion, mode=playlist.mode,
                            track_keys=tuple(i.track.key for i in playlist.items),
                            tracks=tuple(StoredTrack.of(i.track, i.reason) for i in playlist.items))
    try:
        ctx.store.add_playlist(record)
    except StoreError as exc:
        log.warning("playlist not saved for user %s: %s", user.id, exc)
        return MadePlaylist(replace(playlist, warnings=(*playlist.warnings, NOT_SAVED)), None)
    return MadePlaylist(playlist, record.id)


def list_playlists(ctx: Context, user: User, *, limit: int | None = None) -> list[PlaylistRecord]:
    """The user's playlists, newest first."""
    newest = sorted(ctx.store.list_playlists(user.id), key=lambda p: p.at, reverse=True)
    return newest[:limit] if limit else newest


def get_playlist(ctx: Context, user: User, playlist_id: str) -> PlaylistRecord:
    """One of the user's playlists. ``NotFound`` when it does not exist or is someone else's."""
    try:
        return ctx.store.get_playlist(user.id, playlist_id)
    except NotFound:
        raise NotFound("no such playlist in your history") from None


def shown_track(ctx: Context, user: User, track_key: str, playlist_id: str | None = None) -> StoredTrack:
    """The track as Moodify showed it to this user (newest playlist first). ``NotFound`` if never shown.

    This is how the server, not the client, supplies a track's artist and tags for feedback.
    """
    records = [get_playlist(ctx, user, playlist_id)] if playlist_id else list_playlists(ctx, user)
    for record in records:
        track = record.track(track_key)
        if track is not None:
            return track
        if track_key in record.track_keys:  # saved before tracks were kept: the key is all there is
            return StoredTrack(key=track_key, title="", artist="")
    where = "in that playlist" if playlist_id else "in any playlist made for you"
    raise NotFound(f"track {track_key} is not {where}")
