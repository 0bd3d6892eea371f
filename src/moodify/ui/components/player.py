"""The player docked at the bottom of every page: a bidirectional ``st.components.v2`` component.

Python sends the queue as JSON; the browser plays it with an HTML5 ``<audio>`` and keeps a state value
``log = {"sid": player instance, "events": [{"n", "kind", "key", "index", "seconds"?, "error"?}, ...]}``
(the last 20 events, numbered), so Python handles each event exactly once even when several arrive between
two runs. ``play`` is sent only once audio really played (5 s, or the track ended; ``seconds`` = how much),
``finished`` on ``ended``; a stream that fails sends ``stream_error`` (``error``: network, decode,
unsupported, aborted or blocked), never a play.
Only URLs that came from a provider are played; local files are served through Streamlit's own media
route, and only when they lie inside the configured music folder.
"""

from __future__ import annotations

import logging
import mimetypes
from collections.abc import Callable, Mapping, Sequence
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


STREAM_ERROR = "stream_error"
CARRIED_INDEX = -1  # the index the browser gives the track it kept playing from the previous playlist
START = "start"  # a track began loading: marks the page, is not feedback
_ERRORS = ("network", "decode", "unsupported", "aborted", "blocked", "unknown")
PROVIDER_LABELS = {"deezer": "Deezer", "audius": "Audius", "jamendo": "Jamendo", "offline": "Jamendo catalogue",
                   "local": "Your music"}
# Said under a Deezer track without a preview; what can play instead is said once, on the playlist page
OFFLINE_NOTICE = "No preview here right now: this server can't reach Deezer."


PlayerEventKind = FeedbackKind | Literal["start"]


@dataclass(frozen=True)
class PlayerEvent:
    kind: PlayerEventKind
    track: Track
    index: int
    seconds: float | None = None  # how much audio played (play events)
    number: int = 0  # the player's event number: a re-sent event has the same one


@dataclass(frozen=True)
class StreamError:
    """The browser could not play this track's stream: report it, never count it as a play."""

    track: Track
    index: int
    error: str  # network, decode, unsupported, aborted, blocked, unknown


def length_label(track: Track) -> str:
    """What the listener gets: "30-s preview" is not a song; else the track's length (m:ss) or ""."""
    if track.preview_s:
        return f"{round(track.preview_s)}-s preview"
    if track.duration_s:
        minutes, seconds = divmod(round(track.duration_s), 60)
        return f"{minutes}:{seconds:02d}"
    return ""


@cache
def _mount() -> Any:
    return st.components.v2.component(
        "moodify.player",
        html='<div class="mp-root"></div>',
        css=(_HERE / "player.css").read_text(encoding="utf-8"),
        js=(_HERE / "player.js").read_text(encoding="utf-8"),
    )


def web_url(url: str | None) -> str | None:
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
    web = web_url(track.stream_url)
    if web:
        return web
    path = local_path(track, music_dir)
    return _media_url(path) if path else None


def queue_data(playlist: Playlist | None, index: int, music_dir: Path | None, jump: int = 0, *,
               autoplay: int = 0, gone: Sequence[str] = ()) -> dict[str, Any]:
    """What the browser gets: the tracks, which one to start at, ``jump`` (bumped to play ``index`` now),
    ``autoplay`` (bumped to start the queue unless something plays) and ``gone`` (disliked track keys: one
    that is loaded stops and the player moves on)."""
    if playlist is None:
        return {"version": "empty", "index": 0, "tracks": [], "jump": jump, "autoplay": autoplay,
                "gone": list(gone)}
    tracks = [
        {
            "key": item.track.key, "title": item.track.title, "artist": item.track.artist,
            "src": stream_src(item.track, music_dir), "url": web_url(item.track.url),
            "artwork": web_url(item.track.artwork_url), "license": item.track.license,
            "license_url": web_url(item.track.license_url),
            "provider": PROVIDER_LABELS.get(item.track.provider, item.track.provider),
            "length": length_label(item.track),
        }
        for item in playlist.items
    ]
    version = f"{playlist.emotion}:{playlist.mode}:" + ",".join(item.track.key for item in playlist.items)
    unplayable_deezer = any(it.track.provider == "deezer" and not t["src"] for it, t in zip(playlist.items, tracks,
                                                                                              strict=True))
    notice = OFFLINE_NOTICE if unplayable_deezer else ""
    return {"version": version, "index": index, "tracks": tracks, "jump": jump, "notice": notice,
            "autoplay": autoplay, "gone": list(gone)}


Seen = tuple[str, int]  # (player instance id, number of the last event handled)


def new_events(raw: object, playlist: Playlist | None, seen: Seen,
               carried: Track | None = None) -> tuple[list[PlayerEvent], Seen]:
    """Feedback events after ``seen``; stream errors are dropped (see :func:`new_events_and_errors`)."""
    events, _errors, seen = new_events_and_errors(raw, playlist, seen, carried)
    return events, seen


def carried_track(before: Playlist | None, now: Playlist | None, playing: str | None,
                  carried: Track | None) -> Track | None:
    """The track the player stays on when the playlist under it changes (a new mode, a saved setting).

    The browser keeps playing it ahead of the new queue, so a like or a play on it must still count:
    it is the track ``playing`` from the playlist sent ``before`` (or the one already carried), unless
    the ``now`` playlist has it anyway.
    """
    if playing is None or _find(now, playing) is not None:
        return None
    return _find(before, playing) or (carried if carried is not None and carried.key == playing else None)


def _find(playlist: Playlist | None, key: str) -> Track | None:
    items = playlist.items if playlist is not None else ()
    return next((item.track for item in items if item.track.key == key), None)


def new_events_and_errors(raw: object, playlist: Playlist | None, seen: Seen,
                          carried: Track | None = None) -> tuple[list[PlayerEvent], list[StreamError], Seen]:
    """Events in the player's log that come after ``seen`` (instance id, last number handled).

    A new player instance (page reload) starts counting again, so its id resets the count. Entries that
    are malformed or name a track neither in ``playlist`` nor ``carried`` are dropped.
    """
    if not isinstance(raw, Mapping):
        return [], [], seen
    if not isinstance(raw.get("sid"), str) or not isinstance(raw.get("events"), list):
        return [], [], seen
    sid, last = raw["sid"], seen[1] if seen[0] == raw["sid"] else 0
    events: list[PlayerEvent] = []
    errors: list[StreamError] = []
    for entry in raw["events"]:
        n = entry.get("n") if isinstance(entry, Mapping) else None
        if not isinstance(n, int) or n <= last:
            continue
        last = n
        event = parse_event(entry, playlist, carried)
        if isinstance(event, PlayerEvent):
            events.append(replace(event, number=n))
        elif isinstance(event, StreamError):
            errors.append(event)
    return events, errors, (sid, last)


def parse_event(raw: object, playlist: Playlist | None,
                carried: Track | None = None) -> PlayerEvent | StreamError | None:
    """Check what the browser sent: a known kind about a track in the current playlist (or the one the
    player carried over from the previous playlist, index :data:`CARRIED_INDEX`)."""
    if not isinstance(raw, Mapping):
        return None
    kind, key, index = raw.get("kind"), raw.get("key"), raw.get("index")
    if (kind not in FEEDBACK_KINDS and kind not in (STREAM_ERROR, START)) or not isinstance(index, int):
        return None
    track = _track_at(playlist, carried, index, key)
    if track is None:
        return None
    seconds = raw.get("seconds")
    played = float(seconds) if isinstance(seconds, int | float) and 0 <= seconds < 86_400 else None
    if kind == STREAM_ERROR:
        error = raw.get("error")
        return StreamError(track, index, error if isinstance(error, str) and error in _ERRORS else "unknown")
    return PlayerEvent(kind=cast(PlayerEventKind, kind), track=track, index=index, seconds=played)


def _track_at(playlist: Playlist | None, carried: Track | None, index: int, key: object) -> Track | None:
    """The track the browser names. The key decides: the index is where the browser had it, which is off by
    one for events sent after a dislike took a track out of its queue and before the new queue arrived."""
    items = playlist.items if playlist is not None else ()
    if 0 <= index < len(items) and items[index].track.key == key:
        return items[index].track
    if index == CARRIED_INDEX and carried is not None and carried.key == key:
        return carried
    return next((item.track for item in items if item.track.key == key), None)


def position(playlist: Playlist | None, key: str | None) -> int | None:
    """Where the track ``key`` is in ``playlist`` (None: not there)."""
    items = playlist.items if playlist is not None else ()
    return next((i for i, item in enumerate(items) if item.track.key == key), None)


def docked_player(playlist: Playlist | None, index: int, music_dir: Path | None,
                  on_event: Callable[[], None], jump: int = 0, *, autoplay: int = 0,
                  gone: Sequence[str] = ()) -> None:
    """Render the player in the bottom container. ``on_event`` runs (before the next script run) when
    the browser sends an event; it reads it with :func:`player_log`."""
    with st.bottom:
        _mount()(key=PLAYER_KEY, data=queue_data(playlist, index, music_dir, jump, autoplay=autoplay, gone=gone),
                 on_log_change=on_event)


def player_log() -> object:
    """The player's event log as the browser last sent it (read it inside ``on_event``)."""
    current = st.session_state.get(PLAYER_KEY)
    return current.get("log") if isinstance(current, Mapping) else None
