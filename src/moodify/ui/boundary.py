"""One error boundary per page: a plain message for the person and a log line for us, never a traceback.

Streamlit's own control flow (``st.stop``, ``st.rerun``) raises ``BaseException`` subclasses, so catching
``Exception`` here leaves it alone.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable

import streamlit as st

log = logging.getLogger(__name__)

MESSAGE = ("Something went wrong on this page, and it was not your fault. Your data is safe. "
           "Try again, or open another page. (Reference {ref})")


def guarded(page: str, render: Callable[[], None]) -> None:
    """Run ``render``; an unexpected error becomes a short message with a reference the log also carries."""
    try:
        render()
    except Exception:
        ref = secrets.token_hex(4)
        log.exception("page %s failed (ref %s)", page, ref)
        st.error(MESSAGE.format(ref=ref))
