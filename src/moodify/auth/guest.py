"""Guest mode: everything works, nothing is saved. History lives in memory for this session only."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from moodify.auth.base import Session
from moodify.store.memory import MemoryStore

GUEST_NOTICE = "Guest mode: nothing is saved. Your mood history disappears when you close this session."


@dataclass(frozen=True)
class GuestSession:
    """A session with its own throw-away in-memory store (so feedback still shapes this session's picks)."""

    session: Session
    store: MemoryStore
    notice: str = GUEST_NOTICE

    @property
    def user_id(self) -> str:
        return self.session.user.id


def guest_session() -> GuestSession:
    """A fresh guest. Touches no database, file or service."""
    store = MemoryStore()
    user = store.create_user(f"guest-{secrets.token_hex(6)}@guest.invalid", display_name="Guest")
    session = Session(token="", user=user, expires_at=None, backend="guest", guest=True)
    return GuestSession(session=session, store=store)
