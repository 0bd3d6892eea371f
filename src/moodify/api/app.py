"""The FastAPI app factory. Routes only parse, call the facade, and render; errors become problem+json."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from importlib.resources import files
from typing import Any, get_args

from fastapi import Depends, FastAPI, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from moodify import __version__
from moodify.api import problems
from moodify.api.deps import CurrentUser, Limits, trusted_networks
from moodify.api.limits import BodySizeLimit, InFlight, Limiter, SharedRateLimiter
from moodify.api.routes import account, auth, emotion, health, history, music, playlists, voice
from moodify.auth.base import AuthBackend
from moodify.service import open_context
from moodify.settings import Settings
from moodify.store.base import Store
from moodify.types import Emotion, FeedbackKind, Mode, MoodSource

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
    trusted_networks(settings.trusted_proxies)  # a bad MOODIFY_TRUSTED_PROXIES fails here, not per request
    ctx = open_context(settings, store=store, auth=auth_backend)
    app = FastAPI(
        title="Moodify API",
        version=__version__,
        description="Face and text -> emotion -> a playlist that matches or steers your mood. "
        "Errors are RFC 9457 problem details (application/problem+json). Guide: docs/api.md.",
        docs_url=None,  # served below from packaged assets: /docs works without internet
        redoc_url=None,
        generate_unique_id_function=lambda route: route.name,  # operationId "sign_up": readable client names
    )
    app.state.context = ctx
    app.state.limits = Limits(
        requests=limiter or SharedRateLimiter(ctx.store, settings.api_rate_limit_per_min),
        signin=signin_limiter or SharedRateLimiter(ctx.store, settings.signin_client_per_min),
    )
    app.state.in_flight = InFlight(settings.max_analyses_per_user)
    for module in (health, auth, music, playlists, history, account):
        app.include_router(module.router)
    for analysing in (emotion, voice):  # decoding a photo or a recording: one at a time per user
        app.include_router(analysing.router, dependencies=[Depends(_one_at_a_time)])
    _serve_docs(app)
    problems.install(app)
    app.add_middleware(BodySizeLimit, max_bytes=settings.api_max_body_bytes)
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    return app


# The vocabulary (moodify.types) as named schemas: a generated client gets one Emotion type, not one per field.
VOCABULARIES: dict[str, tuple[str, ...]] = {
    "Emotion": get_args(Emotion), "Mode": get_args(Mode), "FeedbackKind": get_args(FeedbackKind),
    "MoodSource": get_args(MoodSource),
}


def _name_vocabularies(node: Any) -> Any:
    """Every inline ``enum`` that is one of :data:`VOCABULARIES` becomes a ``$ref`` to one named schema."""
    if isinstance(node, dict):
        named = next((name for name, values in VOCABULARIES.items()
                      if node.get("type") == "string" and tuple(node.get("enum", ())) == values), None)
        if named is not None:
            keep = {k: v for k, v in node.items() if k in ("description", "default")}
            return {"$ref": f"#/components/schemas/{named}", **keep}
        for key, value in node.items():
            node[key] = _name_vocabularies(value)
        if "openapi" in node:  # the root: add the named schemas once
            components = node.setdefault("components", {}).setdefault("schemas", {})
            for name, values in VOCABULARIES.items():
                components[name] = {"type": "string", "enum": list(values), "title": name}
    elif isinstance(node, list):
        return [_name_vocabularies(item) for item in node]
    return node


DOCS_ASSETS = "/docs-assets"
# The pages may load only from this server (ReDoc's bundle would fetch its badge's logo from a CDN otherwise);
# inline init scripts and styles, data: images and ReDoc's blob: worker are the bundles' own needs.
_DOCS_CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
             "img-src 'self' data:; worker-src 'self' blob:; connect-src 'self'")


def _serve_docs(app: FastAPI) -> None:
    """Swagger UI at /docs and ReDoc at /redoc, their scripts and styles from the installed
    ``fastapi-offline`` package (swagger-ui: Apache-2.0, ReDoc: MIT), never from a CDN."""
    assets = files("fastapi_offline") / "static"
    app.mount(DOCS_ASSETS, StaticFiles(directory=str(assets)), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def swagger_ui() -> HTMLResponse:
        page = get_swagger_ui_html(openapi_url="/openapi.json", title=f"{app.title} - Swagger UI",
                                   swagger_js_url=f"{DOCS_ASSETS}/swagger-ui-bundle.js",
                                   swagger_css_url=f"{DOCS_ASSETS}/swagger-ui.css",
                                   swagger_favicon_url=f"{DOCS_ASSETS}/favicon.png")
        page.headers["Content-Security-Policy"] = _DOCS_CSP
        return page

    @app.get("/redoc", include_in_schema=False)
    def redoc() -> HTMLResponse:
        page = get_redoc_html(openapi_url="/openapi.json", title=f"{app.title} - ReDoc",
                              redoc_js_url=f"{DOCS_ASSETS}/redoc.standalone.js",
                              redoc_favicon_url=f"{DOCS_ASSETS}/favicon.png", with_google_fonts=False)
        page.headers["Content-Security-Policy"] = _DOCS_CSP
        return page


ANALYSIS_RETRY_AFTER_S = 2  # about one photo's analysis


def _one_at_a_time(request: Request, user: CurrentUser) -> Iterator[None]:
    """Each user has at most ``max_analyses_per_user`` analyses in flight per route (photo, sentence);
    more are refused at once, so one user's flood leaves the decode slots to everyone else."""
    in_flight: InFlight = request.app.state.in_flight
    key = f"{user.id}:{request.url.path}"
    if not in_flight.enter(key):
        raise problems.ApiProblem(
            429, "One at a time: your previous photo or recording is still being analysed. Send the next one "
            "when it is done.",
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
    for component in components.values():  # uploads: 3.1's contentMediaType, plus the "binary" generators know
        for prop in component.get("properties", {}).values():
            if prop.get("contentMediaType") == "application/octet-stream":
                prop["format"] = "binary"
    _name_vocabularies(schema)
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
