"""What the pages put into HTML: user and provider text is escaped, only http(s) links survive."""

from __future__ import annotations

from typing import Any

import pytest

from moodify.types import MoodPoint, PlaylistItem, Track
from moodify.ui import layout


@pytest.fixture
def captured(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    html: list[str] = []
    monkeypatch.setattr(layout.st, "html", lambda body, **_: html.append(body))
    return html


def item(**kw: Any) -> PlaylistItem:
    fields: dict[str, Any] = dict(id="1", provider="audius", title="Song", artist="Band",
                                  url="https://audius.co/x", stream_url=None, license="CC BY 4.0",
                                  license_url="https://creativecommons.org/licenses/by/4.0/")
    fields.update(kw)
    return PlaylistItem(track=Track(**fields), reason="fits <your> mood", step_target=MoodPoint(0, 0))


def test_track_card_escapes_titles_artists_and_reasons(captured: list[str]) -> None:
    layout.track_card(item(title="<script>alert(1)</script>", artist='"><img src=x onerror=alert(2)>'), 1)
    [html] = captured
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(2)&gt;" in html
    assert "fits &lt;your&gt; mood" in html
    assert 'href="https://creativecommons.org/licenses/by/4.0/"' in html and "CC BY 4.0" in html


def test_only_web_links_are_linked(captured: list[str]) -> None:
    layout.track_card(item(url="javascript:alert(1)", license_url="file:///etc/passwd",
                           artwork_url="javascript:alert(3)"), 2)
    [html] = captured
    assert "javascript:" not in html and "file:" not in html
    assert "<img" not in html  # no artwork rather than an unsafe one
    assert "CC BY 4.0" in html  # the licence is still credited, as text


def test_artwork_from_the_provider_is_shown(captured: list[str]) -> None:
    layout.track_card(item(artwork_url="https://img.example/a.jpg?x=1&y=2"), 3, reaction="like")
    [html] = captured
    assert '<img src="https://img.example/a.jpg?x=1&amp;y=2"' in html
    assert "♥" in html


def test_mood_card_shows_emotion_and_confidence(captured: list[str]) -> None:
    from moodify.types import EmotionScores

    layout.mood_card(EmotionScores.from_mapping({"sad": 0.7, "neutral": 0.3}), note="<b>note</b>")
    [html] = captured
    assert ">sad<" in html and "70% confident" in html and "&lt;b&gt;note&lt;/b&gt;" in html


def test_markdown_text_is_escaped_to_plain_text() -> None:
    out = layout.md("[click](javascript:alert(1)) **bold** <b>x</b> $x$")
    for raw in ("[click]", "](", "**bold**", "<b>", "$x$"):
        assert raw not in out
    assert out.replace("\\", "") == "[click](javascript:alert(1)) **bold** <b>x</b> $x$"


def test_the_track_playing_is_marked(captured: list[str]) -> None:
    layout.track_card(item(), 1, playing=True)
    layout.track_card(item(), 2)
    assert 'class="mf-track mf-now" aria-current="true"' in captured[0]
    assert 'class="mf-track">' in captured[1]


def test_open_in_links_come_from_the_tracks_own_fields_escaped() -> None:
    from moodify.types import Track
    from moodify.ui.layout import _open_in

    track = Track(id="1", provider="deezer", title='Waking <Up> & "Out"', artist="One Republic",
                  url="https://www.deezer.com/track/1", stream_url=None)
    html = _open_in(track)
    assert "Open in" in html and "spotify" in html.lower() and "<Up>" not in html
    assert "Waking%20%3CUp%3E" in html or "Waking+%3CUp%3E" in html  # URL-encoded, then HTML-escaped
    untitled = Track(id="2", provider="offline", title="Untitled (Jamendo #2)", artist="Jamendo artist 9",
                     url="https://www.jamendo.com/track/2", stream_url=None)
    assert "Spotify" not in _open_in(untitled)  # nothing to search for
