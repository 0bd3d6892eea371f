"""What the pages call: one :class:`Services` per process (``st.cache_resource``), built from Settings.

Pages only parse input and render; every call into the facade, the store and the auth backend goes
through here, so the pages stay thin and tests can hand the app their own ``Settings``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import streamlit as st

from moodify.auth import AuthBackend
from moodify.settings import Settings, get_settings
from moodify.store import Store

log = logging.getLogger(__name__)

SETTINGS_KEY = "moodify.settings"  # tests put their own Settings here before the first run
SERVICES_KEY = "moodify.services"  # ... or a whole Services (e.g. with a stand-in analyser)


@dataclass
class Services:
    """The long-lived resources: settings, store, auth backend and the facade functions."""

    settings: Settings
    store: Store
    auth: AuthBackend
    analyze: Callable[..., Any]
    recommend: Callable[..., Any]
    analyze_text: Callable[..., Any]


def build_services(settings: Settings) -> Services:
    """Open the store and the auth backend named by ``settings``; the model loads on first analysis."""
    import moodify
    from moodify.auth import open_auth
    from moodify.store import open_store
    from moodify.text import analyze_text

    store = open_store(settings)
    auth = open_auth(settings, store)
    return Services(settings=settings, store=store, auth=auth, analyze=moodify.analyze,
                    recommend=moodify.recommend, analyze_text=analyze_text)


@st.cache_resource(show_spinner=False)
def _cached_services(key: str, _settings: Settings) -> Services:
    log.info("opening store %s and auth %s", _settings.store, _settings.auth)
    return build_services(_settings)


def services_for(settings: Settings) -> Services:
    """The process's Services for ``settings``: built on first use, then shared by every session."""
    return _cached_services(settings.model_dump_json(), settings)


def services() -> Services:
    """This process's :class:`Services` for the session's settings (built once per distinct settings)."""
    given = st.session_state.get(SERVICES_KEY)
    if isinstance(given, Services):
        return given
    settings = st.session_state.get(SETTINGS_KEY)
    if not isinstance(settings, Settings):
        settings = get_settings()
    return services_for(settings)
