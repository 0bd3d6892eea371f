""""Open in ..." links for a track, built only from its own fields (never from anything a user typed)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from moodify.music.pool import UNTITLED_PREFIX
from moodify.types import Track


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
