"""Local accounts: argon2id passwords in the store, random session tokens stored only as sha256.

Throttling: after ``settings.max_failed_logins`` wrong passwords in a row the account refuses every
sign-in (even a right one) for ``settings.lockout_s`` seconds.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from moodify.auth.base import AUTH_BACKENDS, Session, account_email
from moodify.auth.passwords import MAX_PASSWORD_LENGTH, check_password_rules, default_hasher
from moodify.errors import AuthError, Conflict, NotFound
from moodify.settings import Settings
from moodify.store.base import Store
from moodify.store.models import Credentials, SessionRecord, User, as_utc, utcnow

log = logging.getLogger(__name__)

_BAD_LOGIN = "wrong email or password"


def token_hash(token: str) -> str:
    """What the store keeps instead of the token: a leaked database holds no usable session."""
    return hashlib.sha256(token.encode()).hexdigest()


class LocalAuth:
    name = "local"

    def __init__(self, settings: Settings, store: Store, *, hasher: PasswordHasher | None = None,
                 clock: Callable[[], datetime] = utcnow) -> None:
        self._settings = settings
        self._store = store
        self._hasher = hasher or default_hasher()
        self._now = clock
        # Verified against when the email is unknown, so both cases take the same time.
        self._dummy_hash = self._hasher.hash(secrets.token_hex(16))

    def create_account(self, email: str, password: str, display_name: str = "") -> User:
        """Check the rules, create the user and store the password hash (no session)."""
        norm = account_email(email)
        check_password_rules(password, email=norm, min_length=self._settings.min_password_length)
        password_hash = self._hasher.hash(password)
        try:
            user = self._store.create_user(norm, display_name)
        except Conflict as exc:
            raise AuthError(f"an account with email {norm} already exists") from exc
        try:
            self._store.save_credentials(Credentials(user_id=user.id, password_hash=password_hash))
        except Exception:
            self._store.delete_user(user.id)  # no account without a password
            raise
        log.info("created local account %s", user.id)
        return user

    def sign_up(self, email: str, password: str) -> Session:
        self.create_account(email, password)
        return self.sign_in(email, password)

    def sign_in(self, email: str, password: str) -> Session:
        norm = account_email(email)
        if len(password) > MAX_PASSWORD_LENGTH:  # no account has one; don't spend argon2 time on it
            raise AuthError(_BAD_LOGIN)
        try:
            user = self._store.find_user(norm)
            creds = self._store.get_credentials(user.id)
        except NotFound:
            user, creds = None, None
        if user is None or creds is None:
            self._verify(self._dummy_hash, password)
            raise AuthError(_BAD_LOGIN)
        now = self._now()
        if creds.locked_until is not None and as_utc(creds.locked_until) > now:
            wait = int((as_utc(creds.locked_until) - now).total_seconds()) + 1
            raise AuthError(f"too many failed sign-ins; try again in {wait} s")
        if not self._verify(creds.password_hash, password):
            self._note_failure(creds, now)
            raise AuthError(_BAD_LOGIN)
        fresh = replace(creds, failed_logins=0, locked_until=None)
        if self._hasher.check_needs_rehash(creds.password_hash):  # parameters were raised since
            fresh = replace(fresh, password_hash=self._hasher.hash(password))
        if fresh != creds:
            self._store.save_credentials(fresh)
        purged = self._store.purge_sessions(now)  # keeps the table to live sessions; indexed, cheap
        if purged:
            log.debug("purged %d expired sessions", purged)
        return self._new_session(user, now)

    def _verify(self, password_hash: str, password: str) -> bool:
        try:
            return self._hasher.verify(password_hash, password)
        except (VerificationError, InvalidHashError):
            return False

    def _note_failure(self, creds: Credentials, now: datetime) -> None:
        failures = self._store.count_login_failure(creds.user_id)  # atomic: parallel guesses all count
        if failures >= self._settings.max_failed_logins:
            log.warning("locking account %s for %d s after %d failed sign-ins", creds.user_id,
                        self._settings.lockout_s, failures)
            until = now + timedelta(seconds=self._settings.lockout_s)
            self._store.save_credentials(replace(creds, failed_logins=0, locked_until=until))

    def _new_session(self, user: User, now: datetime) -> Session:
        token = secrets.token_urlsafe(32)
        expires = now + timedelta(seconds=self._settings.session_ttl_s)
        self._store.add_session(SessionRecord(token_hash=token_hash(token), user_id=user.id,
                                              expires_at=expires, created_at=now))
        return Session(token=token, user=user, expires_at=expires, backend=self.name)

    def verify(self, token: str) -> User:
        if not token or len(token) > 512:
            raise AuthError("not signed in")
        record = self._store.get_session(token_hash(token))
        if record is None:
            raise AuthError("invalid or revoked session; sign in again")
        if as_utc(record.expires_at) <= self._now():
            self._store.delete_session(record.token_hash)
            raise AuthError("session expired; sign in again")
        try:
            return self._store.get_user(record.user_id)
        except NotFound as exc:
            raise AuthError("the account of this session no longer exists") from exc

    def refresh(self, refresh_token: str) -> Session:
        raise AuthError("local sessions are not refreshed; sign in again when one expires")

    def sign_out(self, token: str) -> None:
        if token:
            self._store.delete_session(token_hash(token))

    def delete_account(self, user_id: str) -> None:
        self._store.delete_user(user_id)  # sessions and credentials go with it

    def change_password(self, user_id: str, password: str) -> None:
        user = self._store.get_user(user_id)
        check_password_rules(password, email=user.email, min_length=self._settings.min_password_length)
        self._store.save_credentials(Credentials(user_id=user_id, password_hash=self._hasher.hash(password)))


@AUTH_BACKENDS.register("local")
def _local_auth(settings: Settings, store: Store) -> LocalAuth:
    return LocalAuth(settings, store)
