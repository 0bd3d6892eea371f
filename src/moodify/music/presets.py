"""Named provider orders the Settings page can offer (``settings.providers`` holds the chosen list)."""

from __future__ import annotations

from dataclasses import dataclass

# A fresh install: songs people know (30-s previews), then full free tracks, then the offline catalogue.
DEFAULT_PROVIDERS: tuple[str, ...] = ("deezer", "audius", "offline")


@dataclass(frozen=True)
class ProviderPreset:
    slug: str
    label: str  # what the Settings page shows
    description: str
    providers: tuple[str, ...]


PRESETS: dict[str, ProviderPreset] = {p.slug: p for p in (
    ProviderPreset("songs-i-know", "Songs I know", "Well-known songs from Deezer, as 30-second previews",
                   ("deezer", "offline")),
    ProviderPreset("full-free-tracks", "Full free tracks", "Whole tracks from Audius and Jamendo (free music)",
                   ("audius", "jamendo", "offline")),
    ProviderPreset("my-music", "My music", "Your own music folder on the server (docs/music.md: how to add one)",
                   ("local",)),
)}


def preset_for(providers: list[str] | tuple[str, ...]) -> ProviderPreset | None:
    """The preset with exactly this order, or None (the user's own order)."""
    return next((p for p in PRESETS.values() if list(p.providers) == list(providers)), None)
