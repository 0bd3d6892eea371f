"""Moodify: face (and text) -> emotion -> a playlist that matches or steers your mood.

The facade: the stateless steps, with explicit keyword arguments. Flows that touch a user's stored data
(record a reading, make and save a playlist, feedback, export, delete) are in :mod:`moodify.service`, which
builds on these. Heavy imports (onnxruntime, the text model) happen on first use.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    import numpy as np

    from moodify.music.feedback import FeedbackStore
    from moodify.settings import Settings
    from moodify.text import FusedScores, TextAnalysis
    from moodify.types import Analysis, EmotionScores, Face, Mode, MoodPoint, Playlist
    from moodify.vision.analyzer import Crop


def analyze(image: bytes, *, settings: Settings | None = None, crop: Crop = "detect",
            detector: str | None = None) -> Analysis:
    """Bytes of an image -> every face, largest first, each with its emotion.

    ``crop="none"`` classifies the whole image as one face crop; ``detector`` names a face detector
    (default: ``settings.detector``). Raises ``ImageError`` (unreadable, too large) or ``ModelError``.
    Never takes a path or a URL.
    """
    from moodify.settings import get_settings
    from moodify.vision.analyzer import analyze as _analyze

    settings = settings or get_settings()
    if detector is not None:
        settings = settings.model_copy(update={"detector": detector})
    return _analyze(image, settings=settings, crop=crop)


def analyze_frame(rgb: np.ndarray, *, settings: Settings | None = None) -> Analysis:
    """A decoded RGB uint8 (H, W, 3) video frame -> its faces with their emotion (the Live page), found by
    ``settings.live_detector``: every frame pays for detection, and Live follows the largest face."""
    from moodify.settings import get_settings
    from moodify.vision.analyzer import analyze_array, default_detector

    settings = settings or get_settings()
    return analyze_array(rgb, settings=settings, detector=default_detector(settings, settings.live_detector))


def analyze_text(text: str, *, settings: Settings | None = None) -> TextAnalysis:
    """A sentence -> calibrated emotion probabilities, with notices (truncated, not English). ``TextError``
    when there is nothing to read."""
    from moodify.text import analyze_text as _analyze_text

    return _analyze_text(text, settings=settings)


def fuse(face: EmotionScores | Face, text: EmotionScores | TextAnalysis) -> FusedScores:
    """A face's and a sentence's probabilities combined, each weighted by how informative it is."""
    from moodify.text import fuse as _fuse

    return _fuse(face, text)


def recommend(
    scores: EmotionScores,
    mode: Mode = "match",
    n: int = 10,
    *,
    user_id: str | None = None,
    feedback: FeedbackStore | None = None,
    listens: Sequence[tuple[str, datetime]] | None = None,
    favourite: Sequence[str] = (),
    blocked: Sequence[str] = (),
    target: MoodPoint | None = None,
    providers: list[str] | None = None,
    seed: int | None = None,
    settings: Settings | None = None,
    now: datetime | None = None,
) -> Playlist:
    """Emotion scores + mode -> a ranked playlist of up to ``n`` tracks, one reason per track.

    ``feedback`` (and ``listens``: track key, when) are ``user_id``'s history the ranking learns from;
    ``favourite`` tags are a prior, ``blocked`` tags a hard filter. ``target`` is the point for
    ``mode="custom"``; ``providers`` overrides ``settings.providers``; the same ``seed``, the same playlist.
    Raises ``ValueError`` (bad n/mode), ``RegistryError`` (unknown provider), ``NoTracksFound``.
    """
    from moodify.music.pipeline import recommend as _recommend

    return _recommend(scores, mode, n, user_id=user_id, feedback=feedback, listens=listens, favourite=favourite,
                      blocked=blocked, target=target, providers=providers, seed=seed, settings=settings, now=now)
