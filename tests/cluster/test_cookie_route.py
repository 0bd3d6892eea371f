"""The session-cookie route and its one-time handoffs, without a browser."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.testclient import TestClient

from moodify.settings import Settings
from moodify.ui.web_session import HEADER, CookiePolicy, Handoffs, session_route, set_cookie_header


def _client(handoffs: Handoffs, base: str = "", secure: bool | None = None) -> TestClient:
    policy = CookiePolicy(name="moodify_session", path="/" + base if base else "/", max_age_s=600, secure=secure)
    return TestClient(Starlette(routes=[session_route(policy, base, handoffs)]))


def test_a_handoff_sets_an_httponly_lax_cookie_once() -> None:
    handoffs = Handoffs()
    code = handoffs.issue("tok-123")
    client = _client(handoffs)
    reply = client.post("/moodify-session", json={"handoff": code}, headers={HEADER: "1"})
    assert reply.status_code == 204
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
    assert cookie.startswith("moodify_session=;") and "Max-Age=0" in cookie and "Secure" in cookie


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
    assert ok.status_code == 204


def test_handoffs_expire() -> None:
    now = [0.0]
    handoffs = Handoffs(ttl_s=60, clock=lambda: now[0])
    code = handoffs.issue("tok")
    now[0] = 61
    assert not handoffs.pending(code) and handoffs.redeem(code) == (False, None)


def test_cookie_is_scoped_to_the_app_path_and_forced_secure_by_settings() -> None:
    policy = CookiePolicy.from_settings(Settings(session_cookie_secure=True, _env_file=None), "/moodify/")
    header = set_cookie_header(policy, "t", https=False)
    assert "Path=/moodify;" in header and header.endswith("Secure")
    handoffs = Handoffs()
    reply = _client(handoffs, base="moodify").post("/moodify/moodify-session",
                                                  json={"handoff": handoffs.issue("t")}, headers={HEADER: "1"})
    assert reply.status_code == 204
