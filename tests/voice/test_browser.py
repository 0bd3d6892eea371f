"""In a real browser: Chromium's fake microphone plays a recording, the page shows the words, they count.

Everything is real: ``moodify serve``, the SQLite store, PocketSphinx, the shipped text model, the offline
catalog. The microphone is Chromium's own fake device playing tests/voice/data/happy_mic.wav (synthetic
speech, espeak-ng). Screenshots go to ``screenshots/`` (git-ignored).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser import CHROMIUM_ARGS, sign_up
from tests.servers import start_server, stop_server
from tests.ui.test_browser import _to_docs, astronaut_jpeg
from tests.voice.conftest import DATA

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
FAKE_MIC = ["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
            f"--use-file-for-fake-audio-capture={DATA / 'happy_mic.wav'}"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.fail("Debian chromium is missing: run scripts/ensure-browser.sh", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                              args=[*CHROMIUM_ARGS, *FAKE_MIC])
        yield chromium
        chromium.close()


def _record(page: Any, seconds: float, *, which: int = 0) -> None:
    recorder = page.locator("[data-testid='stAudioInput']").nth(which)
    recorder.get_by_role("button", name="Record").click()
    page.wait_for_timeout(int(seconds * 1000))
    recorder.get_by_role("button", name="Stop recording").click()


def test_say_it_records_shows_the_words_reads_a_mood_and_makes_a_playlist(browser: Any, tmp_path: Path) -> None:
    SHOTS.mkdir(exist_ok=True)
    server = start_server(tmp_path)
    try:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.grant_permissions(["microphone"])
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        sign_up(page, server.url, "speaker@example.org")
        page.get_by_role("tab", name="Tell me").click()
        page.get_by_text("Only your words are read, not the tone of your voice").first.wait_for(timeout=30_000)
        _record(page, 5.5)  # the fake microphone plays the 5-s file once in that time
        heard = page.get_by_label("What we heard: fix any word before it counts")
        heard.wait_for(timeout=90_000)
        words = heard.input_value()
        assert "wonderful" in words.split(), words
        page.screenshot(path=str(SHOTS / "voice-heard-desktop.png"), full_page=True)
        _to_docs("voice-heard-desktop.png", "voice-heard.png")  # only with MOODIFY_UPDATE_DOCS_IMG=1
        # the person corrects what PocketSphinx got wrong before it counts
        heard.fill("I am so happy today, this is wonderful news")
        page.get_by_role("button", name="Use these words").click()
        mood = page.locator("[data-testid='mf-mood']")
        mood.wait_for(timeout=60_000)
        assert "happy" in mood.inner_text().lower()
        page.get_by_text("read from your words").wait_for(timeout=30_000)
        page.locator(".mf-track").first.wait_for(timeout=60_000)
        page.locator(".mf-track").nth(4).wait_for(timeout=30_000)  # the tracks arrive one by one
        page.screenshot(path=str(SHOTS / "voice-mood-desktop.png"), full_page=True)
        page.set_viewport_size({"width": 390, "height": 844})
        page.screenshot(path=str(SHOTS / "voice-mood-phone.png"), full_page=True)
        page.set_viewport_size({"width": 1280, "height": 900})

        # with a photo: the spoken words join the face, like a typed sentence beside it
        page.get_by_role("tab", name="Upload a photo").click()
        page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(
            str(astronaut_jpeg(tmp_path / "astronaut.jpg")))
        page.get_by_label("How do you feel? (optional)", exact=True).wait_for(timeout=90_000)
        _record(page, 5.5, which=1)  # the recorder below the photo (the Tell me tab keeps its own)
        heard = page.get_by_label("What we heard: fix any word before it counts")
        heard.wait_for(timeout=90_000)
        page.get_by_role("button", name="Use these words").click()
        page.get_by_text("your words read").wait_for(timeout=60_000)
        assert "; together" in page.locator("[data-testid='mf-mood']").inner_text()
        page.screenshot(path=str(SHOTS / "voice-with-face-desktop.png"), full_page=True)
        assert not errors, errors
    finally:
        stop_server(server)
