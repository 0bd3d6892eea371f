"""A playlist as a file to take elsewhere: M3U8 (extended M3U, UTF-8) and XSPF (XML Shareable Playlist Format).

:func:`export_playlist` is the one way every front end (the app's Scan and History pages, the API, the CLI)
writes a playlist file, so the same playlist gives the same bytes everywhere: the tracks as they were shown,
with stream URLs resolved now (:func:`moodify.music.links.fresh_streams`), and a line saying when the signed
previews in it expire. Only http(s) URLs without whitespace or control characters are written (a local file
as its path); text is put on one line and cleaned of control characters, so no field can add an entry.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Literal
from xml.etree import ElementTree as ET

from moodify.music.links import file_path, fresh_streams, safe_url
from moodify.settings import Settings
from moodify.store.models import StoredTrack
from moodify.types import Playlist, Track
from moodify.validation import CONTROL

PlaylistFormat = Literal["m3u8", "xspf"]
MEDIA_TYPES: dict[str, str] = {"m3u8": "audio/x-mpegurl", "xspf": "application/xspf+xml"}

XSPF_NS = "http://xspf.org/ns/0/"


def _one_line(text: str) -> str:
    # A newline inside a title would start a new M3U entry; other control characters are not text (and
    # not allowed in XML at all).
    return " ".join(CONTROL.sub(" ", text).split())


def _location(track: Track) -> str | None:
    """Where a player finds the audio: a local file's path, else a safe http(s) stream URL."""
    if track.provider == "local":
        return file_path(track.stream_url or track.url)
    return safe_url(track.stream_url)


def expiry_note(expires_at: float | None) -> str:
    if expires_at is None:
        return ""
    when = datetime.fromtimestamp(expires_at, UTC).strftime("%Y-%m-%d %H:%M UTC")
    return f"The 30-s previews in this file expire at {when}; export the playlist again for fresh ones."


def to_m3u8(tracks: Sequence[Track], title: str, expires_at: float | None = None) -> str:
    """``#EXTM3U`` + ``#EXTINF:<seconds>,<artist> - <title>`` and the track's stream (or file) per entry.

    A track with no stream now is listed as a comment (its page), never as an entry a player can't play."""
    lines = ["#EXTM3U", f"#PLAYLIST:{_one_line(title)}"]
    note = expiry_note(expires_at)
    if note:
        lines.append(f"# {note}")
    for t in tracks:
        seconds = round(t.preview_s or t.duration_s or -1)
        name = f"{_one_line(t.artist)} - {_one_line(t.title)}"
        location = _location(t)
        if location is None:
            page = safe_url(t.url)
            lines.append(f"# not streamable now: {name}" + (f" ({page})" if page else ""))
            continue
        lines.append(f"#EXTINF:{seconds},{name}")
        lines.append(location)
    return "\n".join(lines) + "\n"


def to_xspf(tracks: Sequence[Track], title: str, expires_at: float | None = None) -> str:
    """XSPF version 1: location, title, creator, annotation (licence), info (the track's page), image,
    duration; the playlist's annotation says when its previews expire."""
    ET.register_namespace("", XSPF_NS)

    def add(parent: ET.Element, name: str, text: str | None) -> None:
        if text:
            ET.SubElement(parent, f"{{{XSPF_NS}}}{name}").text = text

    root = ET.Element(f"{{{XSPF_NS}}}playlist", version="1")
    add(root, "title", _one_line(title))
    add(root, "creator", "Moodify")
    add(root, "annotation", expiry_note(expires_at))
    tracklist = ET.SubElement(root, f"{{{XSPF_NS}}}trackList")
    for t in tracks:
        node = ET.SubElement(tracklist, f"{{{XSPF_NS}}}track")
        location = _location(t)
        if location and t.provider == "local":  # XSPF wants a URI: the file's own file: URI
            location = safe_url(t.stream_url or t.url, local=True)
        add(node, "location", location)
        add(node, "title", _one_line(t.title))
        add(node, "creator", _one_line(t.artist))
        add(node, "annotation", _one_line(t.license))
        add(node, "info", safe_url(t.url))
        add(node, "image", safe_url(t.artwork_url))
        seconds = t.preview_s or t.duration_s
        if seconds:
            add(node, "duration", str(int(seconds * 1000)))
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def playlist_title(emotion: str, mode: str) -> str:
    return f"Moodify: {emotion} ({mode})"


def export_playlist(tracks: Sequence[StoredTrack], emotion: str, mode: str, fmt: PlaylistFormat,
                    settings: Settings) -> str:
    """The playlist file for tracks as they were shown (stored, or a playlist just made: see :func:`shown`)."""
    streams = fresh_streams([t.as_track() for t in tracks], settings)
    title = playlist_title(emotion, mode)
    writer = to_m3u8 if fmt == "m3u8" else to_xspf
    return writer(streams.tracks, title, streams.expires_at)


def shown(playlist: Playlist) -> tuple[StoredTrack, ...]:
    """A playlist just made, as it is stored: what :func:`export_playlist` takes, so both files agree."""
    return tuple(StoredTrack.of(item.track, item.reason) for item in playlist.items)


def playlist_file(playlist: Playlist, fmt: PlaylistFormat, settings: Settings) -> str:
    """A playlist just made, as an M3U8 or XSPF file (the same bytes as once it is stored)."""
    return export_playlist(shown(playlist), playlist.emotion, playlist.mode, fmt, settings)
