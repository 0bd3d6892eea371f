"""What every use case is handed: the settings, the user's store, the auth backend and the stateless facade.

The one composition root: the Streamlit app, the API's ``create_app`` and each CLI command build their
Context with :func:`open_context` (or are handed one by a test), so all three open the same backends from the
same settings the same way.
"""

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

    def close(self) -> None:
        """Release the store's connections (a CLI command's context; a server's lives as long as it)."""
        self.store.close()


def open_context(settings: Settings, *, store: Store | None = None, auth: AuthBackend | None = None) -> Context:
    """Open the store and the auth backend named by ``settings`` (or use the ones given, e.g. by a test);
    models load on first use. ``StoreError`` when the store can't be opened."""
    from moodify.auth import open_auth
    from moodify.store import open_store

    store = store if store is not None else open_store(settings)
    return Context(settings=settings, store=store, auth=auth if auth is not None else open_auth(settings, store))
