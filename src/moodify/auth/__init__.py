"""Who is signed in. ``open_auth(settings, store)`` picks ``settings.auth`` (``local`` or ``firebase``);
``guest_session()`` gives a guest that stores nothing."""

from __future__ import annotations

from moodify.auth.base import AUTH_BACKENDS, AuthBackend, Session
from moodify.auth.guest import GUEST_NOTICE, GuestSession, guest_session
from moodify.settings import Settings
from moodify.store.base import Store


def _load_builtins() -> None:
    from moodify.auth import firebase, local  # noqa: F401  (firebase_admin itself loads lazily)


def open_auth(settings: Settings, store: Store) -> AuthBackend:
    _load_builtins()
    return AUTH_BACKENDS.get(settings.auth)(settings, store)


__all__ = [
    "AUTH_BACKENDS", "GUEST_NOTICE", "AuthBackend", "GuestSession", "Session", "guest_session", "open_auth",
]
