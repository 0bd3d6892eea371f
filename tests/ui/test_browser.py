"""End to end in a real browser: Debian chromium driven by Playwright against ``moodify serve``.

Everything is real here: the server process, the SQLite store, local accounts, the shipped emotion
model, the offline catalog (or a local music folder), the docked player. Screenshots (desktop and
390 px) go to ``screenshots/`` at the repository root (git-ignored) so a person can look at them.
"""

from __future__ import annotations

import io
import math
import os
import re
import struct
import time
import wave
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser import CHROMIUM_ARGS, open_newest_playlist, save_button, sign_up
from tests.servers import start_server, stop_server
from tests.ui.conftest import CHROMIUM, ROOT, SHOTS

pytestmark = [pytest.mark.browser, pytest.mark.slow]



def _to_docs(shot: str, name: str) -> None:
    """The README's screenshots are refreshed on request only (`make docs-img`), so a test run never
    rewrites tracked files."""
    if os.environ.get("MOODIFY_UPDATE_DOCS_IMG") == "1":
        (ROOT / "docs" / "img" / name).write_bytes((SHOTS / shot).read_bytes())


def astronaut_jpeg(path: Path) -> Path:
    from PIL import Image
    from skimage import data

    Image.fromarray(data.astronaut()).save(path, format="JPEG", quality=92)
    return path


def tone_wav(path: Path, title: str, genre: str, seconds: float = 1.5, freq: float = 440.0) -> None:
    """A short sine tone with ID3 title/artist/genre, so the local provider can place it by mood."""
    from mutagen.id3 import TCON, TIT2, TPE1
    from mutagen.wave import WAVE

    rate = 8000
    frames = b"".join(struct.pack("<h", int(8000 * math.sin(2 * math.pi * freq * i / rate)))
                      for i in range(int(rate * seconds)))
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(frames)
    audio = WAVE(str(path))
    audio.add_tags()
    assert audio.tags is not None
    audio.tags.add(TIT2(encoding=3, text=title))
    audio.tags.add(TPE1(encoding=3, text="Test Band"))
    audio.tags.add(TCON(encoding=3, text=genre))
    audio.save()


def _upload(page: Any, photo: Path) -> None:
    page.locator("[data-testid='stFileUploaderDropzoneInput']").set_input_files(str(photo))
    result = page.locator("[data-testid='mf-mood'], [data-testid='stAlertContentError']").first
    result.wait_for(timeout=90_000)
    errors = page.locator("[data-testid='stAlertContentError']")
    if errors.count():
        page.screenshot(path=str(SHOTS / "upload-error.png"), full_page=True)
        raise AssertionError(f"the app refused the photo: {errors.first.inner_text()}")


def test_sign_up_upload_see_emotion_playlist_and_player(browser: Any, tmp_path: Path) -> None:
    SHOTS.mkdir(exist_ok=True)
    photo = astronaut_jpeg(tmp_path / "astronaut.jpg")
    server = start_server(tmp_path)
    try:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        sign_up(page, server.url, "astro@example.org")
        _upload(page, photo)

        mood = page.locator("[data-testid='mf-mood']")
        assert "% confident" in mood.inner_text()
        page.locator("[data-testid='stVegaLiteChart']").first.wait_for(timeout=30_000)
        page.get_by_text("Your playlist").wait_for(timeout=30_000)
        page.locator(".mf-track").nth(4).wait_for(timeout=30_000)
        assert page.locator(".mf-track").count() == 10
        player = page.locator("[data-testid='moodify-player']")
        player.wait_for(timeout=30_000)
        first_title = page.locator(".mf-track .mf-title").first.inner_text().split(". ", 1)[1].strip()
        expect(player.locator(".mp-title")).to_have_text(first_title, timeout=30_000)
        # the optional sentence, read by the shipped text model and fused with the face
        feel = page.get_by_label("How do you feel? (optional)", exact=True).and_(page.locator("input"))
        feel.fill("what a wonderful, happy day with my friends")
        feel.press("Enter")
        page.get_by_text(re.compile(r"Your face looked \w+ \d+% and your words read \w+ \d+%; together")).wait_for(
            timeout=60_000)
        page.wait_for_timeout(500)
        page.screenshot(path=str(SHOTS / "scan-desktop.png"), full_page=True)

        page.set_viewport_size({"width": 390, "height": 844})
        page.wait_for_timeout(800)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390 + 1  # no sideways scrolling
        box = player.bounding_box()
        assert box is not None and box["width"] <= 390
        row_box = page.locator("[class*='st-key-mf-row-1']").first.bounding_box()  # one compact row (issue 25)
        card = page.locator(".mf-track").first.bounding_box()
        assert row_box is not None and row_box["height"] <= 96, row_box
        assert card is not None and card["width"] >= 180, card
        page.screenshot(path=str(SHOTS / "scan-phone.png"), full_page=False)
        row = page.locator("[class*='st-key-mf-row-1']").first
        buttons = [row.get_by_role("button", name=re.compile(f"^{verb} ")).first.bounding_box()
                   for verb in ("Play", "Like", "Dislike")]  # ▶ ♥ ✕, by the names screen readers say
        assert all(b is not None for b in buttons), (row.count(), row.inner_html()[:800])
        assert len({round(b["y"]) for b in buttons if b}) == 1  # one row
        assert all(b["x"] >= card["x"] + card["width"] for b in buttons if b)  # beside the card, not beneath
        page.screenshot(path=str(SHOTS / "scan-phone.png"), full_page=False)
        page.screenshot(path=str(SHOTS / "scan-phone-full.png"), full_page=True)
        assert not errors, errors
        desktop, phone = (SHOTS / "scan-desktop.png").read_bytes(), (SHOTS / "scan-phone.png").read_bytes()
        assert desktop[:8] == b"\x89PNG\r\n\x1a\n" and _png_size(desktop)[0] == 1280
        assert _png_size(phone) == (390, 844) and len(phone) > 10_000
    finally:
        stop_server(server)


def test_player_plays_local_files_advances_and_learns(browser: Any, tmp_path: Path) -> None:
    SHOTS.mkdir(exist_ok=True)
    music = tmp_path / "music"
    music.mkdir()
    for i, genre in enumerate(["happy pop", "upbeat", "party", "fun", "uplifting", "summer"]):
        tone_wav(music / f"song{i}.wav", f"Song {i}", genre, freq=330 + 40 * i)
    server = start_server(tmp_path, MOODIFY_MUSIC_DIR=str(music), MOODIFY_PROVIDERS='["local"]')
    try:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        sign_up(page, server.url, "listener@example.org")
        page.get_by_role("tab", name="Tell me").click()  # no photo needed: pick the mood
        page.get_by_role("radio", name="happy").first.click()
        page.get_by_text("you picked it").wait_for(timeout=30_000)
        player = page.locator("[data-testid='moodify-player']")
        page.locator(".mf-track").first.wait_for(timeout=60_000)
        expect(player.locator(".mp-title")).to_have_text(re.compile(r"^Song \d$"), timeout=30_000)
        first = player.locator(".mp-title").inner_text()
        # the player lives in a shadow root: reach its <audio> through the bar's root node
        src = player.evaluate("bar => bar.getRootNode().querySelector('audio').src")
        assert "/media/" in src  # served by Streamlit's media route, not file://

        player.locator("[data-testid='play']").click()
        page.wait_for_function("bar => bar.getRootNode().querySelector('audio').currentTime > 0.2",
                               arg=player.element_handle(), timeout=15_000)
        page.locator(".mf-track.mf-now").wait_for(timeout=15_000)  # the page marks what is playing
        # ~1.5 s tracks: the player moves on by itself when one ends
        expect(player.locator(".mp-title")).not_to_have_text(first, timeout=20_000)
        player.locator("[data-testid='like']").click()
        page.wait_for_timeout(1500)
        # "play" on the third card of the page's playlist: the docked player jumps there
        third = page.locator(".mf-track .mf-title").nth(2).inner_text().split(". ", 1)[1].rstrip(" ♥✕")
        page.locator("[data-testid='stButton'] button:has-text('▶')").nth(2).click()
        expect(player.locator(".mp-title")).to_have_text(third, timeout=20_000)
        page.screenshot(path=str(SHOTS / "player-desktop.png"), full_page=False)

        page.get_by_role("link", name="History").click()
        page.get_by_text("Liked tracks").wait_for(timeout=30_000)
        liked = page.locator("text=♥ Song").first
        liked.wait_for(timeout=30_000)
        charts = page.locator("[data-testid='stVegaLiteChart']")
        for i in range(2):  # timeline and distribution, drawn
            charts.nth(i).locator("canvas, svg").first.wait_for(timeout=30_000)
        page.screenshot(path=str(SHOTS / "history-desktop.png"), full_page=True)
    finally:
        stop_server(server)
    _assert_listening_recorded(server.data_dir)


def _wav_bytes(path: Path) -> bytes:
    tone_wav(path, "x", "pop", seconds=4.0)
    return path.read_bytes()


def _png_bytes() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (48, 48), (250, 180, 60)).save(out, format="PNG")
    return out.getvalue()


def test_player_streams_a_provider_url_with_artwork(browser: Any, tmp_path: Path, httpserver: Any) -> None:
    """A fake Audius on loopback (its real JSON shape): artwork on the cards, audio streamed over HTTP."""
    base = httpserver.url_for("").rstrip("/")
    items = [{"id": f"Ab{i}x", "title": f"Stream {i}", "mood": mood, "genre": "Electronic", "tags": "happy",
              "user": {"id": f"u{i}", "handle": f"artist{i}", "name": f"Artist {i}"},
              "artwork": {"480x480": f"{base}/art/{i}.png"}, "permalink": f"/artist{i}/stream-{i}",
              "duration": 4, "is_streamable": True}
             for i, mood in enumerate(["Upbeat", "Excited", "Empowering", "Easygoing", "Cool", "Upbeat"])]
    httpserver.expect_request("/v1/tracks/search").respond_with_json({"data": items})
    httpserver.expect_request("/v1/tracks/trending").respond_with_json({"data": items})
    wav = _wav_bytes(tmp_path / "tone.wav")
    streamed: list[str] = []

    def stream(request: Any) -> Any:
        from werkzeug import Response

        streamed.append(request.path)
        return Response(wav, content_type="audio/wav")

    httpserver.expect_request(re.compile(r"^/v1/tracks/[^/]+/stream$")).respond_with_handler(stream)
    httpserver.expect_request(re.compile(r"^/art/\d+\.png$")).respond_with_data(_png_bytes(),
                                                                               content_type="image/png")
    server = start_server(tmp_path, MOODIFY_PROVIDERS='["audius"]', MOODIFY_AUDIUS_HOST=base)
    try:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        sign_up(page, server.url, "stream@example.org")
        page.get_by_role("tab", name="Tell me").click()
        page.get_by_role("radio", name="happy").first.click()
        page.locator(".mf-track").first.wait_for(timeout=60_000)
        art = page.locator(".mf-track img").first
        art.wait_for(timeout=30_000)
        assert art.get_attribute("src", timeout=5_000).startswith(f"{base}/art/")
        page.wait_for_function("img => img.complete && img.naturalWidth === 48", arg=art.element_handle(),
                               timeout=15_000)  # the browser loaded the provider's artwork
        player = page.locator("[data-testid='moodify-player']")
        expect(player.locator(".mp-title")).to_have_text(re.compile(r"^Stream \d$"), timeout=30_000)
        src = player.evaluate("bar => bar.getRootNode().querySelector('audio').src")
        assert src.startswith(f"{base}/v1/tracks/") and "/stream" in src
        player.locator("[data-testid='play']").click()
        page.wait_for_function("bar => bar.getRootNode().querySelector('audio').currentTime > 0.5",
                               arg=player.element_handle(), timeout=20_000)
        assert streamed, "the browser fetched the stream from the provider's URL"
        player.locator("[data-testid='like']").click()
        page.wait_for_timeout(1500)
        page.screenshot(path=str(SHOTS / "stream-desktop.png"))
    finally:
        stop_server(server)
    from moodify.settings import Settings
    from moodify.store import open_store

    store = open_store(Settings(data_dir=server.data_dir, store="sql"))
    try:
        feedback = store.list_feedback(store.find_user("stream@example.org").id)
        kinds = {(f.kind, f.track_key.split(":")[0]) for f in feedback}
        assert ("like", "audius") in kinds
        assert ("play", "audius") not in kinds  # under 5 s of a 4-s track had played: not yet a play
    finally:
        store.close()


def _assert_listening_recorded(data_dir: Path) -> None:
    from moodify.settings import Settings
    from moodify.store import open_store

    store = open_store(Settings(data_dir=data_dir, store="sql"))
    try:
        user = store.find_user("listener@example.org")
        kinds = [f.kind for f in store.list_feedback(user.id)]
        # 1.5-s tones: each that ended is a play and a finished listen, with the seconds that played
        assert "play" in kinds and "finished" in kinds and "like" in kinds, kinds
        listens = store.list_listens(user.id)
        assert any(listen.completed for listen in listens)
        assert any(not listen.completed and 1.0 <= listen.seconds <= 2.0 for listen in listens), listens
    finally:
        store.close()


def astronaut_y4m(path: Path, frames: int = 10) -> Path:
    """The astronaut as a tiny Y4M video: what chromium's fake camera plays on the Live page."""
    import numpy as np
    from skimage import data

    rgb = data.astronaut().astype(np.float32)
    r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    y = 0.299 * r + 0.587 * g + 0.114 * b
    u = (b - y) * 0.564 + 128
    v = (r - y) * 0.713 + 128
    planes = [y, u[::2, ::2], v[::2, ::2]]
    frame = b"".join(np.clip(p, 0, 255).astype(np.uint8).tobytes() for p in planes)
    height, width = y.shape
    with path.open("wb") as out:
        out.write(f"YUV4MPEG2 W{width} H{height} F10:1 Ip A1:1 C420jpeg\n".encode())
        for _ in range(frames):
            out.write(b"FRAME\n" + frame)
    return path


def test_live_reads_the_camera_and_makes_a_playlist(pw: Any, tmp_path: Path) -> None:
    """Chromium's fake camera plays the astronaut; the mood appears live; the button makes a playlist."""
    SHOTS.mkdir(exist_ok=True)
    video = astronaut_y4m(tmp_path / "astronaut.y4m")
    server = start_server(tmp_path)
    args = [*CHROMIUM_ARGS, "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-video-capture={video}"]
    try:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=args)
        try:
            page = chromium.new_page(viewport={"width": 1280, "height": 1400})
            sign_up(page, server.url, "live@example.org")
            page.get_by_role("link", name="Live").click()
            page.get_by_text("Live mood").wait_for(timeout=30_000)
            start = page.frame_locator("iframe[title*='streamlit_webrtc']").get_by_role("button", name="START")
            start.click(timeout=30_000)
            mood = page.locator("[data-testid='mf-mood']")
            mood.wait_for(timeout=90_000)  # frames reach the server and the smoothed mood shows up
            assert "smoothed over" in mood.inner_text()
            page.get_by_role("button", name="Make a playlist for this mood").click()
            page.locator(".mf-track").nth(4).wait_for(timeout=60_000)
            page.screenshot(path=str(SHOTS / "live-desktop.png"))
        finally:
            chromium.close()
    finally:
        stop_server(server)
    from moodify.settings import Settings
    from moodify.store import open_store

    store = open_store(Settings(data_dir=server.data_dir, store="sql"))
    try:
        events = store.list_mood_events(store.find_user("live@example.org").id)
        assert [e.source for e in events] == ["live"]
    finally:
        store.close()


def _png_size(data: bytes) -> tuple[int, int]:
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_songs_people_know_play_a_deezer_preview_and_export_as_xspf(browser: Any, tmp_path: Path,
                                                                     httpserver: Any) -> None:
    """The default catalogue through a fake Deezer on loopback (its real /track/{id} shape): real titles,
    artwork, a 30-s preview in the player, and the playlist downloaded as XSPF from History."""
    import json as _json
    import xml.etree.ElementTree as ET

    base = httpserver.url_for("").rstrip("/")
    expires = int(time.time()) + 3600
    wav = _wav_bytes(tmp_path / "tone.wav")
    previews: list[str] = []

    def track(request: Any) -> Any:
        from werkzeug import Response

        dz_id = request.path.rsplit("/", 1)[1]
        body = {"id": int(dz_id), "readable": True, "link": f"https://www.deezer.com/track/{dz_id}",
                "duration": 200, "preview": f"{base}/preview/{dz_id}.wav?hdnea=exp={expires}~acl=x",
                "album": {"cover_medium": f"{base}/art/{dz_id}.png"}}
        return Response(_json.dumps(body), content_type="application/json")

    def preview(request: Any) -> Any:
        from werkzeug import Response

        previews.append(request.path)
        return Response(wav, content_type="audio/wav")

    httpserver.expect_request(re.compile(r"^/track/\d+$")).respond_with_handler(track)
    httpserver.expect_request(re.compile(r"^/preview/\d+\.wav$")).respond_with_handler(preview)
    httpserver.expect_request(re.compile(r"^/art/\d+\.png$")).respond_with_data(_png_bytes(),
                                                                               content_type="image/png")
    server = start_server(tmp_path, MOODIFY_PROVIDERS='["deezer"]', MOODIFY_DEEZER_BASE_URL=base)
    try:
        page = browser.new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True)
        sign_up(page, server.url, "known@example.org")
        page.get_by_role("tab", name="Tell me").click()
        page.get_by_role("radio", name="happy").first.click()
        page.locator(".mf-track").first.wait_for(timeout=60_000)
        player = page.locator("[data-testid='moodify-player']")
        expect(player.locator(".mp-sub")).to_contain_text("Deezer", timeout=30_000)
        title = player.locator(".mp-title").inner_text()
        assert title and "Untitled" not in title  # a real song's name
        src = player.evaluate("bar => bar.getRootNode().querySelector('audio').src")
        assert src.startswith(f"{base}/preview/"), src
        player.locator("[data-testid='play']").click()
        page.wait_for_function("bar => bar.getRootNode().querySelector('audio').currentTime > 0.5",
                               arg=player.element_handle(), timeout=20_000)
        assert previews, "the browser streamed the preview from Deezer's URL"
        page.screenshot(path=str(SHOTS / "deezer-playlist.png"), full_page=False)
        _to_docs("deezer-playlist.png", "deezer-playlist.png")
        for width in (1280, 390):  # the credit waits behind ⓘ: no row of its own, shown on a tap
            page.set_viewport_size({"width": width, "height": 844})
            page.wait_for_timeout(500)
            _credit_behind_info(page, player, width)
        page.set_viewport_size({"width": 1280, "height": 900})

        page.get_by_role("link", name="History").click()
        with page.expect_download(timeout=30_000) as download:
            open_newest_playlist(page).get_by_role("button", name="Export XSPF").click()
        root = ET.parse(download.value.path()).getroot()
        ns = "{http://xspf.org/ns/0/}"
        tracks = root.findall(f"{ns}trackList/{ns}track")
        assert root.tag == f"{ns}playlist" and len(tracks) == 10
        assert all((t.findtext(f"{ns}info") or "").startswith("https://www.deezer.com/track/") for t in tracks)
        assert title in {t.findtext(f"{ns}title") for t in tracks}
    finally:
        stop_server(server)


def _credit_behind_info(page: Any, player: Any, width: int) -> None:
    info = player.get_by_role("button", name="Licence and track page")
    credit = player.locator(".mp-credit")
    expect(credit).to_be_hidden()
    assert info.get_attribute("aria-expanded") == "false"
    before = player.bounding_box()
    artist = player.locator(".mp-sub").bounding_box()
    button = info.bounding_box()
    assert before and artist and button and abs(button["y"] + button["height"] / 2
                                                 - (artist["y"] + artist["height"] / 2)) < 6  # beside the artist
    info.click()
    expect(credit).to_be_visible()
    assert info.get_attribute("aria-expanded") == "true"
    expect(credit.get_by_role("link", name="track page")).to_have_attribute("href", re.compile(r"^https://"))
    after, shown = player.bounding_box(), credit.bounding_box()
    assert after and shown and after["height"] == before["height"], (before, after)  # the bar did not grow
    assert shown["y"] + shown["height"] <= after["y"] + 1 and shown["x"] >= 0 and shown["x"] + shown["width"] <= width
    page.screenshot(path=str(SHOTS / f"player-credit-{width}.png"))
    info.click()
    expect(credit).to_be_hidden()


AUDIO = ("bar => { const a = bar.getRootNode().querySelector('audio'); "
         "return {src: a.src, t: a.currentTime, paused: a.paused}; }")


def test_changing_the_mode_or_a_setting_keeps_the_music_playing(browser: Any, tmp_path: Path) -> None:
    """Issue 15.7: the track that plays goes on when the mode changes or settings are saved; the new
    queue follows it. The ▶ ♥ ✕ buttons are named after their track for screen readers (15.13)."""
    music = tmp_path / "music"
    music.mkdir()
    for i, genre in enumerate(["happy pop", "upbeat", "party", "calm", "ambient", "relaxing", "sad", "chill"]):
        tone_wav(music / f"song{i}.wav", f"Song {i}", genre, seconds=30, freq=330 + 40 * i)
    server = start_server(tmp_path, MOODIFY_MUSIC_DIR=str(music), MOODIFY_PROVIDERS='["local"]')
    try:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        sign_up(page, server.url, "keeps@example.org")
        page.get_by_role("tab", name="Tell me").click()
        page.get_by_role("radio", name="happy").first.click()
        page.locator(".mf-track").first.wait_for(timeout=60_000)
        row = page.locator("[class*='st-key-mf-row-1']").first
        title = row.locator(".mf-track").get_attribute("data-title")
        for verb, mark in (("Play", "▶"), ("Like", "♥"), ("Dislike", "✕")):
            button = row.get_by_role("button", name=f"{verb} {title}", exact=True)
            expect(button).to_have_count(1, timeout=10_000)  # the accessible name, not the bare symbol
            assert button.inner_text().strip() == mark
        row.locator("button").first.hover()
        expect(page.locator("[data-testid='stTooltipContent']").first).to_contain_text(f"Play {title}",
                                                                                       timeout=10_000)

        player = page.locator("[data-testid='moodify-player']")
        player.locator("[data-testid='play']").click()
        page.wait_for_function("bar => bar.getRootNode().querySelector('audio').currentTime > 1",
                               arg=player.element_handle(), timeout=20_000)
        before = player.evaluate(AUDIO)
        playing = player.locator(".mp-title").inner_text()
        page.get_by_role("radio", name=re.compile("Calm me down")).first.click()
        page.get_by_text(re.compile(r"tracks for happy · 🌙 Calm me down")).wait_for(timeout=30_000)
        page.wait_for_timeout(1500)
        after = player.evaluate(AUDIO)
        assert after["src"] == before["src"] and not after["paused"], (before, after)
        assert after["t"] > before["t"] + 1, (before, after)  # it went on, not restarted
        assert player.locator(".mp-title").inner_text() == playing
        queue = player.evaluate("bar => [...bar.getRootNode().querySelectorAll('.mp-qitem')].map(b => b.textContent)")
        assert any(q.startswith(playing) for q in queue), queue  # still in the queue: first, or in its new place
        # what the carried track does after the change still counts: a play (5 s of audio) and a like
        page.wait_for_function("bar => bar.getRootNode().querySelector('audio').currentTime > 5.5",
                               arg=player.element_handle(), timeout=20_000)
        player.locator("[data-testid='like']").click()
        page.wait_for_timeout(1500)

        page.get_by_role("link", name="Settings").click()
        save_button(page)
        save_button(page).click()
        page.get_by_text("Saved.").wait_for(timeout=30_000)
        page.wait_for_timeout(1000)
        saved = player.evaluate(AUDIO)
        assert saved["src"] == before["src"] and not saved["paused"] and saved["t"] > after["t"], saved
        assert not errors, errors
    finally:
        stop_server(server)
    from moodify.settings import Settings
    from moodify.store import open_store

    store = open_store(Settings(data_dir=server.data_dir, store="sql"))
    try:
        feedback = store.list_feedback(store.find_user("keeps@example.org").id)
        played = {f.track_key for f in feedback if f.kind == "play"}
        liked = {f.track_key for f in feedback if f.kind == "like"}
        assert len(played) == 1 and played == liked, feedback  # the one track that played, both counted
    finally:
        store.close()


def _shoot(page: Any, name: str, sizes: dict[str, tuple[int, int]], shots: list[Path]) -> None:
    """``name`` at each size: the whole page, after the layout settled."""
    for size, (width, height) in sizes.items():
        page.set_viewport_size({"width": width, "height": height})
        page.mouse.move(1, height // 2)  # hover nothing (a heading under the pointer shows its link icon)
        page.wait_for_timeout(900)
        assert page.evaluate("document.documentElement.scrollWidth") <= width + 1, (name, size)  # no sideways
        page.screenshot(path=str(SHOTS / f"{size}-{name}-screen.png"))  # what the first screen shows
        # Streamlit scrolls inside its main block, so "full page" means a window as tall as the content
        tall = page.evaluate("Math.max(...[...document.querySelectorAll('[data-testid=stMain], "
                             "[data-testid=stAppViewContainer]')].map(e => e.scrollHeight))")
        page.set_viewport_size({"width": width, "height": min(max(height, int(tall)), 5000)})
        page.wait_for_timeout(600)
        path = SHOTS / f"{size}-{name}.png"
        page.screenshot(path=str(path))
        page.set_viewport_size({"width": width, "height": height})
        shots.append(path)


def _sign_out_fits(page: Any) -> None:
    button = page.get_by_role("button", name="Sign out")
    box = button.bounding_box()
    width = page.viewport_size["width"]
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width, (box, width)
    header = page.get_by_test_id("stHeader").bounding_box()
    assert header is not None and box["y"] >= header["y"] + header["height"], (box, header)  # not under it
    brand = page.locator(".mf-brand").bounding_box()
    assert brand is not None and abs(brand["y"] + brand["height"] / 2 - (box["y"] + box["height"] / 2)) < 12, (
        brand, box)  # one row: the brand beside "Sign out", at every width
    clipped = button.evaluate("b => [...b.querySelectorAll('*'), b].some(e => e.scrollWidth > e.clientWidth + 1)")
    assert not clipped, "the Sign out label is cut off"


def test_phone_menu_closes_and_every_page_looks_right(browser: Any, tmp_path: Path) -> None:
    """Issue 15.10/15.13 at 390 and 1280 px: the phone menu closes once a page is picked; no camera is said
    in plain words; a refused file's red chip goes once a photo is accepted; "Sign out" is never cut off.
    Every page is shot at both widths (``screenshots/``; the README's ones are copied to docs/img/)."""
    SHOTS.mkdir(exist_ok=True)
    photo = astronaut_jpeg(tmp_path / "astronaut.jpg")
    not_a_photo = tmp_path / "notes.txt"
    not_a_photo.write_text("not a photo")
    sizes = {"phone": (390, 844), "desktop": (1280, 900)}
    shots: list[Path] = []
    server = start_server(tmp_path)
    try:
        page = browser.new_page(viewport={"width": 390, "height": 844})
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(server.url)
        page.get_by_text("Music for the mood").wait_for(timeout=30_000)
        _shoot(page, "sign-in", sizes, shots)
        sign_up(page, server.url, "a.rather.long.address.for.the.top.bar@example.org")
        for width, height in sizes.values():
            page.set_viewport_size({"width": width, "height": height})
            page.wait_for_timeout(600)
            _sign_out_fits(page)

        # a refused file stays as a red chip only until a photo is accepted
        page.set_viewport_size({"width": 390, "height": 844})
        dropzone = page.locator("[data-testid='stFileUploaderDropzoneInput']")
        dropzone.set_input_files(str(not_a_photo))
        refused = page.get_by_test_id("stFileChip").filter(has_text="not allowed")
        expect(refused).to_have_count(1, timeout=10_000)
        page.screenshot(path=str(SHOTS / "phone-refused-file.png"))
        _upload(page, photo)
        page.locator(".mf-track").nth(4).wait_for(timeout=60_000)
        expect(refused).to_have_count(0, timeout=10_000)
        _shoot(page, "scan", sizes, shots)
        for size, (width, height) in sizes.items():  # the playlist as it shows on screen, its heading on top
            page.set_viewport_size({"width": width, "height": height})
            page.wait_for_timeout(900)
            page.get_by_role("heading", name="Your playlist").evaluate(
                "h => { h.scrollIntoView({block: 'start'}); "
                "document.querySelector('[data-testid=stMain]')?.scrollBy(0, -70); }")
            page.wait_for_timeout(400)
            page.screenshot(path=str(SHOTS / f"{size}-playlist.png"))
            shots.append(SHOTS / f"{size}-playlist.png")

        page.set_viewport_size({"width": 390, "height": 844})
        page.get_by_role("tab", name="Tell me").click()
        page.get_by_label("…or in your own words").fill("tired but hopeful after a long week")
        page.get_by_role("button", name="Read my words").click()
        page.get_by_text(re.compile(r"read from your words")).wait_for(timeout=60_000)
        page.locator(".mf-track").nth(4).wait_for(timeout=60_000)
        _shoot(page, "tell-me", sizes, shots)

        for name, link, heading in (("live", "Live", "Live mood"), ("history", "History", "Your mood history"),
                                    ("settings", "Settings", "Settings")):
            page.set_viewport_size({"width": 390, "height": 844})
            page.get_by_test_id("stExpandSidebarButton").click()
            sidebar = page.get_by_test_id("stSidebar")
            expect(sidebar).to_have_attribute("data-collapsed", "false", timeout=10_000)
            sidebar.get_by_role("link", name=link).click()
            page.get_by_role("heading", name=heading).first.wait_for(timeout=30_000)
            expect(sidebar).to_have_attribute("data-collapsed", "true", timeout=10_000)  # the menu closed
            if name == "live":  # this browser has no camera: said in plain words, no NotFoundError
                page.get_by_text("No camera found").wait_for(timeout=30_000)
                page.wait_for_timeout(1500)
                assert "NotFoundError" not in page.locator("body").inner_text()
                assert page.locator("iframe[title*='streamlit_webrtc']").count() == 0
            _shoot(page, name, sizes, shots)
        assert not errors, errors
    finally:
        stop_server(server)
    assert len(shots) == 14 and all(_png_size(p.read_bytes())[0] in (390, 1280) for p in shots)
    for size in sizes:  # every page at both widths, as its first screen shows it
        for name in ("sign-in", "scan", "tell-me", "live", "history", "settings"):
            _to_docs(f"{size}-{name}-screen.png", f"{size}-{name}.png")
        _to_docs(f"{size}-playlist.png", f"{size}-playlist.png")
