"""actions.py without Streamlit: who is signed in, and what a token that expired does."""

from __future__ import annotations

from dataclasses import dataclass, field

from moodify.auth import Session, guest_session
from moodify.errors import AuthError
from moodify.service import Context
from moodify.store import User
from moodify.ui import actions
from moodify.ui.session import UIState

ANN = User(id="u1", email="ann@example.org")


@dataclass
class FakeFirebase:
    """Tokens: 'good' verifies; 'old' is expired; refresh 'r1' gives 'good', anything else is refused."""

    refreshed: list[str] = field(default_factory=list)

    def verify(self, token: str) -> User:
        if token != "good":
            raise AuthError("token expired")
        return ANN

    def refresh(self, refresh_token: str) -> Session:
        self.refreshed.append(refresh_token)
        if refresh_token != "r1":
            raise AuthError("refresh refused")
        return Session(token="good", user=ANN, expires_at=None, backend="firebase", refresh_token="r2")


def test_a_verified_token_gives_the_user_with_the_shared_store(svc: Context) -> None:
    svc.auth = FakeFirebase()  # type: ignore[assignment]
    ui = UIState(token="good")
    who = actions.whoami(ui, svc)
    assert who is not None and who.user == ANN and who.ctx.store is svc.store and not who.guest


def test_an_expired_firebase_token_is_refreshed_and_verified_again(svc: Context) -> None:
    fake = FakeFirebase()
    svc.auth = fake  # type: ignore[assignment]
    ui = UIState(token="old", refresh_token="r1")
    who = actions.whoami(ui, svc)
    assert who is not None and who.user == ANN
    assert (ui.token, ui.refresh_token) == ("good", "r2") and fake.refreshed == ["r1"]


def test_a_refused_token_signs_out_with_a_message(svc: Context) -> None:
    svc.auth = FakeFirebase()  # type: ignore[assignment]
    ui = UIState(token="forged", refresh_token="stolen")
    assert actions.whoami(ui, svc) is None
    assert ui.token is None and ui.refresh_token is None
    assert ui.notices and "sign in again" in ui.notices[0]
    assert actions.whoami(UIState(), svc) is None  # nobody signed in


def test_a_guest_uses_their_own_memory_store(svc: Context) -> None:
    ui = UIState(guest=guest_session())
    who = actions.whoami(ui, svc)
    assert who is not None and who.guest and who.ctx.store is not svc.store
