"""A blocked genre never plays, in a real browser (issue 21.1): a listener blocks metal in Settings, then
five playlists for angry, fearful, disgusted, sad and surprised moods hold none of it, while a listener who
blocked nothing gets metal for the same mood (so the block, not the mood, is what keeps it out).

A local music folder of tones tagged like songs on a real ``moodify serve``; Debian chromium.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser import block_in_settings, sign_up
from tests.servers import start_server, stop_server
from tests.ui.conftest import SHOTS
from tests.ui.test_browser import tone_wav

pytestmark = [pytest.mark.browser, pytest.mark.slow]

METAL = ["heavy metal", "death metal", "thrash metal", "metal", "black metal", "metalcore"]
OTHER = ["happy pop", "dance", "party", "summer", "uplifting", "pop", "rock", "punk", "grunge", "hard rock",
         "rap", "hip hop", "electronic", "techno"]
MOODS = ["angry", "fear", "disgust", "sad", "surprise"]  # five playlists, moods metal fits




def _titles(page: Any) -> list[str]:
    return [t.get_attribute("data-title") or "" for t in page.locator(".mf-track").all()]


def _playlists(page: Any, emotions: list[str]) -> list[list[str]]:
    """Tell the app each emotion in turn (each makes a playlist); the titles of each playlist shown."""
    page.get_by_role("link", name="Scan").click()
    page.get_by_role("tab", name="Tell me").click()
    shown: list[list[str]] = []
    for emotion in emotions:
        before = "|".join(shown[-1]) if shown else ""
        page.get_by_role("radio", name=emotion).first.click()
        with contextlib.suppress(PlaywrightTimeout):  # the new playlist replaces the old one on screen
            page.wait_for_function("t => [...document.querySelectorAll('.mf-track')].map(e => e.dataset.title)"
                                   ".join('|') !== t", arg=before, timeout=30_000)
        try:
            page.locator(".mf-track").first.wait_for(timeout=60_000)
        except PlaywrightTimeout:
            page.screenshot(path=str(SHOTS / "blocked-genre-no-playlist.png"), full_page=True)
            raise
        shown.append(_titles(page))
    return shown


def _by(path: Path, artist: str) -> None:
    """Each song its own artist (a blocked genre also leaves out every song of an artist known to play it)."""
    from mutagen.id3 import TPE1
    from mutagen.wave import WAVE

    audio = WAVE(str(path))
    assert audio.tags is not None
    audio.tags.add(TPE1(encoding=3, text=artist))
    audio.save()


def test_a_blocked_genre_is_in_none_of_five_playlists(browser: Any, tmp_path: Path) -> None:
    SHOTS.mkdir(exist_ok=True)
    music = tmp_path / "music"
    music.mkdir()
    for i, genre in enumerate(METAL):
        tone_wav(music / f"metal{i}.wav", f"Metal {i}", genre, seconds=2, freq=200 + 30 * i)
        _by(music / f"metal{i}.wav", "Iron Test")
    for i, genre in enumerate(OTHER):
        tone_wav(music / f"song{i}.wav", f"Song {i}", genre, seconds=2, freq=500 + 30 * i)
        _by(music / f"song{i}.wav", f"Band {i}")
    server = start_server(tmp_path, MOODIFY_MUSIC_DIR=str(music), MOODIFY_PROVIDERS='["local"]')
    try:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        sign_up(page, server.url, "free@example.org")
        unblocked = _playlists(page, ["angry"])[0]
        assert any(t.startswith("Metal") for t in unblocked), unblocked  # metal fits an angry mood
        page.context.clear_cookies()

        page = browser.new_page(viewport={"width": 1280, "height": 900})
        sign_up(page, server.url, "no-metal@example.org")
        block_in_settings(page, "metal")
        shown = _playlists(page, MOODS)
        page.screenshot(path=str(SHOTS / "blocked-genre-desktop.png"))
    finally:
        stop_server(server)
    assert len(shown) == len(MOODS) and all(shown), shown
    assert not [t for titles in shown for t in titles if t.startswith("Metal")], shown
