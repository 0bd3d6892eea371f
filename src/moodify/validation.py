"""Limits on every string we store, and one check for them, used at the API edge and in the store.

PostgreSQL text cannot hold NUL, and control characters in names or keys are never legitimate, so
every backend refuses them the same way (a ``ValueError``, which the API answers with 422) instead of
one backend storing what another refuses with a driver error.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

MAX_EMAIL_LEN = 254  # RFC 5321's path limit
MAX_DISPLAY_NAME_LEN = 200
MAX_TRACK_KEY_LEN = 200  # "provider:id"; real ones are < 60
MAX_ARTIST_LEN = 300
MAX_TITLE_LEN = 300
MAX_TAG_LEN = 100
MAX_TAGS = 50
MAX_GENRES = 100  # favourite or blocked genres in preferences
MAX_PROVIDER_LEN = 32
MAX_PROVIDERS = 16
MAX_TRACKS_PER_PLAYLIST = 500
MAX_IDEMPOTENCY_KEY_LEN = 128
MAX_FREE_TEXT_LEN = 5000  # typed sentences; the text model reads at most this much

_ALLOWED_IN_FREE_TEXT = frozenset("\t\n\r")
# C0 controls, DEL and C1 controls: never text. The one definition for refusing them here and for cleaning
# them out of provider data and playlist files (music/http.py, music/links.py, music/playlist_files.py).
CONTROL_CHARACTERS = "\x00-\x1f\x7f-\x9f"  # a regex character-class body
CONTROL = re.compile(f"[{CONTROL_CHARACTERS}]")


class InvalidText(ValueError):
    """A string broke a limit. A ``ValueError`` (pydantic turns it into a field error); the API answers 422."""


def _bad_char(value: str, *, free_text: bool) -> str | None:
    for ch in value:
        code = ord(ch)
        # C0 controls, DEL, C1 controls; surrogates can't be encoded as UTF-8 (a lone "\ud800" from JSON).
        if code < 0x20 or 0x7F <= code < 0xA0:
            if free_text and ch in _ALLOWED_IN_FREE_TEXT:
                continue
            return ch
        if 0xD800 <= code <= 0xDFFF:
            return ch
    return None


def check_text(value: str, *, field: str, max_len: int, free_text: bool = False) -> str:
    """``value`` unchanged if it is at most ``max_len`` characters with no control characters.

    ``free_text`` allows tab, newline and carriage return (a typed sentence); names, keys and tags allow
    none. Raises :class:`InvalidText` (a ``ValueError``) naming the field and the rule, never echoing a long value back.
    """
    if not isinstance(value, str):
        raise InvalidText(f"{field} must be text, got {type(value).__name__}")
    if len(value) > max_len:
        raise InvalidText(f"{field} has {len(value)} characters; at most {max_len} are allowed")
    bad = _bad_char(value, free_text=free_text)
    if bad is not None:
        what = "a NUL byte" if bad == "\x00" else f"the control character U+{ord(bad):04X}"
        if 0xD800 <= ord(bad) <= 0xDFFF:
            what = "an unpaired surrogate (not valid Unicode)"
        raise InvalidText(f"{field} contains {what}, which is not allowed")
    return value


def check_texts(values: Iterable[str], *, field: str, max_len: int, max_items: int) -> tuple[str, ...]:
    """A tuple of at most ``max_items`` strings, each passing :func:`check_text`."""
    items = tuple(values)
    if len(items) > max_items:
        raise InvalidText(f"{field} has {len(items)} entries; at most {max_items} are allowed")
    for i, item in enumerate(items):
        check_text(item, field=f"{field}[{i}]", max_len=max_len)
    return items
