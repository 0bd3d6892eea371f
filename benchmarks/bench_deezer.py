"""Deezer benchmarks: recommendation latency over the shipped catalogue, preview resolution against a fake
Deezer on loopback, and whether likes/skips raise the like-rate when tracks carry no tags.

Run alone with ``python -m benchmarks.bench_deezer`` (``--quick`` for a smaller run) or ``python -m benchmarks deezer``.

1. Latency: ``recommend`` over the 18,644-song catalogue, n=10, random emotion mixes and modes, warm process,
   network excluded (preview look-up switched off). Target p50 <= 20 ms.
2. Previews: resolving a 10-track playlist (``DeezerPreviews.resolve``, fresh caches each time) against a local
   fake Deezer that answers the real JSON after 50 ms, at concurrency 1 and at the default bound.
3. Simulated users, the method of ``bench_music``: each user has hidden liked artists (15, drawn by track count)
   and a hidden liked region (a point; tracks within 0.3 of it) and likes a track with probability 0.8 when it has
   either, 0.2 otherwise. 6 sessions of 5 tracks in random moods; arm "feedback" stores reactions, "baseline" not.
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

from benchmarks.recommend_timing import MODES, offline_deezer_chain, percentile, random_scores, timed_recommend
from moodify.music.chain import ProviderChain
from moodify.music.deezer_catalog import load_deezer_catalog
from moodify.music.feedback import InMemoryFeedbackStore
from moodify.music.http import HttpClient
from moodify.music.pipeline import recommend
from moodify.music.previews import DeezerPreviews
from moodify.settings import Settings
from moodify.types import FeedbackEvent

P50_TARGET_MS = 20.0


def _settings(**kw: Any) -> Settings:
    return Settings(_env_file=None, providers=["deezer"], jamendo_client_id=None, **kw)  # type: ignore[call-arg]


def _offline_chain(settings: Settings) -> ProviderChain:
    return offline_deezer_chain(settings)  # network excluded: no preview or genre look-ups






def bench_latency(calls: int = 200, n: int = 10) -> dict[str, Any]:
    settings = _settings()
    chain = _offline_chain(settings)
    rng = np.random.default_rng(0)
    t0 = time.perf_counter()
    recommend(random_scores(rng), "match", n, settings=settings, chain=chain, seed=0)
    cold = (time.perf_counter() - t0) * 1000
    cpu: list[float] = []
    times = timed_recommend(settings, chain, rng, calls, n, cpu)
    p50 = statistics.median(times)
    return {"catalog_tracks": len(load_deezer_catalog()), "n": n, "calls": calls, "cold_first_call_ms": round(cold, 1),
            "p50_ms": round(p50, 2), "p95_ms": percentile(times, 0.95), "max_ms": round(times[-1], 2),
            "cpu_p50_ms": round(statistics.median(cpu), 2), "cpu_p95_ms": percentile(cpu, 0.95),
            "load_average_1min": round(os.getloadavg()[0], 1),
            "target_p50_ms": P50_TARGET_MS, "target_met": p50 <= P50_TARGET_MS,
            "target_met_cpu": statistics.median(cpu) <= P50_TARGET_MS}


def bench_previews(rounds: int = 20, latency_s: float = 0.05) -> dict[str, Any]:
    from pytest_httpserver import HTTPServer
    from werkzeug import Request, Response

    tracks = list(load_deezer_catalog()[:10])
    in_flight = [0, 0]  # now, max

    def handler(request: Request) -> Response:
        in_flight[0] += 1
        in_flight[1] = max(in_flight[1], in_flight[0])
        time.sleep(latency_s)
        in_flight[0] -= 1
        tid = request.path.rsplit("/", 1)[-1]
        body = {"id": int(tid), "readable": True, "link": f"https://www.deezer.com/track/{tid}", "duration": 200,
                "preview": f"https://cdnt-preview.dzcdn.net/x/{tid}.mp3?hdnea=exp=4102444800~hmac=0",
                "album": {"cover_medium": f"https://e-cdns-images.dzcdn.net/images/cover/{tid}/250x250.jpg"}}
        return Response(json.dumps(body), content_type="application/json")

    server = HTTPServer(threaded=True)
    server.start()
    try:
        import re

        server.expect_request(re.compile(r"^/track/\d+$")).respond_with_handler(handler)
        out: dict[str, Any] = {"tracks": 10, "server_latency_ms": latency_s * 1000, "rounds": rounds}
        for concurrency in (1, _settings().deezer_concurrency):
            settings = _settings(deezer_base_url=server.url_for("/").rstrip("/"), deezer_concurrency=concurrency)
            http = HttpClient(settings)
            times = []
            in_flight[1] = 0
            for _ in range(rounds):
                previews = DeezerPreviews(settings, http)  # fresh caches: every round asks all 10
                t0 = time.perf_counter()
                previews.resolve(tracks)
                times.append((time.perf_counter() - t0) * 1000)
            times.sort()
            out[f"concurrency_{concurrency}"] = {"p50_ms": round(statistics.median(times), 1),
                                                 "p95_ms": percentile(times, 0.95), "max_in_flight": in_flight[1]}
            http.close()
        return out
    finally:
        server.stop()


def _simulate(user: int, feedback_on: bool, artists: list[str], weights: np.ndarray, settings: Settings,
              chain: ProviderChain, sessions: int, per_session: int) -> tuple[list[int], list[float]]:
    rng = np.random.default_rng(20_000 + user)
    liked_artists = set(rng.choice(artists, size=15, replace=False, p=weights).tolist())
    spot = rng.uniform(-0.8, 0.8, size=2)
    store = InMemoryFeedbackStore()
    uid = f"sim-{user}"
    now = datetime(2026, 1, 1, tzinfo=UTC)
    outcomes: list[int] = []
    gaps: list[float] = []  # what following taste costs in mood: distance of each track to its step target
    for s in range(sessions):
        scores, mode = random_scores(rng), MODES[int(rng.integers(len(MODES)))]
        pl = recommend(scores, mode, per_session, settings=settings, chain=chain, seed=user * 100 + s,
                       user_id=uid if feedback_on else None, feedback=store if feedback_on else None, now=now)
        coins = rng.random(per_session)
        for item, coin in zip(pl.items, coins, strict=False):
            t = item.track
            hit = t.artist in liked_artists or np.hypot(t.valence - spot[0], t.arousal - spot[1]) < 0.3
            liked = bool(coin < (0.8 if hit else 0.2))
            outcomes.append(int(liked))
            gaps.append(float(np.hypot(t.valence - item.step_target.valence, t.arousal - item.step_target.arousal)))
            store.add_feedback(FeedbackEvent(uid, t.key, "like" if liked else "skip", now, artist=t.artist))
        now += timedelta(hours=6)
    return outcomes, gaps


def bench_feedback(users: int = 200, sessions: int = 6, per_session: int = 5) -> dict[str, Any]:
    settings = _settings()
    chain = _offline_chain(settings)
    counts = Counter(t.artist for t in load_deezer_catalog())
    artists = sorted(counts)
    weights = np.array([counts[a] for a in artists], dtype=float)
    weights /= weights.sum()
    arms: dict[str, np.ndarray] = {}
    gap: dict[str, float] = {}
    for arm, on in (("baseline", False), ("feedback", True)):
        runs = [_simulate(u, on, artists, weights, settings, chain, sessions, per_session) for u in range(users)]
        arms[arm] = np.array([r[0] for r in runs], dtype=float)
        gap[arm] = float(np.mean([g for r in runs for g in r[1]]))
    total = sessions * per_session
    out: dict[str, Any] = {"users": users, "interactions": total, "per_session": per_session}
    for arm, grid in arms.items():
        out[arm] = {"like_rate_all": round(float(grid.mean()), 4),
                    "like_rate_first_5": round(float(grid[:, :5].mean()), 4),
                    "like_rate_last_10": round(float(grid[:, -10:].mean()), 4),
                    "by_session": [round(float(grid[:, i:i + per_session].mean()), 4)
                                   for i in range(0, total, per_session)],
                    "mean_distance_to_step_target": round(gap[arm], 4)}
    diff = arms["feedback"][:, -10:].mean(axis=1) - arms["baseline"][:, -10:].mean(axis=1)
    out["lift_last_10"] = round(float(diff.mean()), 4)
    out["lift_last_10_se"] = round(float(diff.std(ddof=1) / np.sqrt(users)), 4)
    out["feedback_beats_baseline"] = bool(diff.mean() > 2 * out["lift_last_10_se"])
    return out


def main(quick: bool = False) -> dict[str, Any]:
    results = {"latency": bench_latency(calls=50 if quick else 200),
               "previews": bench_previews(rounds=5 if quick else 20),
               "feedback": bench_feedback(users=40 if quick else 200)}
    print(json.dumps(results, indent=2))
    return results


if __name__ == "__main__":
    main(quick="--quick" in sys.argv)
