"""The sign-in and sign-up forms as browsers and password managers expect them (issue 25), in Chromium.

Real ``<form>`` owners for every input, ``type=email`` with autocomplete tokens, the password rule on the page
before anything is typed, Enter submits, and no "Password field is not contained in a form" in the console.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser import CHROMIUM_ARGS, PASSWORD, SIGNED_IN, WELCOME
from tests.servers import start_server, stop_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]
CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parents[2] / "screenshots"
_INPUTS = """() => [...document.querySelectorAll("input[type=email], input[type=password]")].map(i => ({
    label: i.getAttribute("aria-label"), type: i.type, autocomplete: i.autocomplete,
    form: i.form ? i.form.tagName : null}))"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.fail("Debian chromium is missing: run scripts/ensure-browser.sh", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


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
