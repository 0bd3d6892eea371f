"""Local accounts: argon2id, normalised emails, password rules, throttling, hashed expiring sessions."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from argon2 import PasswordHasher

from moodify.auth.local import LocalAuth, token_hash
from moodify.errors import AuthError
from moodify.settings import Settings
from moodify.store import Store

PASSWORD = "correct horse battery"


def test_sign_up_then_sign_in_with_a_differently_written_email(make_local: Callable[..., LocalAuth]) -> None:
    auth = make_local()
    first = auth.sign_up("  Ann@Example.ORG", PASSWORD)
    again = auth.sign_in("ann@example.org ", PASSWORD)
    assert first.user.id == again.user.id and again.user.email == "ann@example.org"
    assert auth.verify(again.token) == again.user
    assert first.token != again.token


def test_password_is_stored_as_argon2id_and_token_only_as_hash(make_local: Callable[..., LocalAuth],
                                                               auth_store: Store) -> None:
    session = make_local().sign_up("hash@example.org", PASSWORD)
    creds = auth_store.get_credentials(session.user.id)
    assert creds is not None and creds.password_hash.startswith("$argon2id$")
    assert PASSWORD not in creds.password_hash
    assert auth_store.get_session(session.token) is None  # the raw token is not a key
    assert auth_store.get_session(token_hash(session.token)) is not None


@pytest.mark.parametrize(("password", "why"), [
    ("short", "at least 10"),
    ("          ", "only spaces"),
    ("aaaaaaaaaaaa", "different characters"),
    ("password123", "too easy"),
    ("rules@example.org", "too easy"),
    ("x" * 1025, "at most"),
])
def test_weak_passwords_are_refused_with_the_reason(make_local: Callable[..., LocalAuth], auth_store: Store,
                                                    password: str, why: str) -> None:
    with pytest.raises(AuthError, match=why):
        make_local().sign_up("rules@example.org", password)
    with pytest.raises(Exception):  # noqa: B017 - NotFound: no half-made account is left behind
        auth_store.find_user("rules@example.org")


def test_min_password_length_comes_from_settings(make_local: Callable[..., LocalAuth]) -> None:
    with pytest.raises(AuthError, match="at least 16"):
        make_local(min_password_length=16).sign_up("len@example.org", "fifteen chars!!")


def test_duplicate_email_and_bad_email(make_local: Callable[..., LocalAuth]) -> None:
    auth = make_local()
    auth.sign_up("dup@example.org", PASSWORD)
    with pytest.raises(AuthError) as taken:
        auth.sign_up("DUP@example.org", PASSWORD + "x")
    assert "exists" not in str(taken.value) and "dup@" not in str(taken.value)  # nothing says it's taken
    # The owner is unharmed: the old password still works, and the right one via sign-up just signs in.
    assert auth.sign_in("dup@example.org", PASSWORD).user.email == "dup@example.org"
    assert auth.sign_up("dup@example.org", PASSWORD).user.email == "dup@example.org"
    with pytest.raises(AuthError, match="not an email"):
        auth.sign_up("no-at-sign", PASSWORD)


def test_wrong_password_and_unknown_email_give_the_same_message(make_local: Callable[..., LocalAuth]) -> None:
    auth = make_local()
    auth.sign_up("same@example.org", PASSWORD)
    with pytest.raises(AuthError) as wrong:
        auth.sign_in("same@example.org", "not the password")
    with pytest.raises(AuthError) as unknown:
        auth.sign_in("nobody@example.org", "not the password")
    assert str(wrong.value) == str(unknown.value)
    assert str(wrong.value).startswith("wrong email or password")


def test_the_wait_is_named_only_once_the_throttle_is_near(make_local: Callable[..., LocalAuth], clock) -> None:
    """The first wrong passwords say just that; the try that uses the last one allowed, and a throttled one,
    say how long to wait. An unknown address reads the same at every step (its counters exist too)."""
    auth = make_local(max_failed_logins=3, signin_window_s=60)
    auth.sign_up("near@example.org", PASSWORD)
    clock.advance(61)
    said: dict[str, list[str]] = {}
    for email in ("near@example.org", "nobody@example.org"):
        said[email] = []
        for _ in range(4):
            with pytest.raises(AuthError) as refused:
                auth.sign_in(email, "guess guess guess", client="203.0.113.7")
            said[email].append(str(refused.value))
    first, second, last, throttled = said["near@example.org"]
    assert first == second == "wrong email or password"  # no talk of waiting on the first tries
    assert re.fullmatch(r"wrong email or password\. Too many tries: wait (\d+ seconds|a minute) before the next "
                        r"one", last), last
    assert throttled.startswith("wrong email or password. Too many tries: wait ")
    assert said["nobody@example.org"] == said["near@example.org"]  # says nothing about who has an account
    with pytest.raises(AuthError, match="Too many tries"):  # the right password waits as well
        auth.sign_in("near@example.org", PASSWORD, client="203.0.113.7")
    clock.advance(61)  # the minute passed; this is the 10-minute tier's last try (6): its wait is named
    with pytest.raises(AuthError, match=r"wait \d+ minutes before the next one$"):
        auth.sign_in("near@example.org", "guess guess guess", client="203.0.113.7")
    with pytest.raises(AuthError) as elsewhere:  # the owner's own address has its own counters
        auth.sign_in("near@example.org", "not quite my password", client="198.51.100.2")
    assert str(elsewhere.value) == "wrong email or password"


def test_huge_password_is_refused_without_hashing(make_local: Callable[..., LocalAuth],
                                                 auth_store: Store) -> None:
    auth = make_local()
    user = auth.sign_up("huge@example.org", PASSWORD).user
    with pytest.raises(AuthError, match="wrong email or password"):
        auth.sign_in("huge@example.org", "x" * 1_000_000)
    creds = auth_store.get_credentials(user.id)
    assert creds is not None and creds.failed_logins == 0  # refused before any verification


def test_throttling_backs_off_per_client_and_cannot_lock_the_owner_out(
        make_local: Callable[..., LocalAuth], clock) -> None:
    auth = make_local(max_failed_logins=3, signin_window_s=60)
    auth.sign_up("locked@example.org", PASSWORD, client="198.51.100.1")
    clock.advance(61)
    for _ in range(3):
        with pytest.raises(AuthError, match="wrong email or password"):
            auth.sign_in("locked@example.org", "guess guess guess", client="203.0.113.66")
    with pytest.raises(AuthError) as throttled:
        auth.sign_in("locked@example.org", PASSWORD, client="203.0.113.66")  # the attacker's address
    assert str(throttled.value).startswith("wrong email or password")  # the same answer as a wrong one
    # The owner, from their own address, signs in: the attacker locked only themselves out.
    assert auth.sign_in("locked@example.org", PASSWORD, client="198.51.100.1").user.email == "locked@example.org"
    clock.advance(61)  # the first tier's window passed, the 10-minute one allows 6: back in, slower
    assert auth.sign_in("locked@example.org", PASSWORD, client="203.0.113.66").user.email == "locked@example.org"


def test_back_off_grows_with_more_failures(make_local: Callable[..., LocalAuth], auth_store: Store,
                                          clock) -> None:
    auth = make_local(max_failed_logins=2, signin_window_s=60)
    auth.sign_up("slow@example.org", PASSWORD, client="a")
    clock.advance(600)
    allowed = 0
    for _ in range(10):  # one attempt a minute for ten minutes: the 10-minute tier (2 x 2) stops it
        with pytest.raises(AuthError):
            auth.sign_in("slow@example.org", "wrong wrong wrong", client="b")
        creds_checked = auth_store.get_credentials(auth_store.find_user("slow@example.org").id)
        allowed = creds_checked.failed_logins if creds_checked else 0
        clock.advance(60)
    assert allowed == 4


def test_parallel_guesses_all_count(make_local: Callable[..., LocalAuth], auth_store: Store) -> None:
    from concurrent.futures import ThreadPoolExecutor

    auth = make_local(max_failed_logins=100)
    user = auth.sign_up("parallel@example.org", PASSWORD).user

    def guess(i: int) -> None:
        with pytest.raises(AuthError):
            auth.sign_in("parallel@example.org", f"guess number {i}")

    with ThreadPoolExecutor(6) as pool:
        list(pool.map(guess, range(12)))
    creds = auth_store.get_credentials(user.id)
    assert creds is not None and creds.failed_logins == 12


def test_success_resets_the_failure_count(make_local: Callable[..., LocalAuth], auth_store: Store,
                                         clock) -> None:
    auth = make_local(max_failed_logins=3)
    user = auth.sign_up("reset@example.org", PASSWORD).user
    clock.advance(61)  # sign-up's own sign-in counted in this minute
    for _ in range(2):
        with pytest.raises(AuthError):
            auth.sign_in("reset@example.org", "wrong wrong wrong")
    auth.sign_in("reset@example.org", PASSWORD)
    creds = auth_store.get_credentials(user.id)
    assert creds is not None and creds.failed_logins == 0 and creds.locked_until is None


def test_sessions_expire(make_local: Callable[..., LocalAuth], clock) -> None:
    auth = make_local(session_ttl_s=60)
    session = auth.sign_up("ttl@example.org", PASSWORD)
    clock.advance(59)
    assert auth.verify(session.token).email == "ttl@example.org"
    clock.advance(2)
    with pytest.raises(AuthError, match="expired"):
        auth.verify(session.token)


def test_sign_in_purges_expired_sessions(make_local: Callable[..., LocalAuth], auth_store: Store,
                                         clock) -> None:
    auth = make_local(session_ttl_s=60)
    old = auth.sign_up("purge@example.org", PASSWORD)
    clock.advance(120)
    auth.sign_in("purge@example.org", PASSWORD)
    assert auth_store.get_session(token_hash(old.token)) is None


def test_sign_out_revokes_only_that_session(make_local: Callable[..., LocalAuth]) -> None:
    auth = make_local()
    phone = auth.sign_up("out@example.org", PASSWORD)
    laptop = auth.sign_in("out@example.org", PASSWORD)
    auth.sign_out(phone.token)
    with pytest.raises(AuthError, match="revoked"):
        auth.verify(phone.token)
    assert auth.verify(laptop.token).id == laptop.user.id


@pytest.mark.parametrize("token", ["", "x", "Z3Vlc3Q=", "a" * 5000])
def test_made_up_tokens_are_refused(make_local: Callable[..., LocalAuth], token: str) -> None:
    auth = make_local()
    auth.sign_up("tok@example.org", PASSWORD)
    with pytest.raises(AuthError):
        auth.verify(token)


def test_a_user_id_is_not_a_token(make_local: Callable[..., LocalAuth]) -> None:
    # The original app trusted a base64 user id from the URL; here an id (raw or encoded) gets you nothing.
    import base64

    auth = make_local()
    user = auth.sign_up("forge@example.org", PASSWORD).user
    for forged in (user.id, base64.b64encode(user.id.encode()).decode(), token_hash(user.id)):
        with pytest.raises(AuthError):
            auth.verify(forged)


def test_deleted_account_sessions_stop_working(make_local: Callable[..., LocalAuth],
                                               auth_store: Store) -> None:
    auth = make_local()
    session = auth.sign_up("gone@example.org", PASSWORD)
    auth_store.delete_user(session.user.id)
    with pytest.raises(AuthError):
        auth.verify(session.token)
    with pytest.raises(AuthError, match="wrong email or password"):
        auth.sign_in("gone@example.org", PASSWORD)


def test_old_hash_parameters_are_upgraded_on_sign_in(auth_store: Store, fast_hasher: PasswordHasher) -> None:
    settings = Settings(_env_file=None)
    LocalAuth(settings, auth_store, hasher=fast_hasher).sign_up("old@example.org", PASSWORD)
    stronger = PasswordHasher(time_cost=2, memory_cost=2048, parallelism=1)
    LocalAuth(settings, auth_store, hasher=stronger).sign_in("old@example.org", PASSWORD)
    creds = auth_store.get_credentials(auth_store.find_user("old@example.org").id)
    assert creds is not None and "m=2048,t=2" in creds.password_hash


def test_default_hasher_is_argon2id() -> None:
    from moodify.auth.passwords import default_hasher

    assert default_hasher().hash("x" * 12).startswith("$argon2id$v=19$m=65536,t=3,p=4$")
