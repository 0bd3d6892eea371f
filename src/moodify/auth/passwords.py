"""Password rules and argon2id hashing (argon2-cffi)."""

from __future__ import annotations

import threading

from argon2 import PasswordHasher, profiles

from moodify.errors import AuthError, MoodifyError

MAX_PASSWORD_LENGTH = 1024  # argon2 hashes anything, but megabyte "passwords" are a cheap DoS
# The handful every breach list starts with; length rules already stop most of the rest.
_COMMON = frozenset({
    "password", "password1", "password123", "1234567890", "12345678910", "qwertyuiop", "iloveyou12",
    "letmein123", "passw0rd12", "0123456789", "abcdefghij", "aaaaaaaaaa", "football12", "monkey1234",
})


def default_hasher() -> PasswordHasher:
    """argon2id with the RFC 9106 low-memory profile (t=3, 64 MiB, p=4): above OWASP's minimum for
    argon2id (m=19 MiB, t=2, p=1) and its m=46 MiB/t=1 and m=12 MiB/t=3 alternatives."""
    return PasswordHasher.from_parameters(profiles.RFC_9106_LOW_MEMORY)


class HashingBusy(MoodifyError):
    """Every password-hashing slot stayed taken for the whole wait; the API answers 503 + Retry-After."""

    retry_after_s = 5


class HashGate:
    """At most ``slots`` argon2 hashes at once (each takes 64 MiB), queueing up to ``timeout_s`` for one:
    memory stays bounded (slots x 64 MiB) whatever the number of parallel sign-ins."""

    def __init__(self, slots: int, timeout_s: float) -> None:
        self._slots = threading.BoundedSemaphore(max(1, slots))
        self._timeout = timeout_s

    def __enter__(self) -> None:
        if not self._slots.acquire(timeout=self._timeout):
            raise HashingBusy("the server is busy checking passwords; try again in a few seconds")

    def __exit__(self, *exc: object) -> None:
        self._slots.release()


def check_password_rules(password: str, *, email: str, min_length: int) -> None:
    """Raise ``AuthError`` saying what is wrong; the password itself is never echoed."""
    if len(password) < min_length:
        raise AuthError(f"the password must have at least {min_length} characters")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise AuthError(f"the password must have at most {MAX_PASSWORD_LENGTH} characters")
    if not password.strip():
        raise AuthError("the password can't be only spaces")
    if len(set(password)) < 4:
        raise AuthError("the password needs more than 3 different characters")
    lowered = password.lower()
    if lowered in _COMMON or lowered == email.lower() or lowered == email.split("@")[0].lower():
        raise AuthError("that password is too easy to guess; pick another")
