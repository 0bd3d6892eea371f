"""The mood on the Live page: each frame's reading folded into an exponential moving average.

Frames arrive on streamlit-webrtc's worker thread while the page reads the mood on the script thread,
so the smoother is locked. A frame with no face leaves the mood as it was (it is not "neutral").
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

import numpy as np

from moodify.types import Box, EmotionScores


@dataclass
class LiveSnapshot:
    scores: EmotionScores | None
    frames: int
    frames_with_face: int
    box: Box | None
    updated: float


@dataclass
class MoodSmoother:
    """EMA over probability vectors: ``mood = alpha * frame + (1 - alpha) * mood``."""

    alpha: float = 0.25
    _mood: np.ndarray | None = None
    _frames: int = 0
    _with_face: int = 0
    _box: Box | None = None
    _updated: float = 0.0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        if not 0.0 < self.alpha <= 1.0:
            raise ValueError(f"alpha must be in (0, 1], got {self.alpha}")

    def update(self, scores: EmotionScores | None, box: Box | None = None) -> None:
        with self._lock:
            self._frames += 1
            if scores is None:
                return
            frame = scores.as_array()
            self._mood = frame if self._mood is None else self.alpha * frame + (1 - self.alpha) * self._mood
            self._with_face += 1
            self._box = box
            self._updated = time.monotonic()

    def snapshot(self) -> LiveSnapshot:
        with self._lock:
            scores = EmotionScores.from_array(self._mood) if self._mood is not None else None
            return LiveSnapshot(scores, self._frames, self._with_face, self._box, self._updated)

    def reset(self) -> None:
        with self._lock:
            self._mood, self._frames, self._with_face, self._box = None, 0, 0, None
