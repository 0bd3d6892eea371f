"""The session cookie against one real ``moodify serve`` and Debian chromium: a sign-in survives a reload and
a second tab, the cookie is HttpOnly/SameSite=Lax/app-scoped/expiring, the token appears in no page, URL or
JS storage, and sign-out clears the cookie and revokes the session server-side."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser import (
    CHROMIUM_ARGS,
    COOKIE,
    SIGNED_IN,
    WELCOME,
    session_cookie,
    sign_out,
    sign_up,
    signed_in_after_reload,
)
from tests.servers import start_server, stop_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]
CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    running = start_server(tmp_path)
    yield running.url
    stop_server(running)


@pytest.fixture
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.fail("Debian chromium is missing: run scripts/ensure-browser.sh", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def test_sign_in_survives_reload_and_second_tab_and_sign_out_revokes(server: str, browser: Any) -> None:
    context = browser.new_context()
    page = context.new_page()
    sign_up(page, server, "cookie@example.org")
    cookie = session_cookie(context)
    assert cookie["httpOnly"] is True and cookie["sameSite"] == "Lax" and cookie["path"] == "/"
    assert cookie["secure"] is False  # plain http on loopback; https gets Secure (tests/cluster/test_cookie_route)
    assert cookie["expires"] > time.time() + 3600  # expiring, but not a browser-session cookie
    token = cookie["value"]
    # Never in the page, the URL or storage JavaScript can read.
    assert token not in page.content() and token not in page.url
    storage = page.evaluate("() => JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage),"
                            " document.cookie])")
    assert token not in storage and COOKIE not in storage

    assert signed_in_after_reload(page), "a reload signed the user out"
    second = context.new_page()
    second.goto(server)
    second.get_by_text(SIGNED_IN).wait_for(timeout=60_000)  # a second tab is signed in too
    second.close()

    sign_out(page)
    deadline = time.monotonic() + 15
    while any(c["name"] == COOKIE and c["value"] for c in context.cookies()) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(c["name"] == COOKIE and c["value"] for c in context.cookies()), "sign-out left the cookie"
    assert not signed_in_after_reload(page)

    # A copy of the old cookie is worthless: the session was revoked server-side.
    other = browser.new_context()
    other.add_cookies([{**cookie, "value": token}])
    stale = other.new_page()
    stale.goto(server)
    stale.get_by_text(WELCOME).wait_for(timeout=60_000)
    assert stale.get_by_text(SIGNED_IN).count() == 0
    other.close()
    context.close()


def test_the_socket_opens_only_from_the_app_own_origin(server: str) -> None:
    """Issue 22, finding 2: a page of another local service (same host, another port) can't open the app's
    socket (which would carry a signed-in victim's cookie); the app's own pages can."""
    from websockets.exceptions import InvalidStatus
    from websockets.sync.client import connect

    socket_url = server.replace("http://", "ws://") + "/_stcore/stream"
    with connect(socket_url, additional_headers={"Origin": server}, open_timeout=10):
        pass
    for other in (server.rsplit(":", 1)[0] + ":9", server.replace("127.0.0.1", "localhost")):
        with pytest.raises(InvalidStatus) as refused:
            connect(socket_url, additional_headers={"Origin": other}, open_timeout=10)
        assert refused.value.response.status_code == 403


def test_a_planted_session_cookie_is_not_adopted(server: str, browser: Any) -> None:
    """Issue 22, finding 3: a page on the same host (another port) can set the app's cookie to the attacker's
    own valid token; a victim opening the app must not be signed in as the attacker. The app's own tabs
    still adopt the cookie it set for them (reload survival)."""
    attacker = browser.new_context()
    page = attacker.new_page()
    sign_up(page, server, "attacker@example.org")
    planted = session_cookie(attacker)["value"]

    victim = browser.new_context()
    victim.add_cookies([{"name": COOKIE, "value": planted, "url": server}])  # what document.cookie could do
    seen = victim.new_page()
    seen.goto(server)
    seen.get_by_text(WELCOME).wait_for(timeout=60_000)
    time.sleep(3)  # an adoption that came late would show by now
    assert seen.get_by_text(SIGNED_IN).count() == 0, "the victim was signed in with a planted cookie"
    assert "attacker@example.org" not in seen.content()
    victim.close()

    assert signed_in_after_reload(page), "the cookie the app set itself must still sign its own tab in"
    attacker.close()
