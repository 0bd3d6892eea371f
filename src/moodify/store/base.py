"""The ``Store`` interface every backend implements, and the registry that picks one by name.

Every method that reads or changes user data takes the ``user_id`` whose data it is, so no call can
reach another user's records. Failures raise :class:`~moodify.errors.StoreError` (or its ``NotFound`` /
``Conflict``) and leave nothing half-written.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Protocol, runtime_checkable

from moodify.registry import Registry
from moodify.settings import Settings
from moodify.store.models import (
    CounterHit,
    Credentials,
    ListenEvent,
    MoodEvent,
    PlaylistRecord,
    Preferences,
    SessionRecord,
    User,
    UserExport,
)
from moodify.types import FeedbackEvent


@runtime_checkable
class Store(Protocol):
    # --- users -----------------------------------------------------------------------------
    def create_user(self, email: str, display_name: str = "", *, user_id: str | None = None) -> User:
        """New user with default preferences. Raises ``Conflict`` if the (normalised) email is taken.

        ``user_id`` lets an external identity provider's id (a Firebase uid) key the data; default: random.
        """
        ...

    def get_user(self, user_id: str) -> User: ...

    def find_user(self, email: str) -> User:
        """Look up by email (normalised). Raises ``NotFound``."""
        ...

    def delete_user(self, user_id: str) -> None:
        """Remove the user and everything about them: history, sessions, credentials."""
        ...

    # --- preferences -----------------------------------------------------------------------
    def get_preferences(self, user_id: str) -> Preferences: ...

    def set_preferences(self, prefs: Preferences) -> None: ...

    # --- mood history ----------------------------------------------------------------------
    def add_mood_event(self, event: MoodEvent) -> bool:
        """True if stored, False if this user already has an event with the same idempotency key."""
        ...

    def add_mood_events(self, events: Sequence[MoodEvent]) -> int:
        """All in one transaction (all or nothing); returns how many were new."""
        ...

    def get_mood_event(self, user_id: str, event_id: str) -> MoodEvent:
        """Raises ``NotFound`` when it does not exist or belongs to someone else."""
        ...

    def list_mood_events(
        self, user_id: str, *, since: datetime | None = None, until: datetime | None = None,
        limit: int | None = None,
    ) -> list[MoodEvent]:
        """Oldest first; ``limit`` keeps the newest ``limit``."""
        ...

    # --- playlists, feedback, listening -----------------------------------------------------
    def add_playlist(self, record: PlaylistRecord) -> None: ...

    def list_playlists(self, user_id: str) -> list[PlaylistRecord]: ...

    def get_playlist(self, user_id: str, playlist_id: str) -> PlaylistRecord:
        """Raises ``NotFound`` when it does not exist or belongs to someone else."""
        ...

    def mark_playlist_played(self, user_id: str, playlist_id: str, at: datetime) -> None:
        """Set the playlist's ``played_at`` (it was played again). ``NotFound`` like ``get_playlist``."""
        ...

    def add_feedback(self, event: FeedbackEvent) -> bool:
        """True if stored, False if this user already has feedback with the same (non-empty) idempotency key."""
        ...

    def list_feedback(self, user_id: str) -> list[FeedbackEvent]: ...

    def add_listen(self, event: ListenEvent) -> None: ...

    def list_listens(self, user_id: str) -> list[ListenEvent]: ...

    def export_user(self, user_id: str) -> UserExport: ...

    # --- auth data (used by moodify.auth.local) -----------------------------------------------
    def get_credentials(self, user_id: str) -> Credentials | None: ...

    def save_credentials(self, creds: Credentials) -> None: ...

    def count_login_failure(self, user_id: str) -> int:
        """Atomically add one to ``failed_logins`` and return the new count (parallel guesses all count).
        Raises ``NotFound`` when the user has no credentials."""
        ...

    def add_session(self, session: SessionRecord) -> None: ...

    def get_session(self, token_hash: str) -> SessionRecord | None: ...

    def delete_session(self, token_hash: str) -> None: ...

    def delete_user_sessions(self, user_id: str, *, keep: str | None = None) -> int:
        """End every session of the user except the one whose token hash is ``keep``; returns how many."""
        ...

    def purge_sessions(self, expired_before: datetime) -> int:
        """Delete sessions that expired before this time; returns how many."""
        ...

    # --- shared rate counters (API limits, sign-in attempt reservations) -------------------------
    def hit_counter(self, key: str, window_s: int, *, now: float | None = None) -> CounterHit:
        """Atomically count one hit on ``key`` in the current ``window_s``-second window (one upsert), across
        threads and processes sharing the store. ``now``: epoch seconds (default: the clock)."""
        ...

    def purge_counters(self, before: float) -> int:
        """Delete counters whose windows all ended before ``before`` (epoch seconds); returns how many."""
        ...

    # --- track genres looked up online (shared by every user; music/genre_lookup.py) ------------
    def get_track_genres(self, keys: Sequence[str]) -> dict[str, tuple[str, ...]]:
        """Cached genres of the ``keys`` known here (() = looked up, the source has none)."""
        ...

    def put_track_genres(self, genres: Mapping[str, tuple[str, ...]]) -> None:
        """Remember looked-up genres (a later answer replaces an earlier one)."""
        ...

    def close(self) -> None: ...


StoreFactory = Callable[[Settings], Store]
STORES: Registry[StoreFactory] = Registry("store")
