"""Firebase Authentication: sign-up / sign-in / refresh through the Identity Toolkit REST API, and
server-side verification of every ID token with ``firebase_admin`` (revocation and disabled accounts
checked too).

The original app trusted a base64 user id from the URL. Here nothing but a verified ID token names a
user: signature (RS256, Google's keys), project (``aud``/``iss``), expiry, revocation, account state.

Emulator (``FIREBASE_AUTH_EMULATOR_HOST`` set): its tokens are unsigned and ``firebase_admin`` then skips
signature *and expiry* checks, so we check expiry and claims ourselves, and we refuse to run against the
emulator for any project not named ``demo-*`` (Firebase's emulator-only convention) so a stray variable
can't turn signature checks off in production. ``firebase_admin`` is imported only when this backend opens.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import httpx

from moodify.auth.base import AUTH_BACKENDS, Session, account_email
from moodify.auth.passwords import check_password_rules
from moodify.errors import AuthError, Conflict, NotFound
from moodify.settings import Settings
from moodify.store.base import Store
from moodify.store.models import User, utcnow

log = logging.getLogger(__name__)

EMULATOR_ENV = "FIREBASE_AUTH_EMULATOR_HOST"
_DEFAULT_AUTH_HOST = "https://identitytoolkit.googleapis.com"
_DEFAULT_TOKEN_HOST = "https://securetoken.googleapis.com"
_MAX_TOKEN_LENGTH = 8192
_SKEW_S = 60  # tolerated clock difference for iat/auth_time in the future

# Identity Toolkit error codes -> what we tell the person.
_REST_ERRORS = {
    "EMAIL_EXISTS": "an account with this email already exists",
    "EMAIL_NOT_FOUND": "wrong email or password",
    "INVALID_PASSWORD": "wrong email or password",
    "INVALID_LOGIN_CREDENTIALS": "wrong email or password",
    "INVALID_EMAIL": "not an email address",
    "USER_DISABLED": "this account is disabled",
    "TOO_MANY_ATTEMPTS_TRY_LATER": "too many failed sign-ins; try again later",
    "WEAK_PASSWORD": "the password is too weak",
    "TOKEN_EXPIRED": "session expired; sign in again",
    "INVALID_REFRESH_TOKEN": "session expired; sign in again",
    "USER_NOT_FOUND": "the account no longer exists",
    "INVALID_ID_TOKEN": "invalid token; sign in again",
}


class FirebaseAuth:
    name = "firebase"

    def __init__(self, settings: Settings, store: Store, *, http: httpx.Client | None = None,
                 clock: Callable[[], datetime] = utcnow, credential: Any = None) -> None:
        """``credential``: a ``firebase_admin.credentials.Base``; default: Application Default Credentials
        (a service account via ``GOOGLE_APPLICATION_CREDENTIALS``), needed for revocation checks."""
        try:
            import firebase_admin
            from firebase_admin import auth as fb_auth
        except ImportError as exc:
            raise AuthError(f"Firebase support is not installed ({exc}); install moodify[firebase]") from exc
        self._fb = fb_auth
        self._store = store
        self._settings = settings
        self._now = clock
        self.project = settings.firebase_project_id
        self.emulator = os.environ.get(EMULATOR_ENV, "").strip() or None
        if self.emulator and not self.project.startswith("demo-"):
            raise AuthError(f"{EMULATOR_ENV} is set but the project is {self.project!r}: emulator tokens are "
                            "unsigned, so only demo-* projects may use the emulator")
        self._api_key = self._key(settings)
        self._auth_host, self._token_host = self._hosts(settings)
        self._http = http or httpx.Client(timeout=httpx.Timeout(
            settings.http_read_timeout, connect=settings.http_connect_timeout))
        app_name = f"moodify:{self.project}:{self.emulator or 'google'}"
        try:
            self._app = firebase_admin.get_app(app_name)
        except ValueError:
            self._app = firebase_admin.initialize_app(credential, options={"projectId": self.project},
                                                      name=app_name)

    def _key(self, settings: Settings) -> str:
        if settings.firebase_api_key is not None:
            return settings.firebase_api_key.get_secret_value()
        if self.emulator:
            return "emulator-key"  # the emulator accepts any key
        raise AuthError("MOODIFY_FIREBASE_API_KEY is not set (the Web API key of the Firebase project)")

    def _hosts(self, settings: Settings) -> tuple[str, str]:
        auth_host = settings.firebase_auth_host.rstrip("/")
        token_host = settings.firebase_token_host.rstrip("/")
        if self.emulator and auth_host == _DEFAULT_AUTH_HOST:
            auth_host = f"http://{self.emulator}/identitytoolkit.googleapis.com"
        if self.emulator and token_host == _DEFAULT_TOKEN_HOST:
            token_host = f"http://{self.emulator}/securetoken.googleapis.com"
        return auth_host, token_host

    # --- REST ---------------------------------------------------------------------------------
    def _post(self, url: str, **kwargs: Any) -> dict[str, Any]:
        try:
            response = self._http.post(url, params={"key": self._api_key}, **kwargs)
        except httpx.HTTPError as exc:
            raise AuthError(f"Firebase Authentication is unreachable: {type(exc).__name__}") from exc
        try:
            body: dict[str, Any] = response.json()
        except ValueError:
            body = {}
        if response.status_code != 200:
            code = str(body.get("error", {}).get("message", response.status_code)) if body else \
                str(response.status_code)
            reason = code.split(" : ")[0].split(":")[0].strip()
            raise AuthError(_REST_ERRORS.get(reason, f"Firebase Authentication refused it ({reason})"))
        return body

    def _rest_sign_up(self, email: str, password: str) -> dict[str, Any]:
        norm = account_email(email)
        check_password_rules(password, email=norm, min_length=self._settings.min_password_length)
        return self._post(f"{self._auth_host}/v1/accounts:signUp",
                          json={"email": norm, "password": password, "returnSecureToken": True})

    def _session(self, id_token: str, refresh_token: str | None, expires_in: str | int) -> Session:
        user = self.verify(id_token)
        expires = self._now() + timedelta(seconds=int(expires_in))
        return Session(token=id_token, user=user, expires_at=expires, backend=self.name,
                       refresh_token=refresh_token)

    # --- AuthBackend ------------------------------------------------------------------------------
    def create_account(self, email: str, password: str, display_name: str = "") -> User:
        body = self._rest_sign_up(email, password)
        return self._store_user(body["localId"], body["email"], display_name, undo=True)

    def sign_up(self, email: str, password: str) -> Session:
        body = self._rest_sign_up(email, password)
        self._store_user(body["localId"], body["email"], "", undo=True)
        return self._session(body["idToken"], body.get("refreshToken"), body.get("expiresIn", 3600))

    def sign_in(self, email: str, password: str) -> Session:
        body = self._post(f"{self._auth_host}/v1/accounts:signInWithPassword",
                          json={"email": account_email(email), "password": password, "returnSecureToken": True})
        return self._session(body["idToken"], body.get("refreshToken"), body.get("expiresIn", 3600))

    def refresh(self, refresh_token: str) -> Session:
        body = self._post(f"{self._token_host}/v1/token",
                          data={"grant_type": "refresh_token", "refresh_token": refresh_token})
        session = self._session(body["id_token"], body.get("refresh_token"), body.get("expires_in", 3600))
        # firebase_admin's revocation check compares ``iat``, which a refresh renews. Google refuses to
        # refresh after a revocation; the emulator doesn't, so check the sign-in time ourselves too.
        claims = self._verified_claims(session.token)
        record = self._fb.get_user(str(claims["sub"]), app=self._app)
        valid_after_ms = record.tokens_valid_after_timestamp or 0
        if float(claims.get("auth_time", 0)) * 1000 < valid_after_ms:
            raise AuthError("this session was revoked; sign in again")
        return session

    def verify(self, token: str) -> User:
        if not token or len(token) > _MAX_TOKEN_LENGTH or token.count(".") != 2:
            raise AuthError("not a Firebase ID token; sign in again")
        claims = self._verified_claims(token)
        self._check_claims(claims)
        uid = str(claims["sub"])
        try:
            return self._store.get_user(uid)
        except NotFound:
            # Signed up elsewhere (console, another app of the project): start their data here.
            email = claims.get("email")
            if not email:
                raise AuthError("this Firebase account has no email address") from None
            return self._store_user(uid, str(email), "", undo=False)

    def _verified_claims(self, token: str) -> dict[str, Any]:
        fb = self._fb
        try:
            claims: dict[str, Any] = fb.verify_id_token(token, app=self._app, check_revoked=True)
        except fb.RevokedIdTokenError as exc:
            raise AuthError("this session was revoked; sign in again") from exc
        except fb.ExpiredIdTokenError as exc:
            raise AuthError("session expired; sign in again") from exc
        except fb.UserDisabledError as exc:
            raise AuthError("this account is disabled") from exc
        except fb.UserNotFoundError as exc:
            raise AuthError("the account of this token no longer exists") from exc
        except fb.CertificateFetchError as exc:
            raise AuthError("cannot check tokens right now: Google's signing keys are unreachable") from exc
        except (fb.InvalidIdTokenError, ValueError) as exc:
            log.info("refused an ID token: %s", exc)
            raise AuthError("invalid token; sign in again") from exc
        except Exception as exc:  # firebase_admin's other errors (network, backend) all mean "not verified"
            log.warning("could not verify an ID token: %s", exc)
            raise AuthError(f"could not verify the token: {type(exc).__name__}") from exc
        return claims

    def _check_claims(self, claims: dict[str, Any]) -> None:
        """What firebase_admin skips for emulator tokens; redundant (and harmless) for signed ones."""
        now = self._now().timestamp()
        try:
            exp, iat, auth_time = float(claims["exp"]), float(claims["iat"]), float(claims["auth_time"])
        except (KeyError, TypeError, ValueError):
            raise AuthError("invalid token; sign in again") from None
        if exp <= now:
            raise AuthError("session expired; sign in again")
        if iat > now + _SKEW_S or auth_time > now + _SKEW_S:
            raise AuthError("invalid token (issued in the future); sign in again")
        if claims.get("aud") != self.project or claims.get("iss") != f"https://securetoken.google.com/{self.project}":
            raise AuthError("invalid token (another project); sign in again")
        if claims.get("user_id", claims["sub"]) != claims["sub"]:
            raise AuthError("invalid token; sign in again")

    def sign_out(self, token: str) -> None:
        """Revokes every refresh token of the user (Firebase can't revoke a single ID token)."""
        claims = self._verified_claims(token)
        uid = str(claims["sub"])
        # Revocation is recorded in whole seconds and only tokens from *before* it are refused, so a
        # token issued this very second would survive: wait for the next second first.
        wait = float(claims.get("auth_time", 0)) + 1 - time.time()
        if wait > 0:
            time.sleep(min(wait, 1.0))
        self._fb.revoke_refresh_tokens(uid, app=self._app)

    def delete_account(self, user_id: str) -> None:
        try:
            self._fb.delete_user(user_id, app=self._app)
        except self._fb.UserNotFoundError:
            log.info("firebase user %s was already gone", user_id)
        self._store.delete_user(user_id)

    def _store_user(self, uid: str, email: str, display_name: str, *, undo: bool) -> User:
        try:
            return self._store.create_user(email, display_name, user_id=uid)
        except Conflict as exc:
            if undo:  # keep Firebase and the store in step: no account without its data record
                self._fb.delete_user(uid, app=self._app)
            raise AuthError(f"an account with email {email} already exists") from exc


@AUTH_BACKENDS.register("firebase")
def _firebase_auth(settings: Settings, store: Store) -> FirebaseAuth:
    return FirebaseAuth(settings, store)
