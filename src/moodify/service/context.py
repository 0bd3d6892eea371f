"""What every use case is handed: the settings, the user's store, the auth backend and the stateless facade."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import moodify
from moodify.settings import Settings
from moodify.store.base import Store

if TYPE_CHECKING:
    from moodify.auth.base import AuthBackend
    from moodify.auth.guest import GuestSession


@dataclass
class Context:
    """One per process (and one per guest, over the guest's throw-away store).

    The facade functions are fields so a test can hand in a stand-in model; production uses ``moodify.*``.
    Nothing in Moodify changes a Context once built; only tests swap its parts.
    """

    settings: Settings
    store: Store
    auth: AuthBackend
    guest: bool = False  # a guest's context: ``store`` is their throw-away memory, there is no account
    analyze: Callable[..., Any] = field(default=moodify.analyze)
    analyze_text: Callable[..., Any] = field(default=moodify.analyze_text)
    recommend: Callable[..., Any] = field(default=moodify.recommend)

    def for_guest(self, guest: GuestSession) -> Context:
        """The same models and settings over the guest's in-memory store: nothing reaches the database."""
        return Context(settings=self.settings, store=guest.store, auth=self.auth, guest=True, analyze=self.analyze,
                       analyze_text=self.analyze_text, recommend=self.recommend)


def open_context(settings: Settings) -> Context:
    """Open the store and the auth backend named by ``settings``; models load on first use."""
    from moodify.auth import open_auth
    from moodify.store import open_store

    store = open_store(settings)
    return Context(settings=settings, store=store, auth=open_auth(settings, store))
