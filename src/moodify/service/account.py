"""The person's own data: preferences, history, liked tracks, export and deleting the account."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Literal

from moodify.errors import MoodifyError
from moodify.service.context import Context
from moodify.service.feedback import latest_reactions
from moodify.service.playlists import list_playlists
from moodify.store.export import to_csv, to_json
from moodify.store.models import MODES, MoodEvent, PlaylistRecord, Preferences, StoredTrack, User
from moodify.types import FeedbackEvent
from moodify.validation import MAX_GENRES, MAX_TAG_LEN

ExportFormat = Literal["json", "csv"]


def preferences(ctx: Context, user: User) -> Preferences:
    return ctx.store.get_preferences(user.id)


def save_preferences(ctx: Context, user: User, *, mode: str, favourite: Sequence[str], blocked: Sequence[str],
                     providers: Sequence[str], store_photos: bool) -> Preferences:
    """Validate and save. ``ValueError`` with a message for the person when the input can't be saved as is."""
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}; known: {', '.join(MODES)}")
    liked, never = _tags(favourite, "favourites"), _tags(blocked, "never play")
    both = sorted(set(liked) & set(never))
    if both:
        raise ValueError(f"{', '.join(both)} can't be both a favourite and blocked.")
    from moodify.music.providers import PROVIDERS

    unknown = [p for p in providers if p not in PROVIDERS.names()]
    if unknown:
        raise ValueError(f"unknown music source(s) {', '.join(unknown)}; known: {', '.join(PROVIDERS.names())}")
    prefs = Preferences(user_id=user.id, default_mode=mode,  # narrowed by the MODES check
                        favourite_genres=liked, blocked_genres=never, providers=tuple(dict.fromkeys(providers)),
                        store_photos=store_photos)
    ctx.store.set_preferences(prefs)
    return prefs


def _tags(values: Sequence[str], what: str) -> tuple[str, ...]:
    clean = tuple(dict.fromkeys(v.strip().lower() for v in values if v.strip()))
    if len(clean) > MAX_GENRES:
        raise ValueError(f"at most {MAX_GENRES} {what}, got {len(clean)}")
    for tag in clean:
        if len(tag) > MAX_TAG_LEN or not tag.isprintable():
            raise ValueError(f"{what}: {tag[:40]!r} is not a genre or mood word (at most {MAX_TAG_LEN} "
                             "printable characters)")
    return clean


@dataclass(frozen=True)
class History:
    moods: tuple[MoodEvent, ...]  # oldest first
    playlists: tuple[PlaylistRecord, ...]  # newest first
    feedback: tuple[FeedbackEvent, ...]  # oldest first


def history(ctx: Context, user: User, *, since: datetime | None = None, limit: int = 100) -> History:
    """The newest ``limit`` of each kind of record (moods at or after ``since``)."""
    moods = ctx.store.list_mood_events(user.id, since=since, limit=limit)
    return History(moods=tuple(moods), playlists=tuple(list_playlists(ctx, user, limit=limit)),
                   feedback=tuple(ctx.store.list_feedback(user.id)[-limit:]))


def liked_tracks(ctx: Context, user: User) -> list[StoredTrack]:
    """Tracks whose latest like/dislike is a like, newest playlist's view of each, as they were shown."""
    liked = [key for key, kind in latest_reactions(ctx, user).items() if kind == "like"]
    shown: dict[str, StoredTrack] = {}
    for record in list_playlists(ctx, user):
        for track in record.tracks:
            shown.setdefault(track.key, track)
    return [shown.get(key, StoredTrack(key=key, title="", artist="")) for key in reversed(liked)]


@dataclass(frozen=True)
class Export:
    content: str
    media_type: str
    filename: str


def export_user(ctx: Context, user: User, fmt: ExportFormat = "json") -> Export:
    """Everything stored about the user, as one JSON document or one CSV table."""
    data = ctx.store.export_user(user.id)
    if fmt == "csv":
        return Export(to_csv(data), "text/csv", "moodify-export.csv")
    return Export(to_json(data), "application/json", "moodify-export.json")


def delete_account(ctx: Context, user: User) -> None:
    """The account at the identity provider and every record in the store. A guest has nothing stored."""
    if ctx.guest:
        raise MoodifyError("a guest has no account to delete: close the tab and everything is gone")
    ctx.auth.delete_account(user.id)



def adopt_guest_readings(ctx: Context, user: User, guest: Context, guest_user: User) -> int:
    """A guest who creates an account keeps what they did: their readings move into the account's store.

    Idempotency keys come along, so doing it twice (a retried click) stores each reading once. Returns how
    many were new. Photos never leave the guest's memory (a guest never opted in to keeping them).
    """
    events = [replace(e, user_id=user.id, photo=None, id="")
              for e in guest.store.list_mood_events(guest_user.id)]
    return ctx.store.add_mood_events(events)
