"""The player docked at the bottom of every page: a bidirectional ``st.components.v2`` component.

Python sends the queue as JSON; the browser plays it with an HTML5 ``<audio>`` and keeps a state value
``log = {"sid": player instance, "events": [{"n", "kind", "key", "index"}, ...]}`` (the last 20 events,
numbered), so Python handles each event exactly once even when several arrive between two runs.
Only URLs that came from a provider are played; local files are served through Streamlit's own media
route, and only when they lie inside the configured music folder.
"""

from __future__ import annotations

import logging
import mimetypes
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any, Literal, cast
from urllib.parse import unquote, urlparse

import streamlit as st

from moodify.types import FEEDBACK_KINDS, FeedbackKind, Playlist, Track

log = logging.getLogger(__name__)

_HERE = Path(__file__).parent
PLAYER_KEY = "moodify_player"


PlayerEventKind = FeedbackKind | Literal["start"]  # "start": a track began loading; not feedback
PLAYER_EVENT_KINDS: tuple[str, ...] = (*FEEDBACK_KINDS, "start")


@dataclass(frozen=True)
class PlayerEvent:
    kind: PlayerEventKind
    track: Track
    index: int
    seconds: float | None = None  # audio played so far ("play" after 5 s, "finished" at the end)
    number: int = 0  # the player's event number: a retry of the same event has the same one


@cache
def _mount() -> Any:
    return st.components.v2.component(
        "moodify.player",
        html='<div class="mp-root"></div>',
        css=(_HERE / "player.css").read_text(encoding="utf-8"),
        js=(_HERE / "player.js").read_text(encoding="utf-8"),
    )


def _web_url(url: str | None) -> str | None:
    if url and urlparse(url).scheme in ("http", "https"):
        return url
    return None


def local_path(track: Track, music_dir: Path | None) -> Path | None:
    """The file of a local-library track, if it is really inside ``music_dir`` (no ``..`` escapes)."""
    if music_dir is None or not track.stream_url:
        return None
    raw = track.stream_url
    path = Path(unquote(urlparse(raw).path)) if raw.startswith("file:") else Path(raw)
    try:
        resolved = path.resolve(strict=True)
        root = music_dir.resolve(strict=True)
    except OSError:
        return None
    if not resolved.is_file() or not resolved.is_relative_to(root):
        log.warning("refusing to serve %s: not inside the music folder", raw)
        return None
    return resolved


def _media_url(path: Path) -> str | None:
    """Register a local file with Streamlit's media manager and return its ``/media/...`` URL."""
    from streamlit.runtime import Runtime

    if not Runtime.exists():
        return None
    mimetype = mimetypes.guess_type(path.name)[0] or "audio/mpeg"
    coordinates = f"moodify.player.{path}"
    return Runtime.instance().media_file_mgr.add(str(path), mimetype, coordinates)


def stream_src(track: Track, music_dir: Path | None) -> str | None:
    web = _web_url(track.stream_url)
    if web:
        return web
    path = local_path(track, music_dir)
    return _media_url(path) if path else None


def queue_data(playlist: Playlist | None, index: int, music_dir: Path | None, jump: int = 0) -> dict[str, Any]:
    """What the browser gets: the tracks, which one to start at, and ``jump`` (bumped to play ``index`` now)."""
    if playlist is None:
        return {"version": "empty", "index": 0, "tracks": [], "jump": jump}
    tracks = [
        {
            "key": item.track.key, "title": item.track.title, "artist": item.track.artist,
            "src": stream_src(item.track, music_dir), "url": _web_url(item.track.url),
            "artwork": _web_url(item.track.artwork_url), "license": item.track.license,
            "license_url": _web_url(item.track.license_url),
        }
        for item in playlist.items
    ]
    version = f"{playlist.emotion}:{playlist.mode}:" + ",".join(item.track.key for item in playlist.items)
    return {"version": version, "index": index, "tracks": tracks, "jump": jump}


Seen = tuple[str, int]  # (player instance id, number of the last event handled)


def new_events(raw: object, playlist: Playlist | None, seen: Seen) -> tuple[list[PlayerEvent], Seen]:
    """Events in the player's log that come after ``seen`` (instance id, last number handled).

    A new player instance (page reload) starts counting again, so its id resets the count. Entries that
    are malformed or name a track not in ``playlist`` are dropped.
    """
    if not isinstance(raw, Mapping):
        return [], seen
    if not isinstance(raw.get("sid"), str) or not isinstance(raw.get("events"), list):
        return [], seen
    sid, last = raw["sid"], seen[1] if seen[0] == raw["sid"] else 0
    events: list[PlayerEvent] = []
    for entry in raw["events"]:
        n = entry.get("n") if isinstance(entry, Mapping) else None
        if not isinstance(n, int) or n <= last:
            continue
        last = n
        event = parse_event(entry, playlist)
        if event is not None:
            events.append(replace(event, number=n))
    return events, (sid, last)


def parse_event(raw: object, playlist: Playlist | None) -> PlayerEvent | None:
    """Check what the browser sent: a known kind about a track that is in the current playlist."""
    if not isinstance(raw, Mapping) or playlist is None:
        return None
    kind, key, index = raw.get("kind"), raw.get("key"), raw.get("index")
    if kind not in PLAYER_EVENT_KINDS or not isinstance(index, int):
        return None
    if not 0 <= index < len(playlist.items) or playlist.items[index].track.key != key:
        return None
    seconds = raw.get("seconds")
    played = float(seconds) if isinstance(seconds, int | float) and 0 <= seconds < 86_400 else None
    return PlayerEvent(kind=cast(PlayerEventKind, kind), track=playlist.items[index].track, index=index,
                       seconds=played)


def docked_player(playlist: Playlist | None, index: int, music_dir: Path | None,
                  on_event: Callable[[], None], jump: int = 0) -> None:
    """Render the player in the bottom container. ``on_event`` runs (before the next script run) when
    the browser sends an event; it reads it with :func:`player_event`."""
    with st.bottom:
        _mount()(key=PLAYER_KEY, data=queue_data(playlist, index, music_dir, jump), on_log_change=on_event)


def player_log() -> object:
    """The player's event log as the browser last sent it (read it inside ``on_event``)."""
    current = st.session_state.get(PLAYER_KEY)
    return current.get("log") if isinstance(current, Mapping) else None
