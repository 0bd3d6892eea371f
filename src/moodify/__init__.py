"""Moodify: face (and text) -> emotion -> a playlist that matches or steers your mood.

The facade. CLI, UI and API call these and only render the results. Heavy imports are lazy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from moodify.types import Analysis, Playlist


def analyze(image: bytes, **kwargs: Any) -> Analysis:
    """Bytes of an image -> every face, largest first, each with its emotion. See ``moodify.vision.analyzer``."""
    from moodify.vision.analyzer import analyze as _analyze

    return _analyze(image, **kwargs)


def recommend(*args: Any, **kwargs: Any) -> Playlist:
    """Emotion scores + mode -> a ranked, explained playlist. See ``moodify.music.pipeline``."""
    from moodify.music.pipeline import recommend as _recommend

    return _recommend(*args, **kwargs)
