"""What the music benchmarks share: random classifier-like emotion mixes and timed ``recommend`` calls."""

from __future__ import annotations

import time
from typing import Any

import numpy as np

from moodify.music.chain import ProviderChain
from moodify.music.pipeline import recommend
from moodify.settings import Settings
from moodify.types import EMOTIONS, EmotionScores, Mode

# The modes that need no target of their own ("custom" does).
MODES: tuple[Mode, ...] = ("match", "lift", "calm")


def random_scores(rng: np.random.Generator) -> EmotionScores:
    """Mostly one dominant emotion with some spread, like a real classifier's output."""
    alpha = np.full(len(EMOTIONS), 0.3)
    alpha[rng.integers(len(EMOTIONS))] = 3.0
    return EmotionScores.from_array(rng.dirichlet(alpha))


def percentile(sorted_ms: list[float], q: float) -> float:
    return round(sorted_ms[int(q * (len(sorted_ms) - 1))], 2)


def timed_recommend(settings: Settings, chain: ProviderChain, rng: np.random.Generator, calls: int, n: int,
                    **kwargs: Any) -> list[float]:
    """Milliseconds of ``calls`` warm ``recommend`` calls (random mixes, modes in turn), sorted."""
    times = []
    for i in range(calls):
        scores, mode = random_scores(rng), MODES[i % len(MODES)]
        t0 = time.perf_counter()
        recommend(scores, mode, n, settings=settings, chain=chain, seed=i, **kwargs)
        times.append((time.perf_counter() - t0) * 1000)
    return sorted(times)
