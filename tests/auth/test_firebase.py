"""Firebase Authentication against the real Auth emulator (firebase-tools), started by scripts/services.sh.

The emulator's tokens are unsigned, so signature tampering is tested in test_firebase_tokens.py with
RSA-signed tokens on the production verification path; here: the whole flow, and refusal of forged,
expired, revoked, disabled, deleted and other-project tokens.
"""

from __future__ import annotations

import base64
import json
import uuid
from collections.abc import Callable, Iterator

import httpx
import pytest

from moodify.auth.firebase import FirebaseAuth
from moodify.errors import AuthError, NotFound
from moodify.settings import Settings
from moodify.store.memory import MemoryStore

pytestmark = pytest.mark.firebase_auth
PASSWORD = "a long passphrase 42"


@pytest.fixture
def emulator(service_address: Callable[[str, str], str]) -> str:
    return service_address("FIREBASE_AUTH_EMULATOR_HOST", "Firebase Auth emulator")


@pytest.fixture
def project(emulator: str) -> str:
    import os

    return os.environ.get("MOODIFY_TEST_FIREBASE_PROJECT", "demo-moodify")


@pytest.fixture
def store() -> MemoryStore:
    return MemoryStore()


@pytest.fixture
def make_auth(project: str, store: MemoryStore, clock) -> Iterator[Callable[..., FirebaseAuth]]:
    from datetime import UTC, datetime

    clock.now = datetime.now(UTC)  # the emulator stamps tokens with the real time
    made: list[FirebaseAuth] = []

    def make(project_id: str = project, **overrides: object) -> FirebaseAuth:
        settings = Settings(auth="firebase", firebase_project_id=project_id, _env_file=None, **overrides)  # type: ignore[arg-type]
        auth = FirebaseAuth(settings, store, clock=clock)
        made.append(auth)
        return auth

    yield make


def email() -> str:
    return f"fb-{uuid.uuid4().hex[:10]}@example.org"


def _b64(data: dict[str, object]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")


def _claims(token: str) -> dict[str, object]:
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))  # type: ignore[no-any-return]


def test_sign_up_sign_in_verify(make_auth: Callable[..., FirebaseAuth], store: MemoryStore) -> None:
    auth = make_auth()
    address = email()
    session = auth.sign_up(address.upper(), PASSWORD)
    assert session.user.email == address and session.refresh_token
    assert store.get_user(session.user.id).email == address  # keyed by the Firebase uid
    assert session.user.id == _claims(session.token)["user_id"]
    again = auth.sign_in(address, PASSWORD)
    assert auth.verify(again.token) == session.user


def test_admin_create_account_then_sign_in(make_auth: Callable[..., FirebaseAuth], store: MemoryStore) -> None:
    auth = make_auth()
    address = email()
    user = auth.create_account(address, PASSWORD, display_name="Admin-made")
    assert store.get_user(user.id).display_name == "Admin-made"
    assert auth.sign_in(address, PASSWORD).user.id == user.id


def test_wrong_password_duplicate_and_weak_password(make_auth: Callable[..., FirebaseAuth]) -> None:
    auth = make_auth()
    address = email()
    auth.sign_up(address, PASSWORD)
    with pytest.raises(AuthError, match="wrong email or password"):
        auth.sign_in(address, "not the password at all")
    with pytest.raises(AuthError, match="wrong email or password"):
        auth.sign_in(email(), PASSWORD)
    with pytest.raises(AuthError, match="already exists"):
        auth.sign_up(address, PASSWORD)
    with pytest.raises(AuthError, match="at least"):
        auth.sign_up(email(), "short")


def test_refresh_gives_a_new_valid_token(make_auth: Callable[..., FirebaseAuth], clock) -> None:
    auth = make_auth()
    session = auth.sign_up(email(), PASSWORD)
    assert session.refresh_token is not None
    fresh = auth.refresh(session.refresh_token)
    assert auth.verify(fresh.token).id == session.user.id
    with pytest.raises(AuthError, match="expired"):
        auth.refresh("not-a-refresh-token")


def test_forged_user_ids_are_refused(make_auth: Callable[..., FirebaseAuth]) -> None:
    auth = make_auth()
    uid = auth.sign_up(email(), PASSWORD).user.id
    forged = [
        uid,  # what the original app trusted ...
        base64.b64encode(uid.encode()).decode(),  # ... base64-encoded in the URL
        _b64({"uid": uid}),
        f"{_b64({'alg': 'none'})}.{_b64({'sub': uid, 'user_id': uid})}.",  # a JWT without the required claims
        "",
    ]
    for token in forged:
        with pytest.raises(AuthError):
            auth.verify(token)


def test_tampered_tokens_are_refused(make_auth: Callable[..., FirebaseAuth]) -> None:
    auth = make_auth()
    victim = auth.sign_up(email(), PASSWORD).user.id
    token = auth.sign_up(email(), PASSWORD).token
    header, payload, sig = token.split(".")
    broken = f"{header}.{payload[:-4]}AAAA.{sig}"  # bytes flipped: no longer a valid token body
    claims = _claims(token) | {"sub": victim}  # subject swapped to another user, user_id left
    for bad in (broken, f"{header}.{_b64(claims)}.{sig}"):
        with pytest.raises(AuthError):
            auth.verify(bad)


def test_expired_token_is_refused(make_auth: Callable[..., FirebaseAuth], clock) -> None:
    auth = make_auth()
    session = auth.sign_up(email(), PASSWORD)
    assert auth.verify(session.token)
    clock.advance(3601)  # Firebase ID tokens live one hour
    with pytest.raises(AuthError, match="expired"):
        auth.verify(session.token)


def test_token_of_another_project_is_refused(make_auth: Callable[..., FirebaseAuth], project: str) -> None:
    token = make_auth().sign_up(email(), PASSWORD).token
    other = make_auth("demo-other-project")
    with pytest.raises(AuthError, match="invalid token"):
        other.verify(token)  # a real token, but issued for demo-moodify
    # And the other way round: a token as the emulator issues it for another project.
    header, _, sig = token.split(".")
    foreign = _claims(token) | {"aud": "demo-other-project",
                                "iss": "https://securetoken.google.com/demo-other-project"}
    with pytest.raises(AuthError, match="invalid token"):
        make_auth().verify(f"{header}.{_b64(foreign)}.{sig}")


def test_sign_out_revokes(make_auth: Callable[..., FirebaseAuth]) -> None:
    auth = make_auth()
    session = auth.sign_up(email(), PASSWORD)
    auth.sign_out(session.token)
    with pytest.raises(AuthError, match="revoked"):
        auth.verify(session.token)
    assert session.refresh_token is not None
    with pytest.raises(AuthError):
        auth.refresh(session.refresh_token)  # the refresh token is dead too
    assert auth.sign_in(session.user.email, PASSWORD).user.id == session.user.id  # signing in again works


def test_disabled_account_is_refused(make_auth: Callable[..., FirebaseAuth]) -> None:
    from firebase_admin import auth as fb_auth

    auth = make_auth()
    session = auth.sign_up(email(), PASSWORD)
    fb_auth.update_user(session.user.id, disabled=True, app=auth._app)
    with pytest.raises(AuthError, match="disabled"):
        auth.verify(session.token)


def test_delete_account_removes_firebase_user_and_data(make_auth: Callable[..., FirebaseAuth],
                                                       store: MemoryStore) -> None:
    auth = make_auth()
    session = auth.sign_up(email(), PASSWORD)
    auth.delete_account(session.user.id)
    with pytest.raises(NotFound):
        store.get_user(session.user.id)
    with pytest.raises(AuthError):
        auth.verify(session.token)
    with pytest.raises(AuthError, match="wrong email or password"):
        auth.sign_in(session.user.email, PASSWORD)


def test_user_created_outside_the_app_gets_a_store_record(make_auth: Callable[..., FirebaseAuth],
                                                          store: MemoryStore, emulator: str) -> None:
    auth = make_auth()
    address = email()
    # Created directly in the emulator (like the Firebase console would), not through Moodify.
    httpx.post(f"http://{emulator}/identitytoolkit.googleapis.com/v1/accounts:signUp",
               params={"key": "k"}, json={"email": address, "password": PASSWORD}).raise_for_status()
    session = auth.sign_in(address, PASSWORD)
    assert store.find_user(address).id == session.user.id


def test_emulator_only_for_demo_projects(make_auth: Callable[..., FirebaseAuth]) -> None:
    with pytest.raises(AuthError, match="demo-"):
        make_auth("moodify-prod")
