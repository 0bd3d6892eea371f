"""The ``AuthBackend`` interface, the ``Session`` it hands out, and the registry of backends."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, runtime_checkable

from moodify.errors import AuthError
from moodify.registry import Registry
from moodify.settings import Settings
from moodify.store.base import Store
from moodify.store.models import User, normalize_email


def account_email(email: str) -> str:
    """The normalised e-mail every backend keys accounts by; ``AuthError`` when it is not one."""
    try:
        return normalize_email(email)
    except ValueError as exc:
        raise AuthError(str(exc)) from exc


@dataclass(frozen=True)
class Session:
    """What a signed-in client holds. ``token`` goes back on every request and is verified every time."""

    token: str
    user: User
    expires_at: datetime | None
    backend: str
    refresh_token: str | None = None  # Firebase only: trade it for a fresh ID token
    guest: bool = False

    def __repr__(self) -> str:  # never log a token
        who = self.user.email or self.user.id
        return f"Session(user={who!r}, backend={self.backend!r}, guest={self.guest})"


@runtime_checkable
class AuthBackend(Protocol):
    name: str

    def sign_up(self, email: str, password: str) -> Session:
        """Create the account and sign in. ``AuthError`` for a weak password or a taken email."""
        ...

    def sign_in(self, email: str, password: str) -> Session:
        """``AuthError`` for a wrong email/password (same message for both) or a throttled account."""
        ...

    def verify(self, token: str) -> User:
        """The user a token belongs to, checked server-side every time. ``AuthError`` otherwise."""
        ...

    def refresh(self, refresh_token: str) -> Session: ...

    def sign_out(self, token: str) -> None:
        """Revoke the session: the token is refused from now on."""
        ...

    def create_account(self, email: str, password: str, display_name: str = "") -> User:
        """Create the account without signing in (admin CLI). Same rules as ``sign_up``."""
        ...

    def delete_account(self, user_id: str) -> None:
        """Delete the account and all its data (store and identity provider)."""
        ...


AuthFactory = Callable[[Settings, Store], AuthBackend]
AUTH_BACKENDS: Registry[AuthFactory] = Registry("auth")
