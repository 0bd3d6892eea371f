"""Errors as RFC 9457 ``application/problem+json``: a clear message, never a traceback."""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from moodify.auth.passwords import HashingBusy
from moodify.errors import (
    AuthError,
    Conflict,
    ImageError,
    InvalidInput,
    ModelError,
    MoodifyError,
    NoFaceFound,
    NotFound,
    NoTracksFound,
    ProviderError,
    StoreError,
    TextError,
    public_message,
    sentence,
)
from moodify.validation import InvalidText

log = logging.getLogger(__name__)

PROBLEM_JSON = "application/problem+json"

# Our error classes -> (HTTP status, problem type slug). The most specific class wins (MRO order).
_STATUS: dict[type[MoodifyError], tuple[int, str]] = {
    InvalidInput: (422, "invalid-request"),
    TextError: (422, "bad-text"),
    ImageError: (422, "bad-image"),
    NoFaceFound: (422, "no-face"),
    AuthError: (401, "unauthorized"),
    NotFound: (404, "not-found"),
    Conflict: (409, "conflict"),
    StoreError: (503, "store-unavailable"),
    HashingBusy: (503, "busy"),
    NoTracksFound: (503, "no-tracks"),
    ProviderError: (502, "provider-failed"),
    ModelError: (500, "model-unavailable"),
}


# A title per kind of problem, so a client (and a person reading a log) tells them apart at a glance.
TITLES = {
    "invalid-request": "Invalid request",
    "bad-text": "Text can't be read",
    "bad-image": "Image can't be used",
    "no-face": "No face found",
    "unauthorized": "Not signed in",
    "signup-refused": "Sign-up refused",
    "password-refused": "Password not changed",
    "not-found": "Not found",
    "conflict": "Conflict with stored data",
    "rate-limited": "Too many requests",
    "too-large": "Body too large",
    "busy": "Server busy",
    "store-unavailable": "Data store unavailable",
    "no-tracks": "No tracks found",
    "provider-failed": "Music provider failed",
    "model-unavailable": "Emotion model unavailable",
    "internal": "Internal error",
}
_HTTP_DETAIL = {
    404: "There is nothing at this address. The routes are listed at /docs.",
    405: "This method is not allowed here; the Allow header lists the ones that are.",
}


class Problem(BaseModel):
    """RFC 9457 problem details."""

    type: str = Field(default="about:blank", description="URI reference naming the kind of problem.")
    title: str = Field(..., description="Short summary of the kind of problem.")
    status: int = Field(..., description="The HTTP status code.")
    detail: str = Field(default="", description="What went wrong, for a person to read.")
    instance: str | None = Field(default=None, description="The request path.")
    errors: list[dict[str, Any]] | None = Field(
        default=None, description="Per-field problems of invalid input."
    )


class ApiProblem(Exception):
    """Raise in a route to answer with a problem (status, message, optional headers)."""

    def __init__(
        self, status: int, detail: str, *, slug: str | None = None, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(detail)
        self.status, self.detail, self.slug, self.headers = status, detail, slug, headers


def problem_response(
    status: int,
    detail: str,
    *,
    instance: str | None = None,
    slug: str | None = None,
    headers: dict[str, str] | None = None,
    errors: list[dict[str, Any]] | None = None,
) -> JSONResponse:
    body = Problem(
        type=f"urn:moodify:problem:{slug}" if slug else "about:blank",
        title=TITLES.get(slug or "", HTTPStatus(status).phrase),
        status=status,
        detail=sentence(detail),
        instance=instance,
        errors=errors,
    )
    return JSONResponse(
        body.model_dump(exclude_none=True), status_code=status, headers=headers, media_type=PROBLEM_JSON
    )


def status_for(exc: MoodifyError) -> tuple[int, str]:
    for cls in type(exc).__mro__:
        if cls in _STATUS:
            return _STATUS[cls]
    return 500, "internal"


def _allowed(request: Request) -> list[str]:
    """Methods some route answers on this path, asked through each route's own ``matches`` (included routers
    are not plain ``APIRoute``s in the app's route list, so reading ``route.methods`` there finds none)."""
    allowed = []
    for method in ("DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"):
        scope = {**request.scope, "method": method}
        if any(route.matches(scope)[0] == Match.FULL for route in request.app.routes):
            allowed.append(method)
    return allowed


def install(app: FastAPI) -> None:
    """Route every error through :func:`problem_response`."""

    @app.exception_handler(ApiProblem)
    async def _api_problem(request: Request, exc: ApiProblem) -> JSONResponse:
        return problem_response(
            exc.status, exc.detail, instance=request.url.path, slug=exc.slug, headers=exc.headers
        )

    @app.exception_handler(MoodifyError)
    async def _moodify(request: Request, exc: MoodifyError) -> JSONResponse:
        status, slug = status_for(exc)
        if status >= 500:
            log.warning("%s on %s: %s", type(exc).__name__, request.url.path, exc)
        headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
        if isinstance(exc, HashingBusy):
            headers = {"Retry-After": str(exc.retry_after_s)}
        detail = public_message(exc)  # the full reason (driver message, database address) is logged above
        return problem_response(status, detail, instance=request.url.path, slug=slug, headers=headers)

    @app.exception_handler(InvalidText)
    async def _invalid_text(request: Request, exc: InvalidText) -> JSONResponse:
        # A limit the store enforces (on every backend) that the schema did not catch first.
        return problem_response(422, f"The input is invalid: {exc}", instance=request.url.path,
                                slug="invalid-request")

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [
            {"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", ""))} for e in exc.errors()
        ]
        summary = "; ".join(f"{'.'.join(e['loc'])}: {e['msg']}" for e in errors[:5])
        return problem_response(
            422,
            f"The request is invalid: {summary}",
            instance=request.url.path,
            slug="invalid-request",
            errors=errors,
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        phrase = HTTPStatus(exc.status_code).phrase
        detail = exc.detail if isinstance(exc.detail, str) and exc.detail != phrase else (
            _HTTP_DETAIL.get(exc.status_code, HTTPStatus(exc.status_code).description))
        headers = getattr(exc, "headers", None)
        if exc.status_code == 405:  # Starlette names only the first route's methods; one path may have several
            headers = {"Allow": ", ".join(_allowed(request))}
        return problem_response(exc.status_code, detail, instance=request.url.path, headers=headers)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        detail = public_message(exc)  # logs the traceback with the reference the detail quotes
        return problem_response(500, detail, instance=request.url.path, slug="internal")
