"""The FastAPI app factory. Routes only parse, call the facade, and render; errors become problem+json."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from fastapi import Depends, FastAPI, Request
from fastapi.openapi.utils import get_openapi

from moodify import __version__
from moodify.api import problems
from moodify.api.deps import CurrentUser, Services, trusted_networks
from moodify.api.limits import BodySizeLimit, InFlight, Limiter, SharedRateLimiter
from moodify.api.routes import account, auth, emotion, health, history, music, playlists
from moodify.auth import open_auth
from moodify.auth.base import AuthBackend
from moodify.service import Context
from moodify.settings import Settings
from moodify.store import open_store
from moodify.store.base import Store

log = logging.getLogger(__name__)

# Problems each kind of route can answer with, so clients (and schemathesis) know their shape.
_COMMON = {
    "400": "Malformed request body", "413": "Body too large", "422": "Invalid input", "429": "Rate limited",
    "500": "Server error",
}
_USER = {"401": "Not signed in, or the token is invalid/expired/revoked"}
_UPSTREAM = {"502": "A music provider failed", "503": "No tracks or store unavailable"}


def create_app(
    settings: Settings,
    *,
    store: Store | None = None,
    auth_backend: AuthBackend | None = None,
    limiter: Limiter | None = None,
    signin_limiter: Limiter | None = None,
) -> FastAPI:
    """A ready app on ``settings``' backends (or the ones given, e.g. by tests).

    Rate limits count in the store by default, so they hold across processes sharing it.
    """
    store = store or open_store(settings)
    trusted_networks(settings.trusted_proxies)  # a bad MOODIFY_TRUSTED_PROXIES fails here, not per request
    app = FastAPI(
        title="Moodify API",
        version=__version__,
        description="Face and text -> emotion -> a playlist that matches or steers your mood. "
        "Errors are RFC 9457 problem details (application/problem+json).",
    )
    auth_backend = auth_backend or open_auth(settings, store)
    app.state.services = Services(
        settings=settings,
        store=store,
        auth=auth_backend,
        limiter=limiter or SharedRateLimiter(store, settings.api_rate_limit_per_min),
        signin_limiter=signin_limiter or SharedRateLimiter(store, settings.signin_client_per_min),
        context=Context(settings=settings, store=store, auth=auth_backend),
    )
    app.state.in_flight = InFlight(settings.max_analyses_per_user)
    for module in (health, auth, music, playlists, history, account):
        app.include_router(module.router)
    app.include_router(emotion.router, dependencies=[Depends(_one_at_a_time)])
    problems.install(app)
    app.add_middleware(BodySizeLimit, max_bytes=settings.api_max_body_bytes)
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    return app


ANALYSIS_RETRY_AFTER_S = 2  # about one photo's analysis


def _one_at_a_time(request: Request, user: CurrentUser) -> Iterator[None]:
    """Each user has at most ``max_analyses_per_user`` analyses in flight per route (photo, sentence);
    more are refused at once, so one user's flood leaves the decode slots to everyone else."""
    in_flight: InFlight = request.app.state.in_flight
    key = f"{user.id}:{request.url.path}"
    if not in_flight.enter(key):
        raise problems.ApiProblem(
            429, "one at a time: your previous photo is still being analysed; send the next when it is done",
            slug="rate-limited", headers={"Retry-After": str(ANALYSIS_RETRY_AFTER_S)})
    try:
        yield
    finally:
        in_flight.leave(key)


def _openapi(app: FastAPI) -> dict[str, Any]:
    """FastAPI's schema, with every route's problem responses declared as application/problem+json."""
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components["Problem"] = problems.Problem.model_json_schema(ref_template="#/components/schemas/{model}")
    for name in ("HTTPValidationError", "ValidationError"):
        components.pop(name, None)
    ref = {"$ref": "#/components/schemas/Problem"}
    for path, operations in schema.get("paths", {}).items():
        for operation in operations.values():
            codes = dict(_COMMON)
            if operation.get("security"):
                codes |= _USER
            if path.startswith("/v1/auth/sign"):
                codes |= {"400": "Refused", "401": "Wrong email or password"}
            if path == "/v1/recommendations":
                codes |= _UPSTREAM
            if path.startswith("/v1/playlists/") or path == "/v1/feedback":
                codes |= {"404": "No such playlist or track in your history"}
            if path != "/health" and not path.startswith("/v1/auth"):
                codes |= {"503": "Store unavailable"}
            responses = operation.setdefault("responses", {})
            for code, text in codes.items():
                responses[code] = {"description": text, "content": {problems.PROBLEM_JSON: {"schema": ref}}}
    app.openapi_schema = schema
    return schema
