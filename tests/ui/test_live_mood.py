"""The Live page's smoothed mood."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from moodify.types import EMOTIONS, Box, EmotionScores
from moodify.ui.live_mood import MoodSmoother


def test_ema_follows_the_frames_and_ignores_faceless_ones() -> None:
    mood = MoodSmoother(alpha=0.5)
    assert mood.snapshot().scores is None
    mood.update(EmotionScores.one_hot("sad"), Box(1, 2, 3, 4))
    assert mood.snapshot().scores.emotion == "sad"  # type: ignore[union-attr]
    mood.update(EmotionScores.one_hot("happy"))
    snap = mood.snapshot()
    assert snap.scores is not None
    probs = dict(zip(EMOTIONS, snap.scores.probabilities, strict=True))
    assert probs["happy"] == pytest.approx(0.5) and probs["sad"] == pytest.approx(0.5)
    mood.update(None)  # no face in this frame: the mood stays as it was
    after = mood.snapshot()
    assert after.scores == snap.scores
    assert (after.frames, after.frames_with_face) == (3, 2)
    for _ in range(10):
        mood.update(EmotionScores.one_hot("happy"))
    assert mood.snapshot().scores.emotion == "happy"  # type: ignore[union-attr]
    assert mood.snapshot().scores.confidence > 0.99  # type: ignore[union-attr]
    mood.reset()
    assert mood.snapshot().scores is None and mood.snapshot().frames == 0


def test_one_noisy_frame_does_not_flip_a_steady_mood() -> None:
    mood = MoodSmoother(alpha=0.25)
    for _ in range(20):
        mood.update(EmotionScores.from_mapping({"neutral": 0.8, "sad": 0.2}))
    mood.update(EmotionScores.one_hot("angry"))
    assert mood.snapshot().scores.emotion == "neutral"  # type: ignore[union-attr]


def test_alpha_must_be_a_weight() -> None:
    with pytest.raises(ValueError):
        MoodSmoother(alpha=0)
    with pytest.raises(ValueError):
        MoodSmoother(alpha=1.5)


def test_updates_from_another_thread_are_safe() -> None:
    mood = MoodSmoother(alpha=0.1)
    rng = np.random.default_rng(0)
    frames = [EmotionScores.from_array(rng.random(7) + 0.01) for _ in range(200)]

    def feed() -> None:
        for f in frames:
            mood.update(f)

    workers = [threading.Thread(target=feed) for _ in range(4)]
    for w in workers:
        w.start()
    for _ in range(200):
        snap = mood.snapshot()
        if snap.scores is not None:
            assert sum(snap.scores.probabilities) == pytest.approx(1.0)
    for w in workers:
        w.join()
    assert mood.snapshot().frames == 800
