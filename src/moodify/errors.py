"""Specific errors instead of sentinel values, and the one place that turns any error into words for a person.

A Moodify error's message says what went wrong in the person's terms; :func:`public_message` makes it a
sentence and adds what to do next. Anything else (a bug, a driver's text, a path) stays in the log, and the
person gets a short reference they can quote to whoever runs the server.
"""

from __future__ import annotations

import logging
import re
import secrets

log = logging.getLogger(__name__)


class MoodifyError(Exception):
    """Base class of every error Moodify raises on purpose."""


class InvalidInput(MoodifyError):
    """The request can't be carried out as it is: an unknown name, a value out of range, two that conflict.

    What the application layer raises for bad input instead of ``ValueError``/``KeyError``, so every front
    end maps it once (the API to 422, the CLI to exit 2, the UI to a message under the form).
    """


class ImageError(MoodifyError):
    """The bytes are not an image we accept (corrupt, too large, unsupported, a decompression bomb)."""


class NoFaceFound(MoodifyError):
    """An operation needed a face and the image has none."""


class ModelError(MoodifyError):
    """The emotion model is missing or broken."""


class DatasetError(MoodifyError):
    """A labelled image folder (``<class>/*``) is missing, empty or laid out unexpectedly."""


class ProviderError(MoodifyError):
    """A music provider failed (timeout, HTTP error, malformed answer)."""


class NoTracksFound(MoodifyError):
    """No provider in the chain returned any track."""


class StoreError(MoodifyError):
    """The store could not complete the operation; nothing was half-written."""


class NotFound(StoreError):
    """The user or record does not exist."""


class Conflict(StoreError):
    """The record already exists (e.g. an email taken)."""


class AuthError(MoodifyError):
    """Authentication failed: wrong password, bad/expired/revoked token, throttled account."""


class TextError(MoodifyError):
    """The text cannot be analysed (empty or only whitespace/control characters)."""


class RegistryError(MoodifyError, KeyError):
    """Unknown or duplicate plugin name."""

    def __str__(self) -> str:  # KeyError quotes its message; we want it plain
        return str(self.args[0]) if self.args else ""


STORE_UNAVAILABLE = "The data store is unavailable right now. Nothing was changed; try again in a minute."
CONFLICT = "This conflicts with data already stored. Reload to see the current state, then try again."
UNEXPECTED = ("Something went wrong on our side, and it was not your fault. Nothing was lost; try again. "
              "If it keeps happening, quote reference {ref} to whoever runs this server.")

NOT_SET_UP = "This part of Moodify is not set up on this server."
NO_TRACKS = "No music source had tracks for this right now."
# Words for whoever runs the server, never for the person: a setting's variable, a file path, a module, a
# class name of an exception (a driver's or a library's text quoted in a message).
_OPERATOR_ONLY = re.compile(r"MOODIFY_\w+|(?<![\w:/.])/(?:[\w.-]+/)+[\w.-]*|\b\w+\.py\b|site-packages|"
                            r"\b[A-Z][A-Za-z]+(?:Error|Exception)\b|Traceback")

# A message that already says what to do next gets no second hint
_SAYS_WHAT_TO_DO = re.compile(r"\b(?:try|send|pick|use|sign in|wait|choose)\b", re.IGNORECASE)

# What to do next, per kind of error, when its own message does not say.
_NEXT: dict[type[MoodifyError], str] = {
    ImageError: "Try a JPEG or PNG photo under the size limit.",
    NoFaceFound: "Try a well-lit photo of one face looking at the camera.",
    ModelError: "Pick an emotion or describe your mood in words instead.",
    ProviderError: "Try again in a minute, or pick another music source.",
    NoTracksFound: "Try another mode or music source, or fewer blocked genres.",
}

# Said instead of a message that quotes the operator's words (a path, a library's error), per kind of error.
_PLAIN: dict[type[MoodifyError], str] = {
    ImageError: "This file can't be read as a photo.",
    ModelError: NOT_SET_UP,
    ProviderError: "This music source can't be reached right now.",
    AuthError: "Signing in doesn't work on this server right now.",
}


def sentence(text: str) -> str:
    """``text`` as a sentence: a capital first letter and a closing full stop (unless it has one)."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.rstrip(")")[-1:] in (".", "!", "?") else text + "."


def reference() -> str:
    """A short random reference that ties a message a person saw to the log line with the details."""
    return secrets.token_hex(4)


def public_message(exc: BaseException) -> str:
    """What a person may read about ``exc``: one or two sentences, with what to do next.

    A store failure's own text names the database and quotes its driver, and an unexpected error may carry
    anything; both are logged here with a reference and the person reads a fixed sentence quoting it.
    """
    if isinstance(exc, Conflict):
        return CONFLICT
    if isinstance(exc, StoreError) and not isinstance(exc, NotFound):
        ref = reference()
        log.warning("store failure (ref %s): %s", ref, exc)
        return f"{STORE_UNAVAILABLE} (Reference {ref}.)"
    if not isinstance(exc, MoodifyError):
        ref = reference()
        log.error("unexpected error (ref %s)", ref, exc_info=exc)
        return UNEXPECTED.format(ref=ref)
    hint = next((text for cls, text in _NEXT.items() if isinstance(exc, cls)), "")
    if isinstance(exc, NoTracksFound):  # its detail is each source's failure: the operator's to read
        log.info("no tracks: %s", exc)
        return f"{NO_TRACKS} {hint}"
    if _OPERATOR_ONLY.search(str(exc)):  # a missing setting, a path, a library's words: logged, not shown
        ref = reference()
        log.warning("%s (ref %s): %s", type(exc).__name__, ref, exc)
        plain = NOT_SET_UP if "MOODIFY_" in str(exc) else next(
            (text for cls, text in _PLAIN.items() if isinstance(exc, cls)), "This could not be done right now.")
        said = f"{plain} (Reference {ref}: quote it to whoever runs this server.)"
        return f"{said} {hint}" if hint else said
    said = sentence(str(exc))
    return f"{said} {hint}" if hint and not _SAYS_WHAT_TO_DO.search(said) else said
