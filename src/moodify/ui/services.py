"""The process's application-layer :class:`~moodify.service.Context`, shared by every browser session.

Pages only parse input and render; what they do with a user's data goes through :mod:`moodify.service`
with this context (or a guest's, over the guest's throw-away store). Tests hand in their own.
"""

from __future__ import annotations

import logging

import streamlit as st

from moodify.service import Context, open_context
from moodify.settings import Settings, get_settings

log = logging.getLogger(__name__)

SETTINGS_KEY = "moodify.settings"  # tests put their own Settings here before the first run
CONTEXT_KEY = "moodify.context"  # ... or a whole Context (e.g. with a stand-in analyser)


@st.cache_resource(show_spinner=False)
def _cached_context(key: str, _settings: Settings) -> Context:
    log.info("opening store %s and auth %s", _settings.store, _settings.auth)
    return open_context(_settings)


def context_for(settings: Settings) -> Context:
    """The process's Context for ``settings``: built on first use, then shared by every session."""
    return _cached_context(settings.model_dump_json(), settings)


def context() -> Context:
    """This session's process-wide Context (one per distinct settings)."""
    given = st.session_state.get(CONTEXT_KEY)
    if isinstance(given, Context):
        return given
    settings = st.session_state.get(SETTINGS_KEY)
    if not isinstance(settings, Settings):
        settings = get_settings()
    return context_for(settings)
