"""One error boundary per page: a plain message for the person and a log line for us, never a traceback.

A Moodify error that reaches it is worded by :func:`moodify.errors.public_message`, the one place that words
errors for people; anything else is a bug: logged with a reference that the page quotes.
Streamlit's own control flow (``st.stop``, ``st.rerun``) raises ``BaseException`` subclasses, so catching
``Exception`` here leaves it alone.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import streamlit as st

from moodify.errors import MoodifyError, public_message, reference

log = logging.getLogger(__name__)

MESSAGE = ("Something went wrong on this page, and it was not your fault. Your data is safe. "
           "Try again, or open another page. (Reference {ref}.)")


def guarded(page: str, render: Callable[[], None]) -> None:
    """Run ``render``; an error nobody handled becomes a short message the person can act on."""
    try:
        render()
    except MoodifyError as exc:  # expected kinds (store down, provider failed): say what and what to do
        log.warning("page %s stopped: %s", page, exc)
        st.error(public_message(exc))
    except Exception:
        ref = reference()
        log.exception("page %s failed (ref %s)", page, ref)
        st.error(MESSAGE.format(ref=ref))
