"""The sign-in, sign-up and password forms as browsers and password managers expect them (issue 25), in Chromium.

Real ``<form>`` owners for every input, ``type=email`` with autocomplete tokens, the password rule on the page
before anything is typed, Enter submits, and no "Password field is not contained in a form" in the console.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from tests.browser import PASSWORD, SIGNED_IN, WELCOME, sign_up
from tests.servers import start_server, stop_server
from tests.ui.conftest import SHOTS

pytestmark = [pytest.mark.browser, pytest.mark.slow]
_INPUTS = """() => [...document.querySelectorAll("input[type=email], input[type=password]")].map(i => ({
    label: i.getAttribute("aria-label"), type: i.type, autocomplete: i.autocomplete,
    form: i.form ? i.form.tagName : null}))"""


@pytest.mark.parametrize("width", [390, 1280])
def test_sign_up_is_a_real_form_that_enter_submits(browser: Any, tmp_path: Path, width: int) -> None:
    server = start_server(tmp_path)
    page = browser.new_page(viewport={"width": width, "height": 900})
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    try:
        page.goto(server.url)
        page.get_by_text(WELCOME).wait_for(timeout=60_000)
        page.get_by_role("tab", name="Create account").click()
        form = page.locator("[data-testid='stForm']").nth(1)
        rule = form.get_by_text("Password: at least 10 characters")
        rule.wait_for(timeout=10_000)  # shown before anything is typed
        page.wait_for_function("() => document.querySelectorAll('input[type=email]').length == 2",
                               timeout=10_000)
        inputs = page.evaluate(_INPUTS)
        assert [(i["label"], i["type"], i["autocomplete"], i["form"]) for i in inputs] == [
            ("E-mail", "email", "username", "FORM"), ("Password", "password", "current-password", "FORM"),
            ("E-mail", "email", "username", "FORM"), ("Password", "password", "new-password", "FORM"),
            ("Password again", "password", "new-password", "FORM")]
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / f"forms-sign-up-{width}.png"), full_page=True)

        form.get_by_label("E-mail").fill(f"forms{width}@example.org")
        form.get_by_label("Password", exact=True).fill(PASSWORD)
        form.get_by_label("Password again").fill(PASSWORD)
        form.get_by_label("Password again").press("Enter")  # no click: Enter submits
        page.get_by_text(SIGNED_IN).wait_for(timeout=60_000)
        assert not [line for line in console if "Password field is not contained in a form" in line], console
    finally:
        page.close()
        stop_server(server)


WARNING = "Password field is not contained in a form"
NEW_PASSWORD = "another long passphrase"


def go_to(page: Any, name: str, heading: str | None = None) -> None:
    """Open a page from the menu (on a phone the menu is behind "» Menu") and wait for its ``heading``.
    A click that lands while the app reruns (a component reporting in) can be lost: tried up to 3 times."""
    for attempt in range(3):
        if page.viewport_size["width"] > 640:
            page.get_by_role("link", name=name).first.click()
        else:
            sidebar = page.get_by_test_id("stSidebar")
            if sidebar.get_attribute("data-collapsed") != "false":
                page.get_by_test_id("stExpandSidebarButton").click()
            expect(sidebar).to_have_attribute("data-collapsed", "false", timeout=10_000)
            page.wait_for_timeout(300)  # the menu slides in
            sidebar.get_by_role("link", name=name).click()
        try:
            page.get_by_role("heading", name=heading or name).first.wait_for(timeout=15_000)
            return
        except PlaywrightTimeout:
            if attempt == 2:
                raise


def _fields(page: Any) -> list[tuple[str, str, str, str | None]]:
    page.wait_for_function("() => [...document.querySelectorAll('input[type=password]')].every(i => i.form)",
                           timeout=10_000)
    return [(i["label"], i["type"], i["autocomplete"], i["form"]) for i in page.evaluate(_INPUTS)]


@pytest.mark.parametrize("width", [390, 1280])
def test_settings_password_forms_are_real_forms_on_every_page(browser: Any, tmp_path: Path, width: int) -> None:
    """Settings' "Change password" (an account) and "Create an account" (a guest): real forms, the rule
    shown before typing, Enter submits, and no page logs Chromium's password-form warning."""
    server = start_server(tmp_path)
    page = browser.new_page(viewport={"width": width, "height": 900})
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    try:
        sign_up(page, server.url, f"settings{width}@example.org")
        for name, heading in (("Live", "Live mood"), ("History", "Your mood history"), ("Settings", "Settings")):
            go_to(page, name, heading)
            if name == "Live":  # its camera check reruns the page once: let it, before moving on
                page.get_by_text("No camera found").wait_for(timeout=30_000)
        form = page.locator("[data-testid='stForm']").filter(has_text="Current password")
        form.get_by_text("Password: at least 10 characters").wait_for(timeout=30_000)  # before typing
        assert _fields(page) == [("Current password", "password", "current-password", "FORM"),
                                 ("New password", "password", "new-password", "FORM"),
                                 ("New password again", "password", "new-password", "FORM")]
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / f"forms-change-password-{width}.png"), full_page=True)
        form.get_by_label("Current password").fill(PASSWORD)
        form.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
        form.get_by_label("New password again").fill(NEW_PASSWORD)
        form.get_by_label("New password again").press("Enter")  # no click: Enter submits
        page.get_by_text("Password changed.").wait_for(timeout=30_000)

        guest = browser.new_page(viewport={"width": width, "height": 900})
        guest.on("console", lambda message: console.append(message.text))
        try:
            guest.goto(server.url)
            guest.get_by_text(WELCOME).wait_for(timeout=60_000)
            guest.get_by_role("tab", name="Guest").click()
            guest.get_by_role("button", name="Continue as guest").click()
            guest.get_by_text(SIGNED_IN).wait_for(timeout=60_000)
            go_to(guest, "Settings")
            form = guest.locator("[data-testid='stForm']").filter(has_text="Password again")
            form.get_by_text("Password: at least 10 characters").wait_for(timeout=30_000)
            assert _fields(guest) == [("E-mail", "email", "username", "FORM"),
                                      ("Password", "password", "new-password", "FORM"),
                                      ("Password again", "password", "new-password", "FORM")]
            form.get_by_label("E-mail").fill(f"kept{width}@example.org")
            form.get_by_label("Password", exact=True).fill(PASSWORD)
            form.get_by_label("Password again").fill(PASSWORD + "!")
            form.get_by_label("Password again").press("Enter")
            guest.get_by_text("The two passwords differ.").wait_for(timeout=30_000)  # the repeat is checked
        finally:
            guest.close()
        assert not [line for line in console if WARNING in line], console
    finally:
        page.close()
        stop_server(server)
