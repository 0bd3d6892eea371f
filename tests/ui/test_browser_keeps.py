"""Nothing the person has is lost (issue 25), in Chromium at 390 and 1280 px: while a track plays, a second tab
that signs in, and then a file that can't be used, leave this tab's mood, playlist and playing track as they
were; a reload brings the reading and the playlist back from the store; a playlist whose only source fails
leaves the playlist and the playing track.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser import SIGNED_IN, save_button, sign_up
from tests.servers import free_port, start_server, stop_server
from tests.ui.conftest import SHOTS
from tests.ui.test_browser import AUDIO, tone_wav
from tests.ui.test_browser_errors import _choose, _pick, _save_settings
from tests.ui.test_forms import go_to

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ERROR = "[data-testid='stAlertContentError']"


def _titles(page: Any) -> list[str]:
    return [t.get_attribute("data-title") for t in page.locator(".mf-track").all()]


def _mood(page: Any) -> Any:
    return page.locator("[data-testid='mf-mood']")


@pytest.mark.parametrize("width", [390, 1280])
def test_a_second_tab_a_bad_upload_and_a_reload_keep_what_the_person_has(browser: Any, tmp_path: Path,
                                                                          width: int) -> None:
    music = tmp_path / "music"
    music.mkdir()
    for i, genre in enumerate(["happy pop", "upbeat", "party", "fun", "uplifting", "summer"]):
        tone_wav(music / f"song{i}.wav", f"Song {i}", genre, seconds=40, freq=330 + 40 * i)
    closed = f"http://127.0.0.1:{free_port()}"  # nothing listens: Audius fails when it is the only source
    server = start_server(tmp_path, MOODIFY_MUSIC_DIR=str(music), MOODIFY_PROVIDERS='["local"]',
                          MOODIFY_AUDIUS_HOST=closed)
    context = browser.new_context(viewport={"width": width, "height": 900})
    errors: list[str] = []
    try:
        page = context.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        sign_up(page, server.url, f"keeps{width}@example.org")
        page.get_by_role("tab", name="Tell me").click()
        page.get_by_role("radio", name="happy").first.click()
        expect(_mood(page)).to_contain_text(re.compile("happy.*you picked it"), timeout=30_000)
        page.locator(".mf-track").first.wait_for(timeout=60_000)
        playlist = _titles(page)
        assert len(playlist) >= 3, playlist
        player = page.locator("[data-testid='moodify-player']")
        player.locator("[data-testid='play']").click()
        page.wait_for_function("bar => bar.getRootNode().querySelector('audio').currentTime > 1",
                               arg=player.element_handle(), timeout=20_000)
        playing, before = player.locator(".mp-title").inner_text(), player.evaluate(AUDIO)

        # A second tab of the same browser signs in from the session cookie and shows the same reading.
        second = context.new_page()
        second.goto(server.url)
        second.get_by_text(SIGNED_IN).wait_for(timeout=60_000)
        expect(_mood(second)).to_contain_text("happy", timeout=30_000)
        second.locator(".mf-track").first.wait_for(timeout=60_000)
        assert _titles(second) == playlist
        second.close()

        # Then a file that can't be used: its message, and nothing else changes here.
        page.get_by_role("tab", name="Upload a photo").click()
        page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(
            files=[{"name": "notes.jpg", "mimeType": "image/jpeg", "buffer": b"my notes, not a photo\n" * 20}])
        page.locator(ERROR).filter(has_text="This file can't be used").first.wait_for(timeout=90_000)
        page.wait_for_timeout(1500)
        after = player.evaluate(AUDIO)
        assert after["src"] == before["src"] and not after["paused"] and after["t"] > before["t"], (before, after)
        assert player.locator(".mp-title").inner_text() == playing
        assert page.get_by_text(SIGNED_IN).count() > 0  # the other tab's sign-in did not sign this one out
        expect(_mood(page)).to_contain_text("happy")
        assert _titles(page) == playlist

        # A reload: the reading and the playlist come back from the store.
        page.reload()
        page.get_by_text(SIGNED_IN).wait_for(timeout=60_000)
        expect(_mood(page)).to_contain_text("happy", timeout=30_000)
        page.locator(".mf-track").first.wait_for(timeout=60_000)
        assert _titles(page) == playlist
        expect(player.locator(".mp-title")).to_have_text(re.compile(r"^Song \d$"), timeout=30_000)

        # A playlist from a source that fails: said, and the playlist and the playing track stay.
        player.locator("[data-testid='play']").click()
        page.wait_for_function("bar => bar.getRootNode().querySelector('audio').currentTime > 1",
                               arg=player.element_handle(), timeout=20_000)
        playing = player.locator(".mp-title").inner_text()
        go_to(page, "Settings")
        save_button(page)
        _choose(page, "My own order")
        _pick(page, "Music sources", "Audius")
        _save_settings(page)
        page.get_by_text("Saved.").wait_for(timeout=10_000)
        go_to(page, "Scan", "Scan your mood")
        before = player.evaluate(AUDIO)
        page.get_by_role("tab", name="Tell me").click()
        page.get_by_role("radio", name="sad").first.click()
        expect(page.locator(ERROR).filter(has_text="No playlist this time.")).to_have_count(1, timeout=60_000)
        page.wait_for_timeout(1000)
        after = player.evaluate(AUDIO)
        assert after["src"] == before["src"] and not after["paused"] and after["t"] > before["t"], (before, after)
        assert player.locator(".mp-title").inner_text() == playing
        assert _titles(page) == playlist
        still = page.get_by_text(re.compile(r"Still in the player: the \d+ tracks for happy"))
        expect(still).to_have_count(1)
        still.scroll_into_view_if_needed()
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / f"keeps-no-playlist-this-time-{width}.png"))
        assert not errors, errors
    finally:
        context.close()
        stop_server(server)
