"""Open-in links, playlist files (M3U8, XSPF) and provider presets."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse
from xml.etree import ElementTree as ET

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from moodify.music.links import file_path, open_links, safe_url
from moodify.music.playlist_files import XSPF_NS, export_playlist, to_m3u8, to_xspf
from moodify.music.presets import DEFAULT_PROVIDERS, PRESETS, preset_for
from moodify.music.providers import PROVIDERS
from moodify.store.models import StoredTrack
from moodify.types import Track

from .fakes import deezer_track, make_settings


def track(i: int, **kw: object) -> Track:
    base: dict[str, object] = dict(id=str(i), provider="deezer", title="Sound & Vision <live>",
                                   artist="Simon & Garfunkel", url=f"https://www.deezer.com/track/{i}",
                                   stream_url=f"https://cdnt-preview.dzcdn.net/{i}.mp3?hdnea=exp=1~hmac=a&b",
                                   artwork_url=f"https://e-cdns-images.dzcdn.net/images/cover/{i}.jpg",
                                   duration_s=215.0, preview_s=30.0, license="Mood: Deezer dataset")
    base.update(kw)
    return Track(**base)  # type: ignore[arg-type]


def test_links_are_encoded_searches_on_the_tracks_own_fields() -> None:
    links = {link.service: link.url for link in open_links(track(550288, title="The Sound Of Silence"))}
    assert links["Deezer"] == "https://www.deezer.com/track/550288"
    assert links["Spotify"] == "https://open.spotify.com/search/Simon%20%26%20Garfunkel%20The%20Sound%20Of%20Silence"
    yt = urlparse(links["YouTube Music"])
    assert yt.netloc == "music.youtube.com" and parse_qs(yt.query)["q"] == ["Simon & Garfunkel The Sound Of Silence"]
    apple = urlparse(links["Apple Music"])
    assert apple.netloc == "music.apple.com" and parse_qs(apple.query)["term"][0].startswith("Simon & Garfunkel")
    tricky = open_links(track(1, title="a/b?c#d\n\"><script>", artist="x"))
    for link in tricky[1:]:
        assert "<" not in link.url and "#" not in link.url.split("?", 1)[-1] and "\n" not in link.url
        assert "a/b?c#d" in unquote(link.url)


def test_placeholders_get_no_searches() -> None:
    untitled = track(5, provider="offline", title="Untitled (Jamendo #5)", artist="Jamendo artist 9",
                     url="https://www.jamendo.com/track/5")
    assert open_links(untitled) == ()


def test_m3u8_shape() -> None:
    text = to_m3u8([track(1), track(2, stream_url=None, preview_s=None, title="Two\nlines")], "Sad → calm",
                   expires_at=4_102_444_800)
    lines = text.splitlines()
    assert lines[0] == "#EXTM3U" and lines[1] == "#PLAYLIST:Sad → calm"
    assert lines[2].startswith("# The 30-s previews in this file expire at 2100-01-01 00:00 UTC")
    assert lines[3] == "#EXTINF:30,Simon & Garfunkel - Sound & Vision <live>"
    assert lines[4].startswith("https://cdnt-preview.dzcdn.net/1.mp3")
    # no stream now: a comment naming its page, never an entry a player can't play
    assert lines[5] == "# not streamable now: Simon & Garfunkel - Two lines (https://www.deezer.com/track/2)"
    assert len(lines) == 6 and text.endswith("\n")


INJECTED = "https://cdn.example/a.mp3\n#EXTINF:-1,X\nfile:///etc/passwd"


@pytest.mark.parametrize("field", ["stream_url", "url", "artwork_url"])
def test_a_url_with_a_newline_adds_no_entry(field: str) -> None:
    bad = track(2, **{field: INJECTED})
    text = to_m3u8([track(1), bad], "x")
    assert "/etc/passwd" not in text and text.count("#EXTINF") == (2 if field != "stream_url" else 1)
    assert all(not line.startswith("file:") for line in text.splitlines())
    xspf = to_xspf([track(1), bad], "x")
    assert "/etc/passwd" not in xspf and "EXTINF" not in xspf
    ET.fromstring(xspf.split("\n", 1)[1])
    for url in (INJECTED, "javascript:alert(1)", "https://a.example/x y", "https://a.example/\x1b[2J", "ftp://a/b",
                "file:///etc/passwd", ""):
        assert safe_url(url) is None, url
    assert safe_url("https://a.example/x?y=1&z=%0A") == "https://a.example/x?y=1&z=%0A"
    assert safe_url("file:///music/a%20b.mp3", local=True) == "file:///music/a%20b.mp3"


def test_control_characters_never_reach_a_file() -> None:
    dirty = track(1, title="Bad\x0b\x1b[31mTitle\x01", artist="Es\x85c")
    text = to_m3u8([dirty], "t\x1b")
    assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]", text)
    assert "#EXTINF:30,Es c - Bad [31mTitle" in text
    xspf = to_xspf([dirty], "t")
    root = ET.fromstring(xspf.split("\n", 1)[1])  # well-formed: XML 1.0 forbids most C0 characters
    assert root.findtext(f"{{{XSPF_NS}}}trackList/{{{XSPF_NS}}}track/{{{XSPF_NS}}}title") == "Bad [31mTitle"


def test_local_files_are_written_as_paths(tmp_path: Path) -> None:
    song = tmp_path / "my songs" / "a.mp3"
    song.parent.mkdir()
    song.write_bytes(b"x")
    local = track(3, provider="local", url=song.as_uri(), stream_url=song.as_uri(), preview_s=None)
    lines = to_m3u8([local], "x").splitlines()
    assert lines[-1] == str(song)  # a plain path, spaces and all: what a desktop player opens
    assert file_path(song.as_uri()) == str(song)
    xspf = to_xspf([local], "x")
    assert ET.fromstring(xspf.split("\n", 1)[1]).findtext(f".//{{{XSPF_NS}}}location") == song.as_uri()


def test_xspf_is_valid_xml_with_the_spec_structure() -> None:
    text = to_xspf([track(1), track(2, stream_url=None, artwork_url=None)], 'Mood <"lift"> & more',
                   expires_at=4_102_444_800)
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    root = ET.fromstring(text.split("\n", 1)[1])
    ns = {"x": XSPF_NS}
    assert root.tag == f"{{{XSPF_NS}}}playlist" and root.get("version") == "1"
    assert root.findtext("x:title", namespaces=ns) == 'Mood <"lift"> & more'
    assert "expire at 2100-01-01" in (root.findtext("x:annotation", namespaces=ns) or "")
    tracks = root.findall("x:trackList/x:track", ns)
    assert len(tracks) == 2
    first = tracks[0]
    assert first.findtext("x:title", namespaces=ns) == "Sound & Vision <live>"
    assert first.findtext("x:creator", namespaces=ns) == "Simon & Garfunkel"
    assert first.findtext("x:location", namespaces=ns).endswith("hmac=a&b")  # type: ignore[union-attr]
    assert first.findtext("x:info", namespaces=ns) == "https://www.deezer.com/track/1"
    assert first.findtext("x:image", namespaces=ns) == "https://e-cdns-images.dzcdn.net/images/cover/1.jpg"
    assert first.findtext("x:duration", namespaces=ns) == "30000"
    assert tracks[1].find("x:location", ns) is None and tracks[1].find("x:image", ns) is None
    assert tracks[1].findtext("x:info", namespaces=ns) == "https://www.deezer.com/track/2"
    assert "&amp;" in text and "<live>" not in text  # escaped


def test_export_resolves_fresh_previews_and_gives_the_same_bytes(httpserver: HTTPServer, tmp_path: Path) -> None:
    """Stored tracks keep no stream: the file gets previews resolved now (a fake Deezer on loopback), says
    when they expire, and a second export (cached until then) is the same bytes; other sources' streams
    follow from the id."""
    asked: list[str] = []

    def answer(request: Request) -> Response:
        asked.append(request.path)
        return Response(json.dumps(deezer_track(request.path.rsplit("/", 1)[1], exp=4_102_444_800)),
                        content_type="application/json")

    httpserver.expect_request(re.compile(r"^/track/\d+$")).respond_with_handler(answer)
    settings = make_settings(tmp_path, deezer_base_url=httpserver.url_for("").rstrip("/"))
    shown = [StoredTrack(key="deezer:11", title="Eleven", artist="A", url="https://www.deezer.com/track/11"),
             StoredTrack(key="offline:1234", title="Free", artist="B", url="https://www.jamendo.com/track/1234"),
             StoredTrack(key="audius:Ab1", title="Au", artist="C")]
    text = export_playlist(shown, "sad", "lift", "xspf", settings)
    assert export_playlist(shown, "sad", "lift", "xspf", settings) == text and asked == ["/track/11"]
    root = ET.fromstring(text.split("\n", 1)[1])
    locations = [t.findtext(f"{{{XSPF_NS}}}location") or "" for t in root.iter(f"{{{XSPF_NS}}}track")]
    assert locations[0].startswith("https://cdnt-preview.dzcdn.net/") and "exp=4102444800" in locations[0]
    assert "1234" in locations[1] and locations[2].endswith("/v1/tracks/Ab1/stream?app_name=moodify")
    assert "expire at 2100-01-01 00:00 UTC" in text
    m3u = export_playlist(shown, "sad", "lift", "m3u8", settings)
    assert m3u.count("#EXTINF") == 3 and "#PLAYLIST:Moodify: sad (lift)" in m3u


def test_presets_name_registered_providers() -> None:
    known = set(PROVIDERS.names())
    assert set(DEFAULT_PROVIDERS) <= known
    for p in PRESETS.values():
        assert set(p.providers) <= known and p.label
    assert PRESETS["songs-i-know"].providers[0] == "deezer"
    assert PRESETS["my-music"].providers == ("local",)
    assert preset_for(["local"]) is PRESETS["my-music"] and preset_for(["offline", "deezer"]) is None
