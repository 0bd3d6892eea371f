"""What can play on this server, said once and plainly.

A music source that needs set-up this server lacks (Jamendo without a client id, "My music" without a music
folder) is marked "not set up here" wherever it is offered; one the server can't reach right now (no internet)
shows as tracks without a stream. The playlist page then says, once, what can play and how to get more: the
listener is told who can change it, and whoever runs the server is pointed at the docs section, never at a
variable name. The chain's own warnings about failed providers are for that person: logged, not shown.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from moodify.settings import Settings
from moodify.types import Playlist
from moodify.ui.components.player import local_path, web_url

log = logging.getLogger(__name__)

# Where Moodify's docs say how to set sources up (the app serves no docs, so it is named, not linked)
DOCS_SECTION = "docs/music.md, “Configuration”"
LABELS = {"deezer": "Deezer", "audius": "Audius", "jamendo": "Jamendo", "offline": "The offline catalogue",
          "local": "My music"}
NOT_SET_UP = "not set up here"


def set_up(name: str, settings: Settings) -> bool:
    """Whether ``name`` has what it needs on this server (a key, a folder); reaching it is another matter."""
    if name == "jamendo":
        return settings.jamendo_client_id is not None
    if name == "local":
        return settings.music_dir is not None and settings.music_dir.is_dir()
    return True


def label(name: str, settings: Settings) -> str:
    """How a source is offered in Settings: its name, and "not set up here" where it can't work."""
    shown = LABELS.get(name, name)
    return shown if set_up(name, settings) else f"{shown} ({NOT_SET_UP})"


def names(sources: Sequence[str]) -> str:
    """ "Jamendo is" / "Jamendo and My music are", for a sentence about them."""
    shown = [LABELS.get(n, n) for n in sources]
    return " and ".join(shown) + (" is" if len(shown) == 1 else " are")


def unusable(names: Sequence[str], settings: Settings) -> list[str]:
    return [n for n in names if not set_up(n, settings)]


def shown_warnings(playlist: Playlist) -> list[str]:
    """The playlist's warnings a listener should read (filters, repeats); those about sources go to the log."""
    for warning in playlist.source_warnings:
        log.info("music source trouble: %s", warning)
    return list(playlist.warnings)


@dataclass(frozen=True)
class CanPlay:
    playable: int
    total: int


def can_play(playlist: Playlist, music_dir: Path | None) -> CanPlay:
    playable = sum(1 for item in playlist.items
                   if web_url(item.track.stream_url) or local_path(item.track, music_dir) is not None)
    return CanPlay(playable, len(playlist.items))


def notice(state: CanPlay, settings: Settings) -> str | None:
    """One plain paragraph when not everything can play here (None when it can): what plays, and how to get
    more (for the listener: who can change it; for whoever runs the server: the docs section)."""
    if state.playable == state.total:
        return None
    if state.playable == 0:
        said = ("Nothing here can play on this server right now: it can't reach the music services. "
                "Titles and “Open in” links still work.")
    else:
        said = (f"{state.playable} of {state.total} tracks can play here right now; the others need a music "
                "service this server can't reach.")
    more = ["connect it to the internet"]
    if not set_up("local", settings):
        more.append("add a music folder")
    if not set_up("jamendo", settings):
        more.append("a Jamendo key")
    how = ", ".join(more[:-1]) + (" or " if len(more) > 1 else "") + more[-1]
    return f"{said} More music: whoever runs this server can {how} ({DOCS_SECTION})."
