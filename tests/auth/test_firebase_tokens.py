"""Production-path ID-token verification (RS256 signatures), with no emulator and no network.

Tokens are signed with a locally generated RSA key whose certificate stands in for Google's published
keys (only the certificate download is replaced); everything else is firebase_admin's real verifier
plus our own claim checks. This is where tampering is caught: emulator tokens carry no signature.
"""

from __future__ import annotations

import base64
import json
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

from moodify.auth.firebase import FirebaseAuth
from moodify.errors import AuthError
from moodify.settings import Settings
from moodify.store.memory import MemoryStore

KID = "test-key-1"


def _key_and_cert() -> tuple[bytes, bytes]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "securetoken.system.gserviceaccount.com")])
    now = datetime.now(UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - timedelta(days=1))
            .not_valid_after(now + timedelta(days=1)).sign(key, hashes.SHA256()))
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    return pem, cert.public_bytes(serialization.Encoding.PEM)


GOOGLE_KEY, GOOGLE_CERT = _key_and_cert()
ATTACKER_KEY, _ = _key_and_cert()


def sign(claims: dict[str, Any], key: bytes = GOOGLE_KEY) -> str:
    from google.auth import crypt, jwt

    return jwt.encode(crypt.RSASigner.from_string(key, key_id=KID), claims).decode()


def claims_for(project: str, uid: str, **changes: Any) -> dict[str, Any]:
    now = int(time.time())
    return {"iss": f"https://securetoken.google.com/{project}", "aud": project, "auth_time": now - 10,
            "user_id": uid, "sub": uid, "iat": now - 10, "exp": now + 3600,
            "email": f"{uid.lower()}@example.org", "firebase": {"sign_in_provider": "password"}} | changes


@pytest.fixture
def project() -> str:
    return f"prod-{uuid.uuid4().hex[:8]}"  # a fresh firebase_admin app per test


@pytest.fixture
def auth(project: str, monkeypatch: pytest.MonkeyPatch) -> FirebaseAuth:
    import google.oauth2.id_token
    from firebase_admin import credentials
    from google.auth.credentials import AnonymousCredentials

    monkeypatch.delenv("FIREBASE_AUTH_EMULATOR_HOST", raising=False)
    # Stand-in for downloading Google's public certificates; the signature check itself is the real one.
    monkeypatch.setattr(google.oauth2.id_token, "_fetch_certs", lambda request, url: {KID: GOOGLE_CERT})

    class NoServiceAccount(credentials.Base):
        def get_credential(self) -> AnonymousCredentials:
            return AnonymousCredentials()

    settings = Settings(auth="firebase", firebase_project_id=project, firebase_api_key="k", _env_file=None)
    return FirebaseAuth(settings, MemoryStore(), credential=NoServiceAccount())


@pytest.fixture
def no_revocation_lookup(monkeypatch: pytest.MonkeyPatch) -> None:
    """The revocation check asks Google's servers about the user; offline, pretend it says 'fine'."""
    from firebase_admin import _auth_client

    monkeypatch.setattr(_auth_client.Client, "_check_jwt_revoked_or_disabled", lambda *a, **k: None)


def test_a_properly_signed_token_is_accepted(auth: FirebaseAuth, project: str,
                                             no_revocation_lookup: None) -> None:
    user = auth.verify(sign(claims_for(project, "Uid123")))
    assert user.id == "Uid123" and user.email == "uid123@example.org"


def test_every_verification_checks_revocation(auth: FirebaseAuth, project: str,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from firebase_admin import _auth_client, _token_gen

    asked: list[str] = []

    def revoked(self: object, claims: dict[str, Any], exc_type: type, label: str) -> None:
        asked.append(claims["sub"])
        raise _token_gen.RevokedIdTokenError("revoked")

    monkeypatch.setattr(_auth_client.Client, "_check_jwt_revoked_or_disabled", revoked)
    with pytest.raises(AuthError, match="revoked"):
        auth.verify(sign(claims_for(project, "Uid123")))
    assert asked == ["Uid123"]


def _b64(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")


def test_tampered_payload_is_refused(auth: FirebaseAuth, project: str, no_revocation_lookup: None) -> None:
    header, _, sig = sign(claims_for(project, "Mallory")).split(".")
    swapped = claims_for(project, "Alice")  # same signature, someone else's identity
    with pytest.raises(AuthError, match="invalid token"):
        auth.verify(f"{header}.{_b64(swapped)}.{sig}")


def test_token_signed_with_another_key_is_refused(auth: FirebaseAuth, project: str,
                                                  no_revocation_lookup: None) -> None:
    with pytest.raises(AuthError, match="invalid token"):
        auth.verify(sign(claims_for(project, "Alice"), key=ATTACKER_KEY))


def test_unsigned_emulator_style_token_is_refused_in_production(auth: FirebaseAuth, project: str,
                                                                no_revocation_lookup: None) -> None:
    forged = f"{_b64({'alg': 'none', 'typ': 'JWT'})}.{_b64(claims_for(project, 'Alice'))}."
    with pytest.raises(AuthError, match="invalid token"):
        auth.verify(forged)


def test_expired_token_is_refused(auth: FirebaseAuth, project: str, no_revocation_lookup: None) -> None:
    old = int(time.time()) - 7200
    with pytest.raises(AuthError, match="expired"):
        auth.verify(sign(claims_for(project, "Alice", iat=old, auth_time=old, exp=old + 3600)))


def test_token_of_another_project_is_refused(auth: FirebaseAuth, no_revocation_lookup: None) -> None:
    with pytest.raises(AuthError, match="invalid token"):
        auth.verify(sign(claims_for("someone-elses-app", "Alice")))


@pytest.mark.parametrize("forge", [
    lambda p: "Alice",
    lambda p: base64.b64encode(b"Alice").decode(),
    lambda p: _b64({"uid": "Alice"}),
    lambda p: "a.b.c",
])
def test_forged_user_ids_are_refused(auth: FirebaseAuth, project: str, no_revocation_lookup: None,
                                     forge: Callable[[str], str]) -> None:
    with pytest.raises(AuthError):
        auth.verify(forge(project))


def test_api_key_is_required_outside_the_emulator(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FIREBASE_AUTH_EMULATOR_HOST", raising=False)
    with pytest.raises(AuthError, match="MOODIFY_FIREBASE_API_KEY"):
        FirebaseAuth(Settings(auth="firebase", firebase_project_id="p", _env_file=None), MemoryStore())
