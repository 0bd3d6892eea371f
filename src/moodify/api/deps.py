"""Dependencies that keep routes short: the services, the verified current user, the rate limit."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from moodify.api.limits import RateLimiter
from moodify.api.problems import ApiProblem
from moodify.auth.base import AuthBackend
from moodify.service import Context
from moodify.settings import Settings
from moodify.store.base import Store
from moodify.store.models import User


@dataclass(frozen=True)
class Services:
    """Everything a request needs, built once by ``create_app`` and kept on ``app.state``."""

    settings: Settings
    store: Store
    auth: AuthBackend
    limiter: RateLimiter
    context: Context  # what the application layer's use cases take (same store, auth and settings)


def get_services(request: Request) -> Services:
    services: Services = request.app.state.services
    return services


ServicesDep = Annotated[Services, Depends(get_services)]
_bearer = HTTPBearer(auto_error=False, description="The token from /v1/auth/signin or /v1/auth/signup.")


def _limit(services: Services, key: str) -> None:
    wait = services.limiter.acquire(key)
    if wait > 0:
        retry = max(1, int(wait + 0.999))
        raise ApiProblem(
            429,
            f"rate limit of {services.settings.api_rate_limit_per_min} requests per minute "
            f"reached; retry in {retry} s",
            slug="rate-limited",
            headers={"Retry-After": str(retry)},
        )


def bearer_token(credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> str:
    if credentials is None or not credentials.credentials:
        raise ApiProblem(
            401,
            "not signed in: send 'Authorization: Bearer <token>'",
            slug="unauthorized",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return credentials.credentials


TokenDep = Annotated[str, Depends(bearer_token)]


def current_user(services: ServicesDep, token: TokenDep) -> User:
    """Rate-limit by token, then verify the token server-side (every request, no caching)."""
    _limit(services, "token:" + token)
    return services.auth.verify(token)


def client_limit(request: Request, services: ServicesDep) -> None:
    """For the sign-in/up endpoints, which have no token yet: limit per client address."""
    host = request.client.host if request.client else "unknown"
    _limit(services, "client:" + host)


CurrentUser = Annotated[User, Depends(current_user)]
