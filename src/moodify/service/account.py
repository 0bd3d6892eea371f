"""The person's account and own data: signing up and in, the password, preferences, history, export, delete.

Every front end signs people up, in and out through these (the UI's forms, the API's ``/v1/auth`` routes,
the admin CLI), so the rules (two passwords must match, a guest's readings move over once, which backends
have a password to change) hold the same way everywhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Literal, Protocol, runtime_checkable

from moodify.auth.base import Session
from moodify.errors import InvalidInput, NotFound
from moodify.service.context import Context
from moodify.service.feedback import latest_reactions
from moodify.service.playlists import list_playlists
from moodify.store.export import to_csv, to_json
from moodify.store.models import MODES, ListenEvent, MoodEvent, PlaylistRecord, Preferences, StoredTrack, User
from moodify.types import FeedbackEvent
from moodify.validation import MAX_GENRES, MAX_TAG_LEN

ExportFormat = Literal["json", "csv"]
EXPORT_FORMATS: tuple[ExportFormat, ...] = ("json", "csv")
DELETE_CONFIRMATION = "DELETE"  # typed by the person (UI), sent by a client (API), implied by the admin CLI


@runtime_checkable
class ChangesPasswords(Protocol):
    """An auth backend that keeps passwords itself (local accounts; Firebase changes them at Google)."""

    def change_password(self, user_id: str, password: str, *, current_password: str | None = None,
                        keep_token: str | None = None) -> int: ...


# --- signing up, in and out ---------------------------------------------------------------------


def sign_up(ctx: Context, email: str, password: str, *, again: str | None = None, client: str = "") -> Session:
    """A new account, signed in. ``again``: the repeated password of a form, which must match.

    ``AuthError`` for a weak password or a refusal that does not say whether the address is taken.
    """
    if again is not None and again != password:
        raise InvalidInput("the two passwords differ")
    return ctx.auth.sign_up(email, password, client=client)


def sign_in(ctx: Context, email: str, password: str, *, client: str = "") -> Session:
    """``AuthError`` for a wrong e-mail or password or a throttled attempt (one message for all)."""
    return ctx.auth.sign_in(email, password, client=client)


def sign_out(ctx: Context, token: str) -> None:
    """The token is refused from now on."""
    ctx.auth.sign_out(token)


@dataclass(frozen=True)
class Adopted:
    """A guest who signed up: the new session and how many of the guest's readings were kept."""

    session: Session
    kept: int


def sign_up_guest(ctx: Context, guest: Context, guest_user: User, email: str, password: str, *,
                  keep: bool, again: str | None = None) -> Adopted:
    """A guest creates an account and, if they say so, keeps the readings of their guest session."""
    session = sign_up(ctx, email, password, again=again)
    kept = adopt_guest_readings(ctx, session.user, guest, guest_user) if keep else 0
    return Adopted(session, kept)


def change_password(ctx: Context, user: User, *, current: str | None, new: str, again: str | None = None,
                    keep_token: str | None = None) -> int:
    """A new password; every other session ends (``keep_token``'s stays). Returns how many ended.

    ``current`` must be right when given (the person's own change); the admin CLI gives None.
    ``InvalidInput`` when the two new passwords differ or the backend keeps no passwords; ``AuthError``
    for a wrong current password or a new one that breaks the password rules.
    """
    if again is not None and again != new:
        raise InvalidInput("the two new passwords differ")
    if not isinstance(ctx.auth, ChangesPasswords):
        raise InvalidInput(f"the {ctx.auth.name} sign-in has no password to change here; change it with "
                           "that provider")
    return ctx.auth.change_password(user.id, new, current_password=current, keep_token=keep_token)


def create_account(ctx: Context, email: str, password: str, *, name: str = "") -> User:
    """An account without a session (the admin CLI). Same rules as :func:`sign_up`."""
    return ctx.auth.create_account(email, password, display_name=name)


def find_account(ctx: Context, email: str) -> User:
    """The account with this e-mail (the admin CLI names people by address). ``NotFound`` otherwise."""
    try:
        return ctx.store.find_user(email)
    except NotFound:
        raise NotFound(f"there is no account with e-mail {email}") from None


# --- preferences ----------------------------------------------------------------------------------


def preferences(ctx: Context, user: User) -> Preferences:
    return ctx.store.get_preferences(user.id)


def save_preferences(ctx: Context, user: User, *, mode: str, favourite: Sequence[str], blocked: Sequence[str],
                     providers: Sequence[str], store_photos: bool) -> Preferences:
    """Validate and save. ``InvalidInput`` with a message for the person when it can't be saved as is."""
    if mode not in MODES:
        raise InvalidInput(f"unknown mode {mode!r}; known: {', '.join(MODES)}")
    liked, never = _tags(favourite, "favourites"), _tags(blocked, "never play")
    both = sorted(set(liked) & set(never))
    if both:
        raise InvalidInput(f"a tag can't be both a favourite and blocked: {', '.join(both)}")
    from moodify.music.providers import PROVIDERS

    unknown = [p for p in providers if p not in PROVIDERS.names()]
    if unknown:
        raise InvalidInput(f"unknown music source(s) {', '.join(unknown)}; known: {', '.join(PROVIDERS.names())}")
    prefs = Preferences(user_id=user.id, default_mode=mode,  # narrowed by the MODES check
                        favourite_genres=liked, blocked_genres=never, providers=tuple(dict.fromkeys(providers)),
                        store_photos=store_photos)
    ctx.store.set_preferences(prefs)
    return prefs


def _tags(values: Sequence[str], what: str) -> tuple[str, ...]:
    clean = tuple(dict.fromkeys(v.strip().lower() for v in values if v.strip()))
    if len(clean) > MAX_GENRES:
        raise InvalidInput(f"at most {MAX_GENRES} {what}, got {len(clean)}")
    for tag in clean:
        if len(tag) > MAX_TAG_LEN or not tag.isprintable():
            raise InvalidInput(f"{what}: {tag[:40]!r} is not a genre or mood word (at most {MAX_TAG_LEN} "
                             "printable characters)")
    return clean


@dataclass(frozen=True)
class UserHistory:
    """What :func:`history` returns: the user's own records of each kind."""

    moods: tuple[MoodEvent, ...]  # oldest first
    playlists: tuple[PlaylistRecord, ...]  # newest first
    feedback: tuple[FeedbackEvent, ...]  # oldest first
    listens: tuple[ListenEvent, ...] = ()  # oldest first


def history(ctx: Context, user: User, *, since: datetime | None = None, limit: int | None = 100) -> UserHistory:
    """The newest ``limit`` (None: all) of each kind of record (moods at or after ``since``)."""
    if limit is not None and limit < 1:
        raise InvalidInput("the limit must be at least 1")
    moods = ctx.store.list_mood_events(user.id, since=since, limit=limit)
    feedback, listens = ctx.store.list_feedback(user.id), ctx.store.list_listens(user.id)
    return UserHistory(moods=tuple(moods), playlists=tuple(list_playlists(ctx, user, limit=limit)),
                       feedback=tuple(feedback[-limit:] if limit else feedback),
                       listens=tuple(listens[-limit:] if limit else listens))


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


def export_user(ctx: Context, user: User, fmt: str = "json") -> Export:
    """Everything stored about the user, as one JSON document or one CSV table. ``InvalidInput``: other fmt."""
    if fmt not in EXPORT_FORMATS:
        raise InvalidInput(f"the export format must be json or csv, not {fmt!r}")
    data = ctx.store.export_user(user.id)
    if fmt == "csv":
        return Export(to_csv(data), "text/csv", "moodify-export.csv")
    return Export(to_json(data), "application/json", "moodify-export.json")


def delete_account(ctx: Context, user: User, *, confirm: str = DELETE_CONFIRMATION) -> None:
    """The account at the identity provider and every record in the store. It cannot be undone, so the
    front end passes what the person typed or sent as ``confirm``; it must be ``DELETE``."""
    if ctx.guest:
        raise InvalidInput("a guest has no account to delete: close the tab and everything is gone")
    if confirm != DELETE_CONFIRMATION:
        raise InvalidInput(f"type {DELETE_CONFIRMATION} to confirm: deleting the account cannot be undone")
    ctx.auth.delete_account(user.id)


def adopt_guest_readings(ctx: Context, user: User, guest: Context, guest_user: User) -> int:
    """A guest who creates an account keeps what they did: their readings move into the account's store.

    Idempotency keys come along, so doing it twice (a retried click) stores each reading once. Returns how
    many were new. Photos never leave the guest's memory (a guest never opted in to keeping them).
    """
    events = [replace(e, user_id=user.id, photo=None, id="")
              for e in guest.store.list_mood_events(guest_user.id)]
    return ctx.store.add_mood_events(events)
