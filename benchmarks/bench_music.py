"""Music benchmarks: offline recommendation latency, and whether feedback raises the like-rate.

Run alone with ``python -m benchmarks.bench_music`` (``--quick`` for a smaller run) or through
``python -m benchmarks``, which calls :func:`main`.

1. Latency: ``recommend`` over the full offline catalog (18,486 tracks), n=10, random emotion mixes and
   modes, warm process (the first call, which loads the catalog, is reported separately). Target p50 <= 20 ms.
2. Simulated users: each user has hidden preferred tags drawn from the catalog's tag frequencies and likes a
   track with probability 0.8 when it carries one of them, 0.2 otherwise (skips it otherwise). Each user
   gets 6 sessions of 5 tracks (30 interactions) in a random mood. Arm "feedback" stores every reaction and
   passes the store to ``recommend``; arm "baseline" gets the same sessions (same seeds) without feedback.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np

from benchmarks.recommend_timing import MODES, random_scores, timed_recommend
from moodify.music.catalog import load_catalog
from moodify.music.chain import ProviderChain
from moodify.music.feedback import InMemoryFeedbackStore
from moodify.music.pipeline import recommend
from moodify.music.ranking import Weights
from moodify.settings import Settings
from moodify.types import FeedbackEvent

P50_TARGET_MS = 20.0


def _settings() -> Settings:
    return Settings(_env_file=None, providers=["offline"], jamendo_client_id=None)  # type: ignore[call-arg]




def bench_latency(calls: int = 200, n: int = 10) -> dict[str, Any]:
    settings = _settings()
    chain = ProviderChain.from_names(["offline"], settings)
    rng = np.random.default_rng(0)
    started = time.perf_counter()
    recommend(random_scores(rng), "match", n, settings=settings, chain=chain, seed=0)
    cold_ms = (time.perf_counter() - started) * 1000
    cpu: list[float] = []
    times = timed_recommend(settings, chain, rng, calls, n, cpu)
    p50 = statistics.median(times)
    history = _timed_with_history(settings, chain, rng, calls, n)
    return {
        "catalog_tracks": len(load_catalog()), "n": n, "calls": calls,
        "cold_first_call_ms": round(cold_ms, 1), "p50_ms": round(p50, 2),
        "p95_ms": round(times[int(0.95 * (len(times) - 1))], 2), "max_ms": round(times[-1], 2),
        "with_300_feedback_events_p50_ms": round(statistics.median(history), 2),
        "with_300_feedback_events_p95_ms": round(history[int(0.95 * (len(history) - 1))], 2),
        "target_p50_ms": P50_TARGET_MS, "target_met": p50 <= P50_TARGET_MS,
        "cpu_p50_ms": round(statistics.median(cpu), 2), "target_met_cpu": statistics.median(cpu) <= P50_TARGET_MS,
        "load_average_1min": round(os.getloadavg()[0], 1),
    }


def _timed_with_history(settings: Settings, chain: ProviderChain, rng: np.random.Generator, calls: int,
                        n: int) -> list[float]:
    """Same call for a user with 300 reactions (likes, skips, dislikes, plays) over the last two weeks."""
    store = InMemoryFeedbackStore()
    tracks = load_catalog()
    now = datetime(2026, 1, 15, tzinfo=UTC)
    kinds = ("like", "skip", "finished", "dislike", "play")
    for i, idx in enumerate(rng.choice(len(tracks), size=300, replace=False)):
        t = tracks[int(idx)]
        store.add_feedback(FeedbackEvent("bench", t.key, kinds[i % len(kinds)], now - timedelta(hours=i),  # type: ignore[arg-type]
                                         artist=t.artist, tags=t.tags))
    return timed_recommend(settings, chain, rng, calls, n, user_id="bench", feedback=store, now=now)


def _hidden_tags(rng: np.random.Generator, freq: Counter[str], k: int = 3) -> set[str]:
    names = sorted(freq)
    p = np.array([freq[t] for t in names], dtype=float)
    return set(rng.choice(names, size=k, replace=False, p=p / p.sum()).tolist())


def _simulate_user(user: int, feedback_on: bool, freq: Counter[str], settings: Settings,
                   chain: ProviderChain, sessions: int, per_session: int,
                   weights: Weights | None = None) -> tuple[list[int], list[float]]:
    rng = np.random.default_rng(10_000 + user)  # same hidden tastes, moods and coin flips in both arms
    liked_tags = _hidden_tags(rng, freq)
    store = InMemoryFeedbackStore()
    uid = f"sim-{user}"
    now = datetime(2026, 1, 1, tzinfo=UTC)
    outcomes: list[int] = []
    gaps: list[float] = []  # distance of each track to its step target: what following taste costs in mood
    for s in range(sessions):
        scores, mode = random_scores(rng), MODES[int(rng.integers(len(MODES)))]
        pl = recommend(scores, mode, per_session, settings=settings, chain=chain, seed=user * 100 + s,
                       user_id=uid if feedback_on else None, feedback=store if feedback_on else None, now=now,
                       weights=weights)
        coins = rng.random(per_session)
        for item, coin in zip(pl.items, coins, strict=False):
            p_like = 0.8 if liked_tags & set(item.track.tags) else 0.2
            liked = bool(coin < p_like)
            outcomes.append(int(liked))
            gaps.append(float(np.hypot(item.track.valence - item.step_target.valence,
                                       item.track.arousal - item.step_target.arousal)))
            store.add_feedback(FeedbackEvent(uid, item.track.key, "like" if liked else "skip", now,
                                             artist=item.track.artist, tags=item.track.tags))
        now += timedelta(hours=6)
    return outcomes, gaps


def bench_feedback(users: int = 200, sessions: int = 6, per_session: int = 5) -> dict[str, Any]:
    settings = _settings()
    chain = ProviderChain.from_names(["offline"], settings)
    freq = Counter(tag for t in load_catalog() for tag in t.tags)
    arms: dict[str, np.ndarray] = {}
    mood_gap: dict[str, float] = {}
    # "feedback_genre_blind": the same learning with the ranking as before genres (no genre priors, learning
    # or variety), to see what genres cost a listener whose taste is in mood/theme tags rather than genres.
    for arm, on, weights in (("baseline", False, None), ("feedback", True, None),
                             ("feedback_genre_blind", True, Weights(genre_aware=False))):
        runs = [_simulate_user(u, on, freq, settings, chain, sessions, per_session, weights)
                for u in range(users)]
        arms[arm] = np.array([r[0] for r in runs], dtype=float)
        mood_gap[arm] = float(np.mean([g for r in runs for g in r[1]]))
    total = sessions * per_session
    out: dict[str, Any] = {"users": users, "interactions": total, "per_session": per_session}
    for arm, grid in arms.items():
        out[arm] = {
            "like_rate_all": round(float(grid.mean()), 4),
            "like_rate_first_5": round(float(grid[:, :5].mean()), 4),
            "like_rate_last_10": round(float(grid[:, -10:].mean()), 4),
            "by_session": [round(float(grid[:, i:i + per_session].mean()), 4)
                           for i in range(0, total, per_session)],
            "mean_distance_to_step_target": round(mood_gap[arm], 4),
        }
    diff_last = arms["feedback"][:, -10:].mean(axis=1) - arms["baseline"][:, -10:].mean(axis=1)
    diff_all = arms["feedback"].mean(axis=1) - arms["baseline"].mean(axis=1)
    out["lift_last_10"] = round(float(diff_last.mean()), 4)
    out["lift_last_10_se"] = round(float(diff_last.std(ddof=1) / np.sqrt(users)), 4)
    out["lift_all_30"] = round(float(diff_all.mean()), 4)
    out["lift_all_30_se"] = round(float(diff_all.std(ddof=1) / np.sqrt(users)), 4)
    out["feedback_beats_baseline"] = bool(diff_last.mean() > 2 * out["lift_last_10_se"])
    blind = arms["feedback_genre_blind"][:, -10:].mean(axis=1) - arms["baseline"][:, -10:].mean(axis=1)
    out["genre_blind_lift_last_10"] = round(float(blind.mean()), 4)
    out["genre_blind_lift_last_10_se"] = round(float(blind.std(ddof=1) / np.sqrt(users)), 4)
    return out


def main(quick: bool = False) -> dict[str, Any]:
    results = {
        "latency": bench_latency(calls=50 if quick else 200),
        "feedback": bench_feedback(users=40 if quick else 200),
    }
    print(json.dumps(results, indent=2))
    return results


if __name__ == "__main__":
    main(quick="--quick" in sys.argv)
