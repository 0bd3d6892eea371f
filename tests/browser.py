"""Shared Playwright helpers: chromium flags, signing up through the page, the session cookie (the browser
test, the session-cookie tests on one server and through the cluster's proxy)."""

from __future__ import annotations

from typing import Any

CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-component-update", "--disable-sync"]
PASSWORD = "a long enough passphrase"
COOKIE = "moodify_session"
WELCOME = "Music for the mood"
SIGNED_IN = "Scan your mood"


def sign_up(page: Any, url: str, email: str) -> None:
    page.goto(url)
    page.get_by_text(WELCOME).wait_for(timeout=60_000)
    page.get_by_role("tab", name="Create account").click()
    form = page.locator("[data-testid='stForm']").nth(1)
    form.get_by_label("E-mail").fill(email)
    form.get_by_label("Password", exact=True).fill(PASSWORD)
    form.get_by_label("Password again").fill(PASSWORD)
    form.get_by_role("button", name="Create account").click()
    page.get_by_text(SIGNED_IN).wait_for(timeout=60_000)


def session_cookie(context: Any, timeout_s: float = 15.0) -> dict[str, Any]:
    """The session cookie once the page has traded its handoff for it."""
    import time

    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        for cookie in context.cookies():
            if cookie["name"] == COOKIE and cookie["value"]:
                return dict(cookie)
        time.sleep(0.2)
    raise AssertionError(f"no {COOKIE} cookie after {timeout_s} s")


def has_session_cookie(context: Any) -> bool:
    return any(c["name"] == COOKIE and c["value"] for c in context.cookies())


def signed_in_after_reload(page: Any) -> bool:
    page.reload()
    page.get_by_text(WELCOME).or_(page.get_by_text(SIGNED_IN)).first.wait_for(timeout=60_000)
    return page.get_by_text(SIGNED_IN).count() > 0


def sign_out(page: Any) -> None:
    page.get_by_role("button", name="Sign out").click()
    page.get_by_text(WELCOME).wait_for(timeout=60_000)


def save_button(page: Any, timeout_ms: float = 60_000) -> Any:
    """Settings' "Save" once the page has settled: during a rerun Streamlit can show the old form beside the
    new one for a moment, and two buttons of one name make Playwright's strict locator refuse."""
    from playwright.sync_api import expect

    button = page.get_by_role("button", name="Save")
    expect(button).to_have_count(1, timeout=timeout_ms)
    return button


def block_in_settings(page: Any, *genres: str) -> None:
    """Open Settings, add ``genres`` to "Never play" and save (the way a person types and picks them)."""
    page.get_by_role("link", name="Settings").click()
    save_button(page)
    box = page.get_by_test_id("stMultiSelect").filter(has_text="Never play").locator("input")
    for genre in genres:
        box.click()
        box.fill(genre)
        page.wait_for_timeout(300)
        box.press("Enter")
        box.press("Escape")
    save_button(page).click()
    page.get_by_text("Saved.").wait_for(timeout=30_000)


def open_newest_playlist(page: Any) -> Any:
    """History's newest playlist, unfolded, once its Export XSPF button shows. The one in the player opens by
    itself, so the summary is clicked only while it is still folded after the page settled (a click on an
    open one folds it); a rerun that lands just after a click can fold it again, hence three tries."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page.get_by_text("Recent playlists").wait_for(timeout=30_000)
    newest = page.locator("[data-testid='stExpander']").first
    export_xspf = newest.get_by_role("button", name="Export XSPF")
    for _ in range(3):
        page.wait_for_timeout(500)
        if newest.locator("details").get_attribute("open") is None:
            newest.locator("summary").click()
        try:
            export_xspf.wait_for(state="visible", timeout=10_000)
            return newest
        except PlaywrightTimeout:
            continue
    raise AssertionError("History's newest playlist never showed its buttons")
