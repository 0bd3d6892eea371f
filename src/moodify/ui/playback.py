"""The playlist and the player, for this browser session: drafts, keeping, feedback, Play again, export.

A playlist on screen is a *draft* until the person keeps it: it is stored when they press "New playlist"
(made on purpose) or when its first track starts playing or gets a reaction (played), so a mode toggle
refines the draft instead of adding history. A dislike takes the track out of the queue at once; Play again
resolves a past playlist's streams afresh and never interrupts the track that plays.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from dataclasses import replace

from moodify import service
from moodify.errors import MoodifyError, public_message
from moodify.music.playlist_files import PlaylistFormat, playlist_file
from moodify.types import EmotionScores, FeedbackKind, Mode, Playlist, Track
from moodify.ui.actions import Who
from moodify.ui.session import Told, UIState

log = logging.getLogger(__name__)


def draft(ui: UIState, scores: EmotionScores, mode: Mode, who: Who, origin: str, n: int = 10) -> Playlist:
    """The playlist for ``scores`` in ``mode``; the same inputs give back the one on screen. Not stored."""
    made_from = (origin, scores.probabilities, mode)
    if ui.playlist is not None and ui.playlist_for == made_from:
        return ui.playlist
    playlist = service.draft_playlist(who.ctx, who.user, scores, mode=mode, n=n)
    _show(ui, playlist, None, made_from)
    return playlist


def new_playlist(ui: UIState, scores: EmotionScores, mode: Mode, who: Who, origin: str, n: int = 10) -> Playlist:
    """"New playlist": other tracks for the same mood, kept in the history at once (made on purpose)."""
    avoid = tuple(item.track.key for item in ui.playlist.items) if ui.playlist is not None else ()
    playlist = service.draft_playlist(who.ctx, who.user, scores, mode=mode, n=n, avoid=avoid,
                                      seed=secrets.randbelow(2**31))
    made = service.save_playlist(who.ctx, who.user, playlist)
    _show(ui, made.playlist, made.id, (origin, scores.probabilities, mode))
    return made.playlist


def _show(ui: UIState, playlist: Playlist, playlist_id: str | None, made_from: tuple[object, ...]) -> None:
    ui.playlist, ui.playlist_id, ui.playlist_for = playlist, playlist_id, made_from
    ui.player_index = 0


def keep(ui: UIState, who: Who) -> str | None:
    """Store the playlist on screen if it is still a draft (it is being played); its id."""
    if ui.playlist is not None and ui.playlist_id is None:
        made = service.save_playlist(who.ctx, who.user, ui.playlist)
        ui.playlist_id = made.id
    return ui.playlist_id


def react(ui: UIState, who: Who, track: Track, kind: FeedbackKind, *, seconds: float | None = None,
          attempt: str | None = None, carried: bool = False) -> str | None:
    """like / skip / dislike / finished / play on ``track``; a message when refused.

    The playlist on screen is kept first (feedback names a stored playlist). A track the player carried over
    from an earlier playlist is credited to the newest stored playlist that has it. A dislike also takes the
    track out of the queue, so Next never plays it."""
    playlist_id = None if carried else keep(ui, who)
    try:
        service.give_feedback(who.ctx, who.user, kind, track_key=track.key, playlist_id=playlist_id,
                              seconds=seconds, attempt=attempt)
    except MoodifyError as exc:
        log.info("feedback %s on %s not stored: %s", kind, track.key, exc)
        return public_message(exc)
    if kind in ("like", "dislike"):
        ui.reactions[track.key] = kind
    if kind == "dislike":
        drop(ui, track.key)
    return None


def drop(ui: UIState, key: str) -> None:
    """Take a disliked track out of the queue (and the page); the player moves on to the one after it."""
    if ui.carried is not None and ui.carried.key == key:
        ui.carried = None
    if ui.now_playing == key:
        ui.now_playing = None
    if ui.playlist is None:
        return
    items = ui.playlist.items
    at = next((i for i, item in enumerate(items) if item.track.key == key), None)
    if at is None:
        return
    ui.playlist = replace(ui.playlist, items=items[:at] + items[at + 1:])
    if at < ui.player_index:
        ui.player_index -= 1
    ui.player_index = max(0, min(ui.player_index, len(items) - 2))


def disliked(ui: UIState) -> list[str]:
    return [key for key, kind in ui.reactions.items() if kind == "dislike"]


def play_again(ui: UIState, who: Who, playlist_id: str) -> int:
    """Load a past playlist into the player, streams resolved now; returns how many tracks have none.

    A track that plays goes on and the playlist follows it; with nothing playing, its first track starts.
    The replay is recorded, so the playlist moves to the top of History."""
    playlist, missing = service.replay(who.ctx, who.user, playlist_id)
    _show(ui, playlist, playlist_id, ("replay", playlist_id))
    ui.player_autoplay += 1
    return missing


def restore(ui: UIState, who: Who) -> None:
    """A new browser session (a reload, a second tab) of a signed-in person starts where they were: their
    last reading as the current mood and their newest playlist in the player (streams resolved afresh).
    Restoring is not playing again: History keeps its order."""
    if ui.restored:
        return
    ui.restored = True
    if ui.scan is not None or ui.told is not None or ui.playlist is not None:
        return
    try:
        events = who.ctx.store.list_mood_events(who.user.id)
        newest = service.list_playlists(who.ctx, who.user, limit=1)
        if not events:
            return
        last = max(events, key=lambda e: e.at)
        scores = EmotionScores.from_array(last.probabilities)
        ui.told = Told(source="restored", origin=f"restored:{last.id}", scores=scores, when=last.at)
        if newest and newest[0].mode in ("match", "lift", "calm"):  # the modes the page offers
            # Back where they were, not played again: a reload must not reorder History.
            playlist, _missing = service.replay(who.ctx, who.user, newest[0].id, mark=False)
            _show(ui, playlist, newest[0].id, (ui.told.origin, scores.probabilities, playlist.mode))
            ui.mode = playlist.mode
    except MoodifyError as exc:  # the page still works; it just starts empty
        log.warning("could not restore the last reading and playlist: %s", exc)


def export(who: Who, fmt: PlaylistFormat, *, playlist_id: str | None = None,
           playlist: Playlist | None = None) -> Callable[[], str]:
    """The file behind an Export button, made when it is clicked (streams resolved then): a stored playlist
    by id, else a playlist on screen; both give the bytes the API and the CLI give."""
    ctx, user = who.ctx, who.user

    def make() -> str:
        if playlist_id is not None:
            return service.export_file(ctx, user, playlist_id, fmt)
        assert playlist is not None
        return playlist_file(playlist, fmt, ctx.settings)

    return make
