"""Sign up, sign in, sign out with the configured auth backend."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Response

from moodify.api.deps import ServicesDep, TokenDep, client_limit, current_user
from moodify.api.problems import ApiProblem
from moodify.api.schemas import Credentials, SessionOut, UserOut
from moodify.auth.base import Session
from moodify.errors import AuthError

router = APIRouter(prefix="/v1/auth", tags=["auth"])


def _out(session: Session) -> SessionOut:
    return SessionOut(
        token=session.token,
        expires_at=session.expires_at,
        user=UserOut(id=session.user.id, email=session.user.email),
    )


@router.post("/signup", response_model=SessionOut, status_code=201, dependencies=[Depends(client_limit)])
def sign_up(body: Credentials, services: ServicesDep) -> SessionOut:
    """Create an account and sign in. 400 for a malformed email, a weak password or a taken email."""
    try:
        return _out(services.auth.sign_up(body.email, body.password))
    except AuthError as exc:
        raise ApiProblem(400, str(exc), slug="signup-refused") from exc


@router.post("/signin", response_model=SessionOut, dependencies=[Depends(client_limit)])
def sign_in(body: Credentials, services: ServicesDep) -> SessionOut:
    """401 for a wrong email or password (one message for both) or a throttled account."""
    return _out(services.auth.sign_in(body.email, body.password))


@router.post("/signout", status_code=204, response_class=Response, dependencies=[Depends(current_user)])
def sign_out(services: ServicesDep, token: TokenDep) -> Response:
    """Revoke this token; it is refused from now on."""
    services.auth.sign_out(token)
    return Response(status_code=204)
