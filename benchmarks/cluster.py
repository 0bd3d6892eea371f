"""Cluster figures through the real proxy (scripts/cluster.sh: PostgreSQL, API replicas, nginx on loopback).

``python -m benchmarks.cluster [--seconds S] [--clients N]`` starts the cluster itself (1 API replica, then
2), and writes benchmarks/results/cluster.json:

* throughput and p50/p95 through nginx with 1 and 2 API replicas, for a cheap authenticated read
  (GET /v1/history: proxy + token check + rate limit + PostgreSQL) and for a photo (POST /v1/emotion: CPU);
* a replica SIGKILLed under load: requests failed (the client does not retry), and the time from its
  restart (healthy on its own port) to the first request nginx sends it again;
* the cost per request of the rate limiter: the in-process bucket it replaced, and the shared,
  store-backed one (``SharedRateLimiter``: one upsert per request) on the cluster's PostgreSQL.

On a 2-core machine the clients, nginx, PostgreSQL and the replicas share the same 2 cores, so a second
replica can add little: it shows the proxy spreads load and survives a kill, not how a real fleet scales.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import statistics
import subprocess
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
CLUSTER = ROOT / "scripts" / "cluster.sh"
STATE = ROOT / ".services" / "cluster"
RESULTS = Path(__file__).resolve().parent / "results" / "cluster.json"
PASSWORD = "benchmark password 123"


def _cluster(*args: str, **env: str) -> None:
    subprocess.run([str(CLUSTER), *args], check=True, cwd=ROOT, timeout=300, env={**os.environ, **env})


def _env() -> dict[str, str]:
    out = {}
    for line in (STATE / "env").read_text().splitlines():
        key, _, value = line.partition("=")
        out[key] = value.strip('"')
    return out


def _photo() -> bytes:
    import numpy as np
    from PIL import Image
    from skimage import data

    buf = io.BytesIO()
    Image.fromarray(np.ascontiguousarray(data.astronaut())).save(buf, format="JPEG", quality=85)
    return buf.getvalue()


def _token(http: httpx.Client, i: int) -> str:
    email = f"bench{i}-{time.time_ns()}@example.org"
    http.post("/v1/auth/signup", json={"email": email, "password": PASSWORD}).raise_for_status()
    return str(http.post("/v1/auth/signin", json={"email": email, "password": PASSWORD}).json()["token"])


def _load(base: str, clients: int, seconds: float, what: str,
          marks: list[tuple[float, int]] | None = None, started_event: threading.Event | None = None,
          ) -> dict[str, Any]:
    """``clients`` threads, each its own user, as fast as answers come; no retries."""
    photo = _photo() if what == "emotion" else b""
    latencies: list[float] = []
    codes: dict[str, int] = {}
    lock = threading.Lock()
    https = [httpx.Client(base_url=base + "/api", timeout=30) for _ in range(clients)]
    tokens = [_token(h, i) for i, h in enumerate(https)]
    deadline = [0.0]

    def work(http: httpx.Client, token: str) -> None:
        headers = {"Authorization": f"Bearer {token}"}
        n = 0
        while time.monotonic() < deadline[0]:
            t0 = time.monotonic()
            try:
                if what == "emotion":  # a new JPEG comment per request: a new reading each time
                    body = photo[:2] + b"\xff\xfe\x00\x10" + f"{n:014d}".encode() + photo[2:]
                    reply = http.post("/v1/emotion", headers=headers, files={"image": ("f.jpg", body, "image/jpeg")})
                else:
                    reply = http.get("/v1/history", headers=headers, params={"limit": 5})
                code = str(reply.status_code)
            except httpx.TransportError:
                code = "no answer"
            took = time.monotonic() - t0
            n += 1
            with lock:
                codes[code] = codes.get(code, 0) + 1
                if code == "200":
                    latencies.append(took)
                if marks is not None:
                    marks.append((t0, 0 if code == "200" else 1))

    threads = [threading.Thread(target=work, args=(h, t)) for h, t in zip(https, tokens, strict=True)]
    deadline[0] = time.monotonic() + seconds  # after the sign-ups (argon2id is slow on purpose)
    started = time.monotonic()
    for t in threads:
        t.start()
    if started_event is not None:
        started_event.set()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    latencies.sort()
    return {
        "endpoint": "POST /v1/emotion" if what == "emotion" else "GET /v1/history",
        "clients": clients, "seconds": round(elapsed, 1), "answers": codes,
        "throughput_rps": round(len(latencies) / elapsed, 1),
        "p50_ms": round(1000 * statistics.median(latencies), 1) if latencies else None,
        "p95_ms": round(1000 * latencies[int(0.95 * (len(latencies) - 1))], 1) if latencies else None,
    }


def _back_in_rotation(port: str, since_epoch: float, base: str, timeout_s: float = 30) -> float | None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        for line in (STATE / "nginx" / "access.log").read_text().splitlines():
            parts = line.split()
            if len(parts) >= 5 and float(parts[0]) >= since_epoch and parts[4].endswith(f"127.0.0.1:{port}"):
                return round(float(parts[0]) - since_epoch, 2)
        httpx.get(base + "/api/health", timeout=5)
        time.sleep(0.05)
    return None


def _kill(base: str, clients: int, seconds: float) -> dict[str, Any]:
    marks: list[tuple[float, int]] = []
    times: dict[str, float] = {}
    loading = threading.Event()

    def killer() -> None:
        loading.wait(300)
        time.sleep(seconds / 3)
        times["killed"] = time.monotonic()
        _cluster("kill", "api1")
        time.sleep(seconds / 4)
        _cluster("up", "api1")
        times["up"], times["up_epoch"] = time.monotonic(), time.time()

    thread = threading.Thread(target=killer)
    thread.start()
    load = _load(base, clients, seconds, "history", marks, loading)
    thread.join()
    port = (STATE / "api1.port").read_text().strip()
    after_kill = [m for m in marks if m[0] >= times["killed"] - 0.05]
    failed = sum(f for _, f in after_kill)
    window = [m for m in after_kill if m[1]]
    return {
        "load": load,
        "requests_failed_after_kill": failed,
        "requests_after_kill": len(after_kill),
        "failures_within_s_of_kill": round(max(t for t, _ in window) - times["killed"], 2) if window else 0.0,
        "client_retries": "none (a retrying client would have seen 0 failures for idempotent requests)",
        "down_s": round(times["up"] - times["killed"], 1),
        "back_in_rotation_after_up_s": _back_in_rotation(port, times["up_epoch"], base),
    }


def _limiter_cost(pg_url: str) -> dict[str, Any]:
    """acquire() per request: the old in-process bucket, and the shared one on the cluster's PostgreSQL."""
    from moodify.api.limits import RateLimiter, SharedRateLimiter
    from moodify.settings import Settings
    from moodify.store import open_store

    local = RateLimiter(10**9)
    n = 20_000
    t0 = time.perf_counter()
    for i in range(n):
        local.acquire(f"token:{i % 500}")
    in_process_us = (time.perf_counter() - t0) / n * 1e6
    store = open_store(Settings(store="sql", database_url=pg_url))
    try:
        shared = SharedRateLimiter(store, 10**9)
        m = 2_000
        t0 = time.perf_counter()
        for i in range(m):
            shared.acquire(f"bench:{i % 500}")
        shared_us = (time.perf_counter() - t0) / m * 1e6
    finally:
        store.close()
    return {"in_process_limiter_us": round(in_process_us, 2),
            "shared_limiter_postgres_us": round(shared_us, 1),
            "note": "SharedRateLimiter.acquire on loopback PostgreSQL (one upsert per request), sequential"}


def main(seconds: float = 10.0, clients: int = 8) -> dict[str, Any]:
    results: dict[str, Any] = {}
    env = {"CLUSTER_RATE_LIMIT": "100000000", "CLUSTER_APP_REPLICAS": "1"}
    for replicas in (1, 2):
        _cluster("start", CLUSTER_API_REPLICAS=str(replicas), **env)
        try:
            base = _env()["MOODIFY_CLUSTER_URL"]
            results[f"api_replicas_{replicas}"] = {
                "history": _load(base, clients, seconds, "history"),
                "emotion": _load(base, clients, seconds, "emotion"),
            }
            if replicas == 2:
                results["kill"] = _kill(base, clients, max(15.0, seconds * 1.5))
                results["limiter"] = _limiter_cost(_env()["MOODIFY_CLUSTER_DB"])
        finally:
            _cluster("stop")
    return results


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--clients", type=int, default=8)
    args = parser.parse_args()
    started = time.perf_counter()
    out: dict[str, Any] = {"benchmark": "cluster", "when": datetime.now(UTC).isoformat(timespec="seconds"),
           "machine": {"python": platform.python_version(), "cores": len(os.sched_getaffinity(0))},
           "results": main(args.seconds, args.clients)}
    out["seconds"] = round(time.perf_counter() - started, 1)
    RESULTS.write_text(json.dumps(out, indent=2) + "\n")
    print(json.dumps(out, indent=2))
