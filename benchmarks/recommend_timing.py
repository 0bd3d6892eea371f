"""What the music benchmarks share: random classifier-like emotion mixes and timed ``recommend`` calls."""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

import numpy as np

from moodify.music.chain import ProviderChain
from moodify.music.deezer_catalog import load_deezer_catalog
from moodify.music.http import HttpClient
from moodify.music.pipeline import recommend
from moodify.music.providers import CandidateQuery
from moodify.settings import Settings
from moodify.types import EMOTIONS, EmotionScores, Mode, Track

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
                    cpu_ms: list[float] | None = None, **kwargs: Any) -> list[float]:
    """Milliseconds of ``calls`` warm ``recommend`` calls (random mixes, modes in turn), sorted. ``cpu_ms``
    collects each call's CPU time too (sorted): on a shared machine the wall clock also counts others' turns."""
    times = []
    for i in range(calls):
        scores, mode = random_scores(rng), MODES[i % len(MODES)]
        t0, c0 = time.perf_counter(), time.process_time()
        recommend(scores, mode, n, settings=settings, chain=chain, seed=i, **kwargs)
        times.append((time.perf_counter() - t0) * 1000)
        if cpu_ms is not None:
            cpu_ms.append((time.process_time() - c0) * 1000)
    if cpu_ms is not None:
        cpu_ms.sort()
    return sorted(times)


class DeezerCatalogueOnly:
    """The Deezer provider's candidates without its network capabilities (previews, genre look-ups), so a
    benchmark times the ranking itself."""

    name = "deezer"

    def candidates(self, query: CandidateQuery) -> Sequence[Track]:
        return load_deezer_catalog()


def offline_deezer_chain(settings: Settings) -> ProviderChain:
    return ProviderChain([DeezerCatalogueOnly()], settings, HttpClient(settings))
