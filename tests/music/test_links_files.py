"""Open-in links, playlist files (M3U8, XSPF) and provider presets."""

from __future__ import annotations

from urllib.parse import parse_qs, unquote, urlparse
from xml.etree import ElementTree as ET

from moodify.music.links import open_links
from moodify.music.playlist_files import XSPF_NS, to_m3u8, to_xspf
from moodify.music.presets import DEFAULT_PROVIDERS, PRESETS, preset_for
from moodify.music.providers import PROVIDERS
from moodify.types import Track


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
    text = to_m3u8([track(1), track(2, stream_url=None, preview_s=None, title="Two\nlines")], "Sad → calm")
    lines = text.splitlines()
    assert lines[0] == "#EXTM3U" and lines[1] == "#PLAYLIST:Sad → calm"
    assert lines[2] == "#EXTINF:30,Simon & Garfunkel - Sound & Vision <live>"
    assert lines[3].startswith("https://cdnt-preview.dzcdn.net/1.mp3")
    assert lines[4] == "#EXTINF:215,Simon & Garfunkel - Two lines" and lines[5] == "https://www.deezer.com/track/2"
    assert len(lines) == 6 and text.endswith("\n")


def test_xspf_is_valid_xml_with_the_spec_structure() -> None:
    text = to_xspf([track(1), track(2, stream_url=None, artwork_url=None)], 'Mood <"lift"> & more')
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    root = ET.fromstring(text.split("\n", 1)[1])
    ns = {"x": XSPF_NS}
    assert root.tag == f"{{{XSPF_NS}}}playlist" and root.get("version") == "1"
    assert root.findtext("x:title", namespaces=ns) == 'Mood <"lift"> & more'
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
    assert "&amp;" in text and "<live>" not in text  # escaped


def test_presets_name_registered_providers() -> None:
    known = set(PROVIDERS.names())
    assert set(DEFAULT_PROVIDERS) <= known
    for p in PRESETS.values():
        assert set(p.providers) <= known and p.label
    assert PRESETS["songs-i-know"].providers[0] == "deezer"
    assert PRESETS["my-music"].providers == ("local",)
    assert preset_for(["local"]) is PRESETS["my-music"] and preset_for(["offline", "deezer"]) is None
