""""Open in ..." links for a track, built only from its own fields (never from anything a user typed); the
one rule for which URLs may enter a playlist file or the store; fresh stream URLs for a stored playlist."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from urllib.parse import quote, urlsplit
from urllib.request import url2pathname

from moodify.music.pool import UNTITLED_PREFIX
from moodify.settings import Settings
from moodify.types import Track
from moodify.validation import CONTROL, CONTROL_CHARACTERS


@dataclass(frozen=True)
class OpenLink:
    service: str  # "Deezer", "Spotify", ...
    url: str


def has_real_title(track: Track) -> bool:
    """Placeholder names ("Untitled (Jamendo #1)", "Jamendo track 1") are not worth searching for."""
    return bool(track.title.strip()) and not track.title.startswith(UNTITLED_PREFIX)


def open_links(track: Track) -> tuple[OpenLink, ...]:
    """The track's Deezer page, and searches for "artist title" on Spotify, YouTube Music and Apple Music."""
    links: list[OpenLink] = []
    if track.provider == "deezer" and track.id.isdigit():
        links.append(OpenLink("Deezer", f"https://www.deezer.com/track/{track.id}"))
    if not has_real_title(track) or track.artist.startswith("Jamendo artist "):
        return tuple(links)
    query = " ".join(f"{track.artist} {track.title}".split())
    links += [
        OpenLink("Spotify", f"https://open.spotify.com/search/{quote(query, safe='')}"),
        OpenLink("YouTube Music", f"https://music.youtube.com/search?q={quote(query, safe='')}"),
        OpenLink("Apple Music", f"https://music.apple.com/search?term={quote(query, safe='')}"),
    ]
    return tuple(links)


# --- URLs that may enter a playlist file or the store -----------------------------------------

_UNSAFE = re.compile(rf"[\s{CONTROL_CHARACTERS}]")


def safe_url(url: str | None, *, local: bool = False) -> str | None:
    """``url`` if it is an http(s) URL (or, for a local-library track, a ``file:`` URI) without whitespace or
    control characters; else None. A newline in a provider's URL would add entries to an M3U8 file."""
    if not url or _UNSAFE.search(url):
        return None
    scheme = urlsplit(url).scheme.lower()
    return url if scheme in ("http", "https") or (local and scheme == "file") else None


def file_path(url: str | None) -> str | None:
    """A local track's ``file:`` URI as a plain path (what a desktop player opens), if it is one."""
    safe = safe_url(url, local=True)
    if safe is None or urlsplit(safe).scheme != "file":
        return None
    path = url2pathname(urlsplit(safe).path)
    return None if CONTROL.search(path) else path  # spaces are fine in a path; a newline is not


# --- fresh streams for a playlist shown earlier ---------------------------------------------------


@dataclass(frozen=True)
class Streams:
    tracks: tuple[Track, ...]  # the same tracks, with a stream URL wherever the source gives one now
    expires_at: float | None  # unix time the first signed preview expires; None: nothing expires
    missing: int  # tracks left without a stream (offline, no longer on the provider)


def fresh_streams(tracks: Sequence[Track], settings: Settings) -> Streams:
    """Stream URLs resolved now: stored playlists keep none, because Deezer's previews are signed and expire.

    Deezer previews are looked up again (cached until they expire, so two exports a minute apart are the
    same file); Audius and Jamendo streams follow from the track id; a local file stays the file it is.
    """
    from moodify.music.catalog import jamendo_stream_url
    from moodify.music.pipeline import default_chain
    from moodify.music.previews import Resolved
    from moodify.music.providers.audius import AudiusProvider

    deezer = [t for t in tracks if t.provider == "deezer" and t.id.isdigit()]
    chain = default_chain(["deezer"], settings)
    previews = getattr(chain.provider("deezer"), "previews", None)
    outcomes = previews.resolve(deezer) if deezer and previews is not None else {}
    audius = AudiusProvider(settings, chain.http)
    out: list[Track] = []
    expiries: list[float] = []
    for t in tracks:
        stream: str | None = None
        if t.provider == "deezer":
            outcome = outcomes.get(t.id)
            if isinstance(outcome, Resolved):
                t = outcome.apply(t)
                stream = t.stream_url
                if outcome.expires_at is not None:
                    expiries.append(outcome.expires_at)
        elif t.provider in ("offline", "jamendo") and t.id.isdigit():
            stream = jamendo_stream_url(t.id)
        elif t.provider == "audius" and t.id.isalnum():
            stream = audius.stream_url(t.id)
        elif t.provider == "local":
            stream = safe_url(t.stream_url or t.url, local=True)
        out.append(replace(t, stream_url=safe_url(stream, local=t.provider == "local")))
    return Streams(tuple(out), min(expiries) if expiries else None, sum(t.stream_url is None for t in out))
