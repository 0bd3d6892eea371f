"""Sign up, sign in, change the password, sign out: :mod:`moodify.service.account`'s flows over HTTP."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Response
from pydantic import BaseModel, Field

from moodify import service
from moodify.api.deps import ClientAddress, ContextDep, CurrentUser, TokenDep, client_limit, current_user
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
def sign_up(body: Credentials, ctx: ContextDep, client: ClientAddress) -> SessionOut:
    """Create an account and sign in. 400 for a malformed email or a weak password; for an address that has
    an account, a sign-in with the password given (the same refusal otherwise: nothing says it is taken)."""
    try:
        return _out(service.sign_up(ctx, body.email, body.password, client=client))
    except AuthError as exc:
        raise ApiProblem(400, str(exc), slug="signup-refused") from exc


@router.post("/signin", response_model=SessionOut, dependencies=[Depends(client_limit)])
def sign_in(body: Credentials, ctx: ContextDep, client: ClientAddress) -> SessionOut:
    """401 for a wrong email or password or a throttled attempt (one message for all); 503 + Retry-After
    when every password-hashing slot is busy."""
    return _out(service.sign_in(ctx, body.email, body.password, client=client))


class PasswordChange(BaseModel):
    current_password: str = Field(min_length=1, max_length=1024)
    new_password: str = Field(min_length=1, max_length=1024)


@router.post("/password", status_code=204, response_class=Response)
def change_password(body: PasswordChange, user: CurrentUser, ctx: ContextDep, token: TokenDep) -> Response:
    """Change the password (the current one is required). Every other session of the account ends; this
    one stays signed in. 400 for a wrong current password or a weak new one; 422 where the sign-in backend
    keeps no passwords (Firebase)."""
    try:
        service.change_password(ctx, user, current=body.current_password, new=body.new_password,
                                keep_token=token)
    except AuthError as exc:
        raise ApiProblem(400, str(exc), slug="password-refused") from exc
    return Response(status_code=204)


@router.post("/signout", status_code=204, response_class=Response, dependencies=[Depends(current_user)])
def sign_out(ctx: ContextDep, token: TokenDep) -> Response:
    """Revoke this token; it is refused from now on."""
    service.sign_out(ctx, token)
    return Response(status_code=204)
