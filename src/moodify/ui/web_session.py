"""Sign-ins that survive a reload, a second tab and a replica restart: an HttpOnly session cookie.

The signed-in state is the server-side session already in the store; the cookie only carries its token
back, so any replica can verify it (every run, through ``auth.verify``). Streamlit reads cookies
(``st.context.cookies``) but its websocket cannot set one, so a tiny route on the app's own server does:

1. after a sign-in the script issues a one-time *handoff* (random, 60 s, single use, in this process)
   and puts a script in the page that POSTs it to ``/moodify-session``;
2. the route redeems it and answers ``Set-Cookie`` (HttpOnly, SameSite=Lax, Path=the app's path,
   Max-Age, Secure over https). The token itself is never in a URL, in the page or in JS storage;
3. sign-out (and a token the server refused) issues a handoff that clears the cookie the same way.

The route refuses cross-site requests (Origin/Sec-Fetch-Site, and a custom header a cross-site form can't
send). A page on the same host but another port is another origin, yet cookies ignore ports: it could set the
cookie itself to the attacker's own token. So a tab adopts a cookie only when the browser also holds the
cookie's *binding* in localStorage, which is per origin (scheme, host and port): when the route sets the
cookie it hands the page ``binding(token)`` to keep, and a fresh tab that finds a cookie first asks the page
to show it (``{"bind": ..., "nonce": ...}``, the nonce fresh in that tab's page); the route compares it with
the cookie the request carries and confirms that token for that nonce only. A planted cookie arrives without
its binding and is not adopted. Over https the cookie is also named ``__Host-...`` (``__Secure-...`` under a
base path), which no http page can set. The handoff lives in process memory: the proxy sends a browser's
requests to the replica that holds its websocket (sticky), and a lost handoff only costs the reload-survival
of that one sign-in (the server-side session is unaffected).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from moodify.settings import Settings

ROUTE = "moodify-session"
HANDOFF_TTL_S = 60.0
STATE_KEY = "moodify.web_session"
HEADER = "X-Moodify-Session"  # a header a cross-site form can't send; fetch() from elsewhere needs a preflight
BINDING_KEY = "moodify.binding"  # the page's localStorage entry (per origin: another port can't write it)
BIND_WAIT_S = 3.0  # how long a fresh tab waits for its page to show the binding


def binding(token: str) -> str:
    """What the app's origin keeps in localStorage beside the cookie. Not a secret: what protects is that only
    the app's own pages can write it there (after the app set that very cookie)."""
    return hashlib.sha256(f"moodify-binding:{token}".encode()).hexdigest()[:32]


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


class Handoffs:
    """One-time codes a page trades for a Set-Cookie: code -> token to set (None: clear the cookie)."""

    def __init__(self, ttl_s: float = HANDOFF_TTL_S, clock: Callable[[], float] = time.monotonic) -> None:
        self._ttl_s, self._clock = ttl_s, clock
        self._items: dict[str, tuple[str | None, float]] = {}
        self._lock = threading.Lock()

    def issue(self, token: str | None) -> str:
        code = secrets.token_urlsafe(24)
        now = self._clock()
        with self._lock:
            self._items = {k: v for k, v in self._items.items() if v[1] > now}  # forget expired ones
            self._items[_digest(code)] = (token, now + self._ttl_s)
        return code

    def redeem(self, code: str) -> tuple[bool, str | None]:
        """(True, token-or-None) once for a live code; (False, None) for an unknown, used or expired one."""
        with self._lock:
            item = self._items.pop(_digest(code), None)
        if item is None or item[1] <= self._clock():
            return False, None
        return True, item[0]

    def pending(self, code: str) -> bool:
        with self._lock:
            item = self._items.get(_digest(code))
        return item is not None and item[1] > self._clock()


HANDOFFS = Handoffs()  # process-wide: the script and the route of one app server share it


class Confirmations:
    """(cookie token, tab nonce) pairs whose binding the tab's page just showed (digest -> expiry). The nonce
    was only ever in that tab's page, so nobody else's request can confirm for it."""

    def __init__(self, ttl_s: float = HANDOFF_TTL_S, clock: Callable[[], float] = time.monotonic) -> None:
        self._ttl_s, self._clock = ttl_s, clock
        self._items: dict[str, float] = {}
        self._lock = threading.Lock()

    def confirm(self, token: str, nonce: str) -> None:
        now = self._clock()
        with self._lock:
            self._items = {k: v for k, v in self._items.items() if v > now}
            self._items[_digest(f"{nonce}:{token}")] = now + self._ttl_s

    def take(self, token: str, nonce: str) -> bool:
        """True once for a pair confirmed in the last minute."""
        with self._lock:
            until = self._items.pop(_digest(f"{nonce}:{token}"), None)
        return until is not None and until > self._clock()


CONFIRMED = Confirmations()


@dataclass(frozen=True)
class CookiePolicy:
    name: str
    path: str  # the app's path: "/" or "/<baseUrlPath>"
    max_age_s: int
    secure: bool | None  # None: when the request came over https (directly or through the proxy)

    @classmethod
    def from_settings(cls, settings: Settings, base_path: str = "") -> CookiePolicy:
        return cls(name=settings.session_cookie_name, path=app_path(base_path),
                   max_age_s=settings.session_ttl_s, secure=settings.session_cookie_secure)


def app_path(base_path: str) -> str:
    base = base_path.strip("/")
    return f"/{base}" if base else "/"


def route_path(base_path: str) -> str:
    return app_path(base_path).rstrip("/") + "/" + ROUTE


# --- the route (on the app's server) -------------------------------------------------------------


def _same_origin(request: Request) -> bool:
    """Only the app's own pages may call the route (checked on what browsers send and pages can't forge)."""
    if request.headers.get(HEADER) != "1":
        return False
    site = request.headers.get("sec-fetch-site")
    if site is not None and site != "same-origin":
        return False
    origin = request.headers.get("origin")
    return origin is None or urlsplit(origin).netloc == request.headers.get("host")


def _is_https(request: Request) -> bool:
    # A forged X-Forwarded-Proto could only *add* Secure, which makes the cookie stricter, never weaker.
    return request.url.scheme == "https" or request.headers.get("x-forwarded-proto", "").lower() == "https"


def cookie_name(name: str, path: str, secure: bool) -> str:
    """Over https the name carries a prefix browsers enforce: ``__Host-`` (Secure, Path=/, no Domain: only a
    secure page of this very host can set it) or ``__Secure-`` under a base path."""
    if not secure:
        return name
    return f"__Host-{name}" if path == "/" else f"__Secure-{name}"


def cookie_names(name: str) -> tuple[str, ...]:
    """Where a session cookie may be found, strongest first."""
    return f"__Host-{name}", f"__Secure-{name}", name


def set_cookie_header(policy: CookiePolicy, token: str | None, https: bool) -> str:
    """The Set-Cookie value: the token (or an expired empty value, to clear it) with the policy's flags."""
    secure = policy.secure if policy.secure is not None else https
    value, age = (token, policy.max_age_s) if token is not None else ("", 0)
    name = cookie_name(policy.name, policy.path, secure)
    parts = [f"{name}={value}", f"Path={policy.path}", f"Max-Age={age}", "HttpOnly", "SameSite=Lax"]
    if token is None:
        parts.append("Expires=Thu, 01 Jan 1970 00:00:00 GMT")
    if secure:
        parts.append("Secure")
    return "; ".join(parts)


def session_route(policy: CookiePolicy, base_path: str = "", handoffs: Handoffs = HANDOFFS,
                  confirmations: Confirmations = CONFIRMED) -> Route:
    """``POST /moodify-session``: ``{"handoff": code}`` -> 200 ``{"binding": ...}`` with Set-Cookie (410 for a
    bad code); ``{"bind": value, "nonce": n}`` -> 204 when ``value`` is the binding of the cookie the request
    carries (the token is then confirmed for the tab holding ``n``), 409 otherwise. 403 cross-site, 400 a bad
    body."""

    async def endpoint(request: Request) -> Response:
        headers = {"Cache-Control": "no-store"}
        if not _same_origin(request):
            return Response(status_code=403, headers=headers)
        try:
            body = json.loads(await request.body())
            if not isinstance(body, dict):
                raise ValueError
            if "bind" in body:
                return _bind(request, body["bind"], body["nonce"], policy.name, confirmations, headers)
            code = body["handoff"]
            if not isinstance(code, str) or len(code) > 100:
                raise ValueError
        except (ValueError, KeyError, TypeError):
            return Response(status_code=400, headers=headers)
        live, token = handoffs.redeem(code)
        if not live:
            return Response(status_code=410, headers=headers)
        headers["Set-Cookie"] = set_cookie_header(policy, token, _is_https(request))
        kept = None if token is None else binding(token)
        return Response(json.dumps({"binding": kept}), status_code=200, headers=headers,
                        media_type="application/json")

    return Route(route_path(base_path), endpoint, methods=["POST"])


def _bind(request: Request, shown: object, nonce: object, name: str, confirmations: Confirmations,
          headers: dict[str, str]) -> Response:
    if shown is not None and (not isinstance(shown, str) or len(shown) > 100):
        raise ValueError
    if not isinstance(nonce, str) or not 16 <= len(nonce) <= 100:
        raise ValueError
    for candidate in cookie_names(name):
        token = request.cookies.get(candidate)
        if token and isinstance(shown, str) and hmac.compare_digest(shown, binding(token)):
            confirmations.confirm(token, nonce)
            return Response(status_code=204, headers=headers)
    return Response(status_code=409, headers=headers)


def routes(settings: Settings, base_path: str = "") -> list[Route]:
    return [session_route(CookiePolicy.from_settings(settings, base_path), base_path)]


# --- the socket's Origin (the app's server) ------------------------------------------------------

_DEFAULT_PORTS = {"http": "80", "https": "443", "ws": "80", "wss": "443"}


def _origin(scheme: str, netloc: str) -> str | None:
    """``scheme://host:port`` in one spelling (lower case, the default port written out); None if malformed."""
    parts = urlsplit(f"{scheme}://{netloc}")
    try:
        port = parts.port or _DEFAULT_PORTS.get(scheme, "")
    except ValueError:
        return None
    return f"{scheme}://{parts.hostname}:{port}" if parts.hostname else None


def socket_origin_allowed(origin: str | None, host: str | None, scheme: str, public_url: str = "") -> bool:
    """Whether a WebSocket with this ``Origin`` may open: none (not a browser, so no victim's cookies), the
    configured public URL's origin, or exactly the scheme, host and port this request was sent to."""
    if origin is None:
        return True
    parts = urlsplit(origin)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return False  # "null" (sandboxed frames, file: pages) and anything else odd
    theirs = _origin(parts.scheme, parts.netloc)
    if theirs is None:
        return False
    if public_url:
        public = urlsplit(public_url)
        if theirs == _origin(public.scheme, public.netloc):
            return True
    page_scheme = "https" if scheme in ("https", "wss") else "http"
    return host is not None and theirs == _origin(page_scheme, host)


class SocketOriginGuard:
    """ASGI middleware: the app's WebSocket (``/_stcore/stream``, which carries the signed-in page) opens
    only from the app's own origin. Streamlit's own check admits any port of localhost, 127.0.0.1 and the
    machine's addresses, so another local service's page could read a signed-in victim's page through it.

    Behind a proxy the Host it forwards must keep the port (``$http_host``), or set ``MOODIFY_PUBLIC_URL``;
    the scheme is the proxy's ``X-Forwarded-Proto`` when given (only a proxy can add it to a WebSocket
    handshake; a wrong one refuses, never admits, another origin)."""

    def __init__(self, app: ASGIApp, public_url: str = "") -> None:
        self.app = app
        self.public_url = public_url

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket":
            headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
            scheme = headers.get("x-forwarded-proto") or scope.get("scheme", "ws")
            if not socket_origin_allowed(headers.get("origin"), headers.get("host"), scheme, self.public_url):
                await send({"type": "websocket.close", "code": 1008})  # before accept: HTTP 403
                return
        await self.app(scope, receive, send)


def middleware(settings: Settings) -> list[Middleware]:
    return [Middleware(SocketOriginGuard, public_url=settings.public_url)]


# --- the script side (runs inside the Streamlit script) ------------------------------------------


@dataclass
class _TabState:
    known: str | None = None  # the token this tab has put in (or found in) the cookie
    refused: set[str] = field(default_factory=set)  # signed out here: never adopt it again from the cookie
    pending: list[str] = field(default_factory=list)  # handoff codes the page must still redeem


def _tab() -> _TabState:
    import streamlit as st

    current = st.session_state.get(STATE_KEY)
    if not isinstance(current, _TabState):
        current = st.session_state[STATE_KEY] = _TabState()
    return current


def _cookie_name() -> str:
    from moodify.settings import get_settings

    return get_settings().session_cookie_name


def token_from_cookie(name: str | None = None) -> str | None:
    """The session token the browser sent with this tab's connection (None: no cookie); a prefixed
    (``__Host-``/``__Secure-``) cookie wins over a plain one."""
    import streamlit as st

    for candidate in cookie_names(name or _cookie_name()):
        value = st.context.cookies.get(candidate)
        if isinstance(value, str) and value:  # AppTest has no real cookies
            return value
    return None


def adopt_cookie(current_token: str | None, is_guest: bool, name: str | None = None,
                 base_path: str | None = None) -> str | None:
    """A token to sign this fresh tab in with (verified by the caller, as every token is), or None.

    Only a cookie whose binding this browser's page can show (module docstring): the page is asked, and this
    run waits up to ``BIND_WAIT_S`` for the route's confirmation. A cookie that fails is never asked about
    again in this tab."""
    tab = _tab()
    if current_token is not None or is_guest or tab.known is not None:
        return None
    token = token_from_cookie(name)
    if token is None or token in tab.refused:
        return None
    if not _bound(token, _base_path() if base_path is None else base_path):
        tab.refused.add(token)
        return None
    tab.known = token
    return token


def _bound(token: str, base_path: str) -> bool:
    nonce = secrets.token_urlsafe(24)
    _render_bind(base_path, nonce)
    deadline = time.monotonic() + BIND_WAIT_S
    while time.monotonic() < deadline:
        time.sleep(0.05)
        if CONFIRMED.take(token, nonce):
            return True
    return False


def start_web_session(token: str) -> None:
    """After a sign-in (or a refreshed Firebase ID token): have the browser keep ``token`` in the cookie."""
    tab = _tab()
    tab.known = token
    tab.pending.append(HANDOFFS.issue(token))


def end_web_session() -> None:
    """After sign-out, account deletion or a refused token: clear the cookie and never adopt it again here."""
    tab = _tab()
    if tab.known is not None:
        tab.refused.add(tab.known)
    tab.known = None
    tab.pending.append(HANDOFFS.issue(None))


def sync_web_session(current_token: str | None, base_path: str | None = None) -> None:
    """Once per run, after the page: follow this tab's sign-in state into the cookie.

    A new token -> set it; no token where there was one -> clear it. Handoffs not yet redeemed are put in the
    page again (a rerun may have removed the last one before its request left).
    """
    tab = _tab()
    if current_token is not None and current_token != tab.known:
        start_web_session(current_token)
    elif current_token is None and tab.known is not None:
        end_web_session()
    tab.pending = [code for code in tab.pending if HANDOFFS.pending(code)]
    if tab.pending:
        _render(tab.pending, _base_path() if base_path is None else base_path)


def _base_path() -> str:
    from streamlit import config

    return str(config.get_option("server.baseUrlPath") or "")


def _post(base_path: str, body: str) -> str:
    return (f"fetch({json.dumps(route_path(base_path))},{{method:'POST',credentials:'same-origin',"
            f"headers:{{'Content-Type':'application/json','{HEADER}':'1'}},body:{body}}})")


def _render(codes: list[str], base_path: str) -> None:
    import streamlit as st

    # JSON-encoded into a script element: codes are URL-safe base64, the path comes from our own config.
    # One after the other, so a set and a later clear reach the server in that order; each answer's binding
    # is kept in (or, for a clear, removed from) this origin's localStorage.
    key = json.dumps(BINDING_KEY)
    keep = (f".then(r=>r.ok?r.json():null).then(j=>{{if(j){{j.binding?localStorage.setItem({key},j.binding)"
            f":localStorage.removeItem({key});}}}})")
    calls = "".join(
        f".then(()=>{_post(base_path, f'JSON.stringify({{handoff:{json.dumps(code)}}})')}){keep}"
        for code in codes
    )
    st.html(f"<script>Promise.resolve(){calls}.catch(()=>{{}});</script>", unsafe_allow_javascript=True)


def _render_bind(base_path: str, nonce: str) -> None:
    import streamlit as st

    shown = f"JSON.stringify({{bind:localStorage.getItem({json.dumps(BINDING_KEY)}),nonce:{json.dumps(nonce)}}})"
    st.html(f"<script>{_post(base_path, shown)}.catch(()=>{{}});</script>", unsafe_allow_javascript=True)
