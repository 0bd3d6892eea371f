"""A playlist as a file to take elsewhere: M3U8 (extended M3U, UTF-8) and XSPF (XML Shareable Playlist Format)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal
from xml.etree import ElementTree as ET

from moodify.types import Playlist, Track

PlaylistFormat = Literal["m3u8", "xspf"]
MEDIA_TYPES: dict[str, str] = {"m3u8": "audio/x-mpegurl", "xspf": "application/xspf+xml"}

XSPF_NS = "http://xspf.org/ns/0/"


def _one_line(text: str) -> str:
    # A newline inside a title would start a new M3U entry.
    return " ".join(text.split())


def to_m3u8(tracks: Sequence[Track], title: str) -> str:
    """``#EXTM3U`` + ``#EXTINF:<seconds>,<artist> - <title>`` and the track's location per entry.

    The location is the stream (a Deezer preview expires within hours), else the track's page."""
    lines = ["#EXTM3U", f"#PLAYLIST:{_one_line(title)}"]
    for t in tracks:
        seconds = round(t.preview_s or t.duration_s or -1)
        lines.append(f"#EXTINF:{seconds},{_one_line(t.artist)} - {_one_line(t.title)}")
        lines.append(t.stream_url or t.url)
    return "\n".join(lines) + "\n"


def to_xspf(tracks: Sequence[Track], title: str) -> str:
    """XSPF version 1: title, creator, location, info (the track's page), image, duration, annotation."""
    ET.register_namespace("", XSPF_NS)
    root = ET.Element(f"{{{XSPF_NS}}}playlist", version="1")
    ET.SubElement(root, f"{{{XSPF_NS}}}title").text = title
    ET.SubElement(root, f"{{{XSPF_NS}}}creator").text = "Moodify"
    tracklist = ET.SubElement(root, f"{{{XSPF_NS}}}trackList")
    for t in tracks:
        node = ET.SubElement(tracklist, f"{{{XSPF_NS}}}track")
        if t.stream_url:
            ET.SubElement(node, f"{{{XSPF_NS}}}location").text = t.stream_url
        ET.SubElement(node, f"{{{XSPF_NS}}}title").text = t.title
        ET.SubElement(node, f"{{{XSPF_NS}}}creator").text = t.artist
        if t.license:
            ET.SubElement(node, f"{{{XSPF_NS}}}annotation").text = t.license
        ET.SubElement(node, f"{{{XSPF_NS}}}info").text = t.url
        if t.artwork_url:
            ET.SubElement(node, f"{{{XSPF_NS}}}image").text = t.artwork_url
        seconds = t.preview_s or t.duration_s
        if seconds:
            ET.SubElement(node, f"{{{XSPF_NS}}}duration").text = str(int(seconds * 1000))
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def playlist_title(emotion: str, mode: str) -> str:
    return f"Moodify: {emotion} ({mode})"


def playlist_file(playlist: Playlist, fmt: PlaylistFormat) -> str:
    """A playlist just made, as an M3U8 or XSPF file."""
    tracks = [i.track for i in playlist.items]
    title = playlist_title(playlist.emotion, playlist.mode)
    return to_m3u8(tracks, title) if fmt == "m3u8" else to_xspf(tracks, title)
