"""The session-cookie route and its one-time handoffs, without a browser."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.testclient import TestClient

from moodify.settings import Settings
from moodify.ui.web_session import (
    HEADER,
    Confirmations,
    CookiePolicy,
    Handoffs,
    binding,
    session_route,
    set_cookie_header,
)


def _client(handoffs: Handoffs, base: str = "", secure: bool | None = None,
            confirmations: Confirmations | None = None) -> TestClient:
    policy = CookiePolicy(name="moodify_session", path="/" + base if base else "/", max_age_s=600, secure=secure)
    route = session_route(policy, base, handoffs, confirmations or Confirmations())
    return TestClient(Starlette(routes=[route]))


def test_a_handoff_sets_an_httponly_lax_cookie_once() -> None:
    handoffs = Handoffs()
    code = handoffs.issue("tok-123")
    client = _client(handoffs)
    reply = client.post("/moodify-session", json={"handoff": code}, headers={HEADER: "1"})
    assert reply.status_code == 200 and reply.json() == {"binding": binding("tok-123")}
    cookie = reply.headers["set-cookie"]
    assert cookie.startswith("moodify_session=tok-123;")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Path=/" in cookie and "Max-Age=600" in cookie
    assert "Secure" not in cookie and reply.headers["cache-control"] == "no-store"
    again = client.post("/moodify-session", json={"handoff": code}, headers={HEADER: "1"})
    assert again.status_code == 410 and "set-cookie" not in again.headers


def test_clearing_handoff_expires_the_cookie_and_https_adds_secure() -> None:
    handoffs = Handoffs()
    code = handoffs.issue(None)
    reply = _client(handoffs).post("/moodify-session", json={"handoff": code},
                                   headers={HEADER: "1", "X-Forwarded-Proto": "https"})
    cookie = reply.headers["set-cookie"]
    assert cookie.startswith("__Host-moodify_session=;") and "Max-Age=0" in cookie and "Secure" in cookie
    assert reply.json() == {"binding": None}  # the page forgets the binding too


def test_cross_site_requests_and_bad_bodies_are_refused() -> None:
    handoffs = Handoffs()
    code = handoffs.issue("tok")
    client = _client(handoffs)
    assert client.post("/moodify-session", json={"handoff": code}).status_code == 403  # no custom header
    assert client.post("/moodify-session", json={"handoff": code},
                       headers={HEADER: "1", "Origin": "https://evil.example"}).status_code == 403
    assert client.post("/moodify-session", json={"handoff": code},
                       headers={HEADER: "1", "Sec-Fetch-Site": "cross-site"}).status_code == 403
    assert client.post("/moodify-session", content=b"not json", headers={HEADER: "1"}).status_code == 400
    assert client.get("/moodify-session").status_code == 405
    assert handoffs.pending(code)  # none of those used it up
    ok = client.post("/moodify-session", json={"handoff": code},
                     headers={HEADER: "1", "Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"})
    assert ok.status_code == 200


def test_handoffs_expire() -> None:
    now = [0.0]
    handoffs = Handoffs(ttl_s=60, clock=lambda: now[0])
    code = handoffs.issue("tok")
    now[0] = 61
    assert not handoffs.pending(code) and handoffs.redeem(code) == (False, None)


def test_cookie_is_scoped_to_the_app_path_and_forced_secure_by_settings() -> None:
    policy = CookiePolicy.from_settings(Settings(session_cookie_secure=True, _env_file=None), "/moodify/")
    header = set_cookie_header(policy, "t", https=False)
    assert header.startswith("__Secure-moodify_session=t;")  # __Host- needs Path=/
    assert "Path=/moodify;" in header and header.endswith("Secure")
    handoffs = Handoffs()
    reply = _client(handoffs, base="moodify").post("/moodify/moodify-session",
                                                  json={"handoff": handoffs.issue("t")}, headers={HEADER: "1"})
    assert reply.status_code == 200


NONCE = "n" * 32


def test_a_cookie_is_confirmed_only_with_its_binding_and_only_for_that_tab() -> None:
    """Issue 22, finding 3: a cookie planted by another port of the host comes without the binding the app's
    origin keeps in localStorage, so the tab that finds it never adopts it."""
    confirmations = Confirmations()
    client = _client(Handoffs(), confirmations=confirmations)
    client.cookies.set("moodify_session", "attacker-token")
    for shown in (None, "", binding("another-token"), binding("attacker-token")[:-1] + "0"):
        reply = client.post("/moodify-session", json={"bind": shown, "nonce": NONCE}, headers={HEADER: "1"})
        assert reply.status_code == 409
    assert not confirmations.take("attacker-token", NONCE)
    ok = client.post("/moodify-session", json={"bind": binding("attacker-token"), "nonce": NONCE},
                     headers={HEADER: "1"})
    assert ok.status_code == 204
    assert not confirmations.take("attacker-token", "another tab's nonce")  # confirmed for one tab only
    assert confirmations.take("attacker-token", NONCE) and not confirmations.take("attacker-token", NONCE)


def test_binding_requests_are_same_origin_and_well_formed() -> None:
    client = _client(Handoffs())
    client.cookies.set("moodify_session", "tok")
    good = {"bind": binding("tok"), "nonce": NONCE}
    assert client.post("/moodify-session", json=good).status_code == 403
    assert client.post("/moodify-session", json=good,
                       headers={HEADER: "1", "Origin": "http://testserver:9"}).status_code == 403
    assert client.post("/moodify-session", json={"bind": binding("tok")}, headers={HEADER: "1"}).status_code == 400
    assert client.post("/moodify-session", json={**good, "nonce": "short"}, headers={HEADER: "1"}).status_code == 400
    assert client.post("/moodify-session", json=["x"], headers={HEADER: "1"}).status_code == 400
