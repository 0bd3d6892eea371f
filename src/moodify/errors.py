"""Specific errors instead of sentinel values. Every message is meant to be shown to a person."""


class MoodifyError(Exception):
    """Base class of every error Moodify raises on purpose."""


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


STORE_UNAVAILABLE = "the data store is unavailable right now; nothing was changed, try again shortly"
CONFLICT = "this conflicts with data already stored"


def public_message(exc: BaseException) -> str:
    """What a person may read about ``exc``. A store failure's own text names the database and quotes its
    driver, which belongs in the server log only, so it becomes a fixed sentence; other errors say why."""
    if isinstance(exc, Conflict):
        return CONFLICT
    if isinstance(exc, StoreError) and not isinstance(exc, NotFound):
        return STORE_UNAVAILABLE
    return str(exc)
