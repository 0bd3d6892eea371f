"""Store benchmarks: insert and history-query throughput for 10,000 mood events, SQLite and PostgreSQL.

Run alone with ``python -m benchmarks.bench_store`` (``--quick``: 2,000 events) or through
``python -m benchmarks``. PostgreSQL is measured when ``MOODIFY_TEST_PG_URL`` is set, or read from
``.services/env`` (written by ``scripts/services.sh start``); otherwise it is reported as skipped.

Per backend, on a fresh database:
- ``insert_single``: one event per call = one transaction each (what the app does per reading), 1 writer.
- ``insert_8_writers``: the same, 8 threads with a store each (8 app instances), total events/s.
- ``insert_batch``: ``add_mood_events`` with 500 events per call.
- ``retry_single``: re-sending already-stored events (idempotent no-ops).
- ``history_full``: ``list_mood_events`` of the whole history (10,000 rows), queries/s and rows/s.
- ``history_recent``: the newest 50 (``limit=50``), queries/s.
- ``history_day``: a one-day window (~1,000 rows), queries/s.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from moodify.settings import Settings
from moodify.store import MoodEvent, Store, open_store
from moodify.types import EmotionScores

ROOT = Path(__file__).resolve().parent.parent
T0 = datetime(2026, 1, 1, tzinfo=UTC)
SCORES = EmotionScores.from_mapping({"happy": 0.5, "neutral": 0.3, "sad": 0.2})


def _events(user_id: str, n: int, prefix: str, spacing_s: float) -> list[MoodEvent]:
    return [MoodEvent(user_id=user_id, emotion="happy", probabilities=SCORES.probabilities, confidence=0.5,
                      source="live", at=T0 + timedelta(seconds=i * spacing_s), idempotency_key=f"{prefix}{i}")
            for i in range(n)]


def _rate(count: int, seconds: float) -> float:
    return round(count / seconds, 1) if seconds > 0 else float("inf")


def _timed(fn: Callable[[], Any]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _queries(fn: Callable[[], Any], seconds: float = 2.0, at_least: int = 3) -> dict[str, float]:
    times: list[float] = []
    deadline = time.perf_counter() + seconds
    while len(times) < at_least or time.perf_counter() < deadline:
        times.append(_timed(fn))
    p50_ms = round(statistics.median(times) * 1000, 2)
    return {"queries_per_s": _rate(len(times), sum(times)), "p50_ms": p50_ms}


def bench_backend(make: Callable[[], Settings], n: int) -> dict[str, Any]:
    settings = make()
    store = open_store(settings)
    try:
        user = store.create_user(f"bench-{uuid.uuid4().hex[:8]}@example.org")
        spacing = 86400 * 10 / n  # n events over 10 days, so a day holds n/10
        single = _events(user.id, n, "s", spacing)
        t_single = _timed(lambda: [store.add_mood_event(e) for e in single])
        t_retry = _timed(lambda: [store.add_mood_event(e) for e in single[:1000]])
        other = store.create_user(f"bench-{uuid.uuid4().hex[:8]}@example.org")
        batch = _events(other.id, n, "b", spacing)
        t_batch = _timed(lambda: [store.add_mood_events(batch[i:i + 500]) for i in range(0, n, 500)])
        writers = store.create_user(f"bench-{uuid.uuid4().hex[:8]}@example.org")
        t_parallel = _timed(lambda: _parallel(settings, _events(writers.id, n, "p", spacing)))
        stored = len(store.list_mood_events(writers.id))
        assert stored == n, f"8 writers stored {stored} of {n}"
        day = (T0 + timedelta(days=3), T0 + timedelta(days=4))
        return {
            "events": n,
            "insert_single_per_s": _rate(n, t_single),
            "insert_8_writers_per_s": _rate(n, t_parallel),
            "insert_batch_per_s": _rate(n, t_batch),
            "retry_single_per_s": _rate(1000, t_retry),
            "history_full": _queries(lambda: store.list_mood_events(user.id)) | {"rows": n},
            "history_recent_50": _queries(lambda: store.list_mood_events(user.id, limit=50)),
            "history_day": _queries(lambda: store.list_mood_events(user.id, since=day[0], until=day[1]))
            | {"rows": len(store.list_mood_events(user.id, since=day[0], until=day[1]))},
        }
    finally:
        store.close()


def _parallel(settings: Settings, events: list[MoodEvent], writers: int = 8) -> None:
    def write(chunk: list[MoodEvent]) -> None:
        store: Store = open_store(settings)
        try:
            for event in chunk:
                store.add_mood_event(event)
        finally:
            store.close()

    with ThreadPoolExecutor(writers) as pool:
        list(pool.map(write, [events[w::writers] for w in range(writers)]))


def _pg_url() -> str | None:
    if os.environ.get("MOODIFY_TEST_PG_URL"):
        return os.environ["MOODIFY_TEST_PG_URL"]
    env = ROOT / ".services" / "env"
    if env.exists():
        for line in env.read_text().splitlines():
            if line.startswith("MOODIFY_TEST_PG_URL="):
                return line.split("=", 1)[1]
    return None


@contextmanager
def _pg_database(base: str) -> Iterator[str]:
    import psycopg

    name = f"bench_{uuid.uuid4().hex[:8]}"
    admin = base.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{base.rpartition('/')[0]}/{name}"
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main(quick: bool = False) -> dict[str, Any]:
    n = 2000 if quick else 10_000
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        results["sqlite"] = bench_backend(
            lambda: Settings(store="sql", data_dir=Path(tmp), store_busy_timeout_s=60,
                             _env_file=None),  # type: ignore[call-arg]
            n)
    base = _pg_url()
    if base is None:
        results["postgresql"] = {"skipped": "MOODIFY_TEST_PG_URL not set; run scripts/services.sh start"}
    else:
        with _pg_database(base) as url:
            results["postgresql"] = bench_backend(
                lambda: Settings(store="sql", database_url=url, _env_file=None), n)  # type: ignore[call-arg]
    print(json.dumps(results, indent=2))
    return results


if __name__ == "__main__":
    main(quick="--quick" in sys.argv)
