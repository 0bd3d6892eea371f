"""Dependencies that keep routes short: the application layer's Context, the verified user, the rate limits."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from functools import lru_cache
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from moodify.api.limits import Limiter
from moodify.api.problems import ApiProblem
from moodify.errors import AuthError
from moodify.service import Context
from moodify.store.models import User

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@dataclass(frozen=True)
class Limits:
    """The API's own concern (the UI and CLI have none): how often a user or an address may call."""

    requests: Limiter  # per user / per client address, for every route
    signin: Limiter  # per client address, for sign-in and sign-up (tighter)


def get_context(request: Request) -> Context:
    """The app's one Context (built by ``create_app``): what every use case is called with."""
    ctx: Context = request.app.state.context
    return ctx


def get_limits(request: Request) -> Limits:
    limits: Limits = request.app.state.limits
    return limits


ContextDep = Annotated[Context, Depends(get_context)]
LimitsDep = Annotated[Limits, Depends(get_limits)]


_bearer = HTTPBearer(auto_error=False, description="The token from /v1/auth/signin or /v1/auth/signup.")


@lru_cache(maxsize=16)
def trusted_networks(setting: str) -> tuple[Network, ...]:
    """``MOODIFY_TRUSTED_PROXIES`` ("10.0.0.1, 10.1.0.0/16") as networks. ValueError for a bad entry."""
    return tuple(ipaddress.ip_network(part.strip(), strict=False) for part in setting.split(",") if part.strip())


def _trusted(host: str, networks: tuple[Network, ...]) -> bool:
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return any(address in net for net in networks)


def client_address(request: Request, trusted_proxies: str) -> str:
    """The address a request came from. ``X-Forwarded-For`` is read only when the peer is a trusted proxy,
    and then from the right: the first hop that is not itself a trusted proxy is the client. With no
    trusted proxies (the default) the header is ignored, so a client can't pick its own address."""
    peer = request.client.host if request.client else "unknown"
    networks = trusted_networks(trusted_proxies)
    if not networks or not _trusted(peer, networks):
        return peer
    hops = [h.strip() for h in ",".join(request.headers.getlist("x-forwarded-for")).split(",") if h.strip()]
    for hop in reversed(hops):
        if not _trusted(hop, networks):
            return hop
    return hops[0] if hops else peer


def _limit(limiter: Limiter, key: str, what: str) -> None:
    wait = limiter.acquire(key)
    if wait > 0:
        retry = max(1, int(wait + 0.999))
        raise ApiProblem(
            429,
            f"You reached the rate limit of {limiter.per_minute} {what} per minute. Retry in {retry} s.",
            slug="rate-limited",
            headers={"Retry-After": str(retry)},
        )


def bearer_token(credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> str:
    if credentials is None or not credentials.credentials:
        raise ApiProblem(
            401,
            "You are not signed in. Send 'Authorization: Bearer <token>' with the token from sign-in.",
            slug="unauthorized",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return credentials.credentials


TokenDep = Annotated[str, Depends(bearer_token)]


def current_user(request: Request, ctx: ContextDep, limits: LimitsDep, token: TokenDep) -> User:
    """Verify the token server-side (every request, no caching), then rate-limit per USER: many tokens or
    processes don't multiply the limit. Failed verifications count against the client address."""
    try:
        user = ctx.auth.verify(token)
    except AuthError:
        _limit(limits.requests, "client:" + client_address(request, ctx.settings.trusted_proxies), "requests")
        raise
    _limit(limits.requests, "user:" + user.id, "requests")
    return user


def client_limit(request: Request, ctx: ContextDep, limits: LimitsDep) -> None:
    """For anonymous routes (sign-in/up): limit per client address."""
    _limit(limits.signin, "signin-client:" + client_address(request, ctx.settings.trusted_proxies),
           "sign-in requests")


def request_client(request: Request, ctx: ContextDep) -> str:
    return client_address(request, ctx.settings.trusted_proxies)


ClientAddress = Annotated[str, Depends(request_client)]
CurrentUser = Annotated[User, Depends(current_user)]
