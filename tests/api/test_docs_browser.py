"""``/docs`` and ``/redoc`` in Chromium with every request off this server refused: they still render."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from moodify.settings import Settings
from tests.browser import CHROMIUM_ARGS
from tests.servers import api_in_thread

pytestmark = [pytest.mark.browser, pytest.mark.slow]
CHROMIUM = Path("/usr/bin/chromium")


def test_swagger_ui_and_redoc_work_offline(tmp_path: Path) -> None:
    if not CHROMIUM.exists():
        pytest.fail("Debian chromium is missing: run scripts/ensure-browser.sh", pytrace=False)
    from playwright.sync_api import sync_playwright

    with api_in_thread(Settings(data_dir=tmp_path, store="memory", auth="local")) as url, \
            sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        outside: list[str] = []

        def only_here(route: Any) -> None:
            if route.request.url.startswith(url):
                route.continue_()
            else:
                outside.append(route.request.url)
                route.abort()

        page.route("**/*", only_here)
        page.goto(f"{url}/docs")
        page.get_by_text("/v1/emotion/confirm").first.wait_for(timeout=30_000)  # Swagger UI drew the routes
        page.goto(f"{url}/redoc")
        page.get_by_text("Confirm Emotion").first.wait_for(state="attached", timeout=30_000)  # so did ReDoc
        browser.close()
    assert outside == []
