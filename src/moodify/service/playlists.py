"""Playlists: the user's preferences and history in, a ranked playlist out; stored only when the person makes
or plays one (a draft is free of side effects); exported and replayed with streams resolved afresh.

The one place where stated taste (favourite and blocked tags), feedback and listening history reach the
ranking, so every front end gets the same playlist for the same user and reading.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from moodify.errors import NotFound, StoreError
from moodify.music.links import fresh_streams, safe_url
from moodify.music.playlist_files import PlaylistFormat, export_playlist
from moodify.service.context import Context
from moodify.store.models import PlaylistRecord, StoredTrack, User
from moodify.types import EmotionScores, Mode, MoodPoint, Playlist, PlaylistItem, canonical_emotion

log = logging.getLogger(__name__)

NOT_SAVED = "this playlist could not be saved to your history (storage is unavailable); it still plays"
NOT_MARKED = "this replay could not be recorded in your history (storage is unavailable); it still plays"


@dataclass(frozen=True)
class MadePlaylist:
    playlist: Playlist
    id: str | None  # None: it could not be saved; ``playlist.warnings`` says so


def draft_playlist(ctx: Context, user: User, scores: EmotionScores, *, mode: Mode | None = None, n: int = 10,
                   target: MoodPoint | None = None, providers: Sequence[str] | None = None,
                   seed: int | None = None, avoid: Sequence[str] = ()) -> Playlist:
    """A playlist for ``scores`` in ``mode`` (default: the user's), shaped by their taste and history;
    ``avoid``: track keys left out as if just heard (a "New playlist" brings new tracks).

    Nothing is stored: a draft becomes history only once the person keeps it (:func:`save_playlist`), so a
    mode toggle, a prefetch or a retry adds nothing. Reading the preferences and history must work
    (``StoreError`` otherwise).
    """
    prefs = ctx.store.get_preferences(user.id)
    playlist: Playlist = ctx.recommend(
        scores, mode or prefs.default_mode, n, user_id=user.id, feedback=ctx.store,
        listens=[*((e.track_key, e.at) for e in ctx.store.list_listens(user.id)),
                 *((key, datetime.now(UTC)) for key in avoid)],
        favourite=prefs.favourite_genres, blocked=prefs.blocked_genres, settings=ctx.settings, seed=seed,
        target=target, providers=list(providers or prefs.providers) or None)
    return playlist


def save_playlist(ctx: Context, user: User, playlist: Playlist) -> MadePlaylist:
    """Store a playlist the person made or played, as it was shown (only safe URLs enter the store).

    A playlist that cannot be saved is still returned, without an id and with a warning, because the person
    can listen to it all the same."""
    record = PlaylistRecord(user_id=user.id, emotion=playlist.emotion, mode=playlist.mode,
                            track_keys=tuple(i.track.key for i in playlist.items),
                            tracks=tuple(_safe(StoredTrack.of(i.track, i.reason)) for i in playlist.items))
    try:
        ctx.store.add_playlist(record)
    except StoreError as exc:
        log.warning("playlist not saved for user %s: %s", user.id, exc)
        return MadePlaylist(replace(playlist, warnings=(*playlist.warnings, NOT_SAVED)), None)
    return MadePlaylist(playlist, record.id)


def make_playlist(ctx: Context, user: User, scores: EmotionScores, *, mode: Mode | None = None, n: int = 10,
                  target: MoodPoint | None = None, providers: Sequence[str] | None = None,
                  seed: int | None = None) -> MadePlaylist:
    """Draft and store in one step: a playlist made on purpose (``POST /v1/playlists``, "New playlist")."""
    playlist = draft_playlist(ctx, user, scores, mode=mode, n=n, target=target, providers=providers, seed=seed)
    return save_playlist(ctx, user, playlist)


def _safe(track: StoredTrack) -> StoredTrack:
    local = track.provider == "local"
    return replace(track, url=safe_url(track.url, local=local) or "", artwork_url=safe_url(track.artwork_url),
                   license_url=safe_url(track.license_url))


def export_file(ctx: Context, user: User, playlist_id: str, fmt: PlaylistFormat) -> str:
    """One of the user's playlists as an M3U8/XSPF file, with streams resolved now (``NotFound`` if not theirs)."""
    record = get_playlist(ctx, user, playlist_id)
    return export_playlist(record.tracks, record.emotion, record.mode, fmt, ctx.settings)


def replay(ctx: Context, user: User, playlist_id: str, *, mark: bool = True) -> tuple[Playlist, int]:
    """A past playlist ready to play again: its tracks as shown, streams resolved afresh (previews expire),
    without the ones the person has disliked since. Also says how many tracks have no stream now.

    ``mark``: the person chose to play it again, so it is recorded (``played_at``) and moves to the top of
    :func:`list_playlists`. ``mark=False`` only brings it back, e.g. into the player after a page reload,
    which is no new play. A replay that can't be recorded still plays, with a warning."""
    from moodify.service.feedback import latest_reactions

    record = get_playlist(ctx, user, playlist_id)
    disliked = {key for key, kind in latest_reactions(ctx, user).items() if kind == "dislike"}
    shown = [t for t in record.tracks if t.key not in disliked]
    streams = fresh_streams([t.as_track() for t in shown], ctx.settings)
    items = tuple(PlaylistItem(track=t, reason=s.reason, step_target=MoodPoint(s.valence, s.arousal))
                  for t, s in zip(streams.tracks, shown, strict=True))
    start = items[0].step_target if items else MoodPoint(0.0, 0.0)
    playlist = Playlist(emotion=canonical_emotion(record.emotion), mode=record.mode, start=start,
                        target=items[-1].step_target if items else start, items=items)
    if mark:
        try:
            ctx.store.mark_playlist_played(user.id, record.id, datetime.now(UTC))
        except StoreError as exc:  # NotFound too: deleted meanwhile; either way it plays
            log.warning("replay of playlist %s not recorded for user %s: %s", record.id, user.id, exc)
            playlist = replace(playlist, warnings=(*playlist.warnings, NOT_MARKED))
    return playlist, streams.missing


def list_playlists(ctx: Context, user: User, *, limit: int | None = None) -> list[PlaylistRecord]:
    """The user's playlists, newest activity first: made, or played again (``played_at``), whichever is later."""
    newest = sorted(ctx.store.list_playlists(user.id), key=lambda p: p.active_at, reverse=True)
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
