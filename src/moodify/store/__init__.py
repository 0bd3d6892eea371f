"""Where Moodify keeps users, preferences and history. Pick a backend with ``settings.store``.

``open_store(settings)`` returns a ready :class:`Store` (for SQL: migrated to the newest schema).
"""

from __future__ import annotations

from moodify.settings import Settings
from moodify.store.base import STORES, Store
from moodify.store.models import (
    Credentials,
    ListenEvent,
    MoodEvent,
    PlaylistRecord,
    Preferences,
    SessionRecord,
    StoredTrack,
    User,
    UserExport,
    idempotency_key,
    normalize_email,
)


def _load_builtins() -> None:
    # Explicit imports register the built-in backends; heavy client libraries load only when used.
    from moodify.store import firestore, memory, sql  # noqa: F401


def open_store(settings: Settings) -> Store:
    """The store named by ``settings.store`` (``sql``, ``firestore``, ``memory``), ready to use."""
    _load_builtins()
    return STORES.get(settings.store)(settings)


def store_names() -> list[str]:
    _load_builtins()
    return STORES.names()


__all__ = [
    "STORES",
    "Credentials",
    "ListenEvent",
    "MoodEvent",
    "PlaylistRecord",
    "Preferences",
    "SessionRecord",
    "Store",
    "StoredTrack",
    "User",
    "UserExport",
    "idempotency_key",
    "normalize_email",
    "open_store",
    "store_names",
]
