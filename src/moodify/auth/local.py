"""Local accounts: argon2id passwords in the store, random session tokens stored only as sha256.

Throttling, counted in the store (so it holds across processes), reserved BEFORE any password is checked:

- per account and client address, back-off in tiers: ``max_failed_logins`` (5) attempts per
  ``signin_window_s`` (60 s), twice that per 10 min, 4x per hour, 8x per day (capped by
  ``signin_backoff_max_s``): an attacker elsewhere can't lock the owner out, and guessing slows down
  exponentially;
- per account from all addresses: ``signin_account_per_hour`` (against guessing from many addresses);
- per client address (all accounts): the API's sign-in limit.

Unknown email, wrong password and throttled attempt get the same message and cost the same argon2 check.
The message names a wait only once the throttle is near (the attempt that used the last try, and every
throttled one): it follows the counters of the address typed, which exist whether or not it has an account.
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
from moodify.auth.passwords import (
    MAX_PASSWORD_LENGTH,
    HashGate,
    check_password_rules,
    default_hasher,
)
from moodify.errors import AuthError, Conflict, NotFound
from moodify.settings import Settings
from moodify.store.base import Store
from moodify.store.models import Credentials, SessionRecord, User, as_utc, utcnow

log = logging.getLogger(__name__)

# One answer for unknown email, wrong password and a throttled attempt: it reveals nothing.
_BAD_LOGIN = "wrong email or password"
_SIGNUP_REFUSED = ("could not create an account with this email and password; if you already have one, "
                   "sign in with it")


def _bad_login(wait_s: float | None) -> AuthError:
    """The refusal; with how long to wait when the next try would be refused (``wait_s``)."""
    if wait_s is None:
        return AuthError(_BAD_LOGIN)
    return AuthError(f"{_BAD_LOGIN}. Too many tries: wait {_duration(wait_s)} before the next one")


def _duration(seconds: float) -> str:
    """``seconds`` in words, rounded up: "40 seconds", "a minute", "9 minutes", "2 hours"."""
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size or (unit == "minute" and seconds > 45):
            count = max(1, -(-int(seconds) // size))
            return f"a{'n' if unit == 'hour' else ''} {unit}" if count == 1 else f"{count} {unit}s"
    return f"{max(1, -(-int(seconds) // 5) * 5)} seconds"


def token_hash(token: str) -> str:
    """What the store keeps instead of the token: a leaked database holds no usable session."""
    return hashlib.sha256(token.encode()).hexdigest()


def email_hash(email: str) -> str:
    """How logs and counters name an e-mail address without holding it."""
    return hashlib.sha256(email.encode()).hexdigest()[:16]


class LocalAuth:
    name = "local"

    def __init__(self, settings: Settings, store: Store, *, hasher: PasswordHasher | None = None,
                 clock: Callable[[], datetime] = utcnow, gate: HashGate | None = None) -> None:
        self._settings = settings
        self._store = store
        self._hasher = hasher or default_hasher()
        self._now = clock
        self._gate = gate or HashGate(settings.hash_concurrency, settings.hash_queue_timeout_s)
        # Verified against when the email is unknown or the attempt throttled, so all take the same time.
        self._dummy_hash = self._hasher.hash(secrets.token_hex(16))

    def _hash(self, password: str) -> str:
        with self._gate:
            return self._hasher.hash(password)

    def create_account(self, email: str, password: str, display_name: str = "") -> User:
        """Check the rules, create the user and store the password hash (no session)."""
        norm = account_email(email)
        check_password_rules(password, email=norm, min_length=self._settings.min_password_length)
        password_hash = self._hash(password)
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

    def sign_up(self, email: str, password: str, *, client: str = "") -> Session:
        """A new account, signed in. For an address that has an account already, this is a sign-in (the
        right password gets a session, the owner's account is untouched) and otherwise the same refusal
        whatever the reason, so sign-up does not tell a stranger which addresses have accounts."""
        norm = account_email(email)
        check_password_rules(password, email=norm, min_length=self._settings.min_password_length)
        try:
            self.create_account(norm, password)
        except AuthError:  # taken: never say so
            try:
                return self.sign_in(norm, password, client=client)
            except AuthError:
                raise AuthError(_SIGNUP_REFUSED) from None
        return self.sign_in(norm, password, client=client)

    def sign_in(self, email: str, password: str, *, client: str = "") -> Session:
        norm = account_email(email)
        if len(password) > MAX_PASSWORD_LENGTH:  # no account has one; don't spend argon2 time on it
            raise AuthError(_BAD_LOGIN)
        who = email_hash(norm)
        allowed, wait_s = self._reserve(who, client)
        if not allowed:
            self._verify(self._dummy_hash, password)  # the same cost as a real check
            log.warning("sign-in throttled: account %s from %s", who, client or "?")
            raise _bad_login(wait_s)
        try:
            user = self._store.find_user(norm)
            creds = self._store.get_credentials(user.id)
        except NotFound:
            user, creds = None, None
        if user is None or creds is None:
            self._verify(self._dummy_hash, password)
            log.warning("failed sign-in: unknown account %s from %s", who, client or "?")
            raise _bad_login(wait_s)
        try:
            return self._checked(user, creds, password, client, wait_s)
        except NotFound:
            # The account was deleted while this sign-in ran: to the caller it is as unknown as any other.
            log.warning("failed sign-in: user %s was deleted during the attempt", user.id)
            raise _bad_login(wait_s) from None

    def _checked(self, user: User, creds: Credentials, password: str, client: str,
                 wait_s: float | None) -> Session:
        now = self._now()
        if not self._verify(creds.password_hash, password):
            failures = self._store.count_login_failure(creds.user_id)
            log.warning("failed sign-in: user %s from %s (%d in a row)", user.id, client or "?", failures)
            raise _bad_login(wait_s)
        fresh = replace(creds, failed_logins=0, locked_until=None)
        if self._hasher.check_needs_rehash(creds.password_hash):  # parameters were raised since
            fresh = replace(fresh, password_hash=self._hash(password))
        if fresh != creds:
            self._store.save_credentials(fresh)
        purged = self._store.purge_sessions(now)  # keeps the table to live sessions; indexed, cheap
        if purged:
            log.debug("purged %d expired sessions", purged)
        return self._new_session(user, now)

    def _reserve(self, who: str, client: str) -> tuple[bool, float | None]:
        """Count this attempt in every throttle tier before any password is checked (atomic in the store).
        Returns whether it is allowed (no tier over its limit) and, when this was the last try a tier allows
        or one is over, the seconds until every full tier's window ends (else None: nothing near).
        Counting first means a burst can't slip past: of N parallel attempts only the first ``limit`` get a
        count within it."""
        s = self._settings
        tiers = [(f"signin:{who}:{client}", s.signin_window_s * m, s.max_failed_logins * k)
                 for m, k in ((1, 1), (10, 2), (60, 4), (1440, 8))
                 if s.signin_window_s * m <= max(s.signin_backoff_max_s, s.signin_window_s)]
        tiers.append((f"signin:{who}", 3600, s.signin_account_per_hour))
        now = self._now().timestamp()
        allowed, wait_s = True, None
        for key, window, limit in tiers:
            hit = self._store.hit_counter(key, window, now=now)
            allowed &= hit.count <= limit
            if hit.count >= limit:  # the next try in this window is refused
                wait_s = max(wait_s or 0.0, hit.window_start + hit.window_s - now)
        return allowed, wait_s

    def _verify(self, password_hash: str, password: str) -> bool:
        with self._gate:
            try:
                return self._hasher.verify(password_hash, password)
            except (VerificationError, InvalidHashError):
                return False

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
        try:
            self._store.delete_user(user_id)  # sessions and credentials go with it
        except NotFound:
            log.info("user %s was already deleted (a parallel request)", user_id)  # done either way

    def change_password(self, user_id: str, password: str, *, current_password: str | None = None,
                        keep_token: str | None = None) -> int:
        """Set a new password and end every other session of the user (a thief's included); returns how
        many were ended. ``current_password``, when given, must be right (the API and the Settings page
        give it; the admin CLI does not). ``keep_token``: the session making the change stays signed in."""
        user = self._store.get_user(user_id)
        if current_password is not None:
            creds = self._store.get_credentials(user_id)
            if creds is None or not self._verify(creds.password_hash, current_password):
                raise AuthError("the current password is wrong")
        check_password_rules(password, email=user.email, min_length=self._settings.min_password_length)
        self._store.save_credentials(Credentials(user_id=user_id, password_hash=self._hash(password)))
        ended = self._store.delete_user_sessions(user_id, keep=token_hash(keep_token) if keep_token else None)
        log.info("password changed for user %s; %d other sessions ended", user_id, ended)
        return ended


@AUTH_BACKENDS.register("local")
def _local_auth(settings: Settings, store: Store) -> LocalAuth:
    return LocalAuth(settings, store)
