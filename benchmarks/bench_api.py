"""API load check: N concurrent clients POST a photo to /v1/emotion on a loopback server for a bounded time.

Reports throughput, latency p50/p95, and that no request was lost: every request a client sent got an
answer, the server counted the same number, and all answers were 200. Run alone with
``python -m benchmarks.bench_api [--clients N] [--seconds S]`` or through ``python -m benchmarks``.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import socket
import statistics
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx
import numpy as np
import uvicorn
from PIL import Image
from starlette.types import ASGIApp, Receive, Scope, Send

from moodify.api import create_app
from moodify.settings import Settings

PASSWORD = "benchmark password 123"


class CountRequests:
    """ASGI wrapper: how many /v1/emotion requests the server received and answered."""

    def __init__(self, app: ASGIApp) -> None:
        self.app, self.received, self.answered = app, 0, 0
        self._lock = threading.Lock()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        counted = scope["type"] == "http" and scope["path"] == "/v1/emotion"
        if counted:
            with self._lock:
                self.received += 1
        await self.app(scope, receive, send)
        if counted:
            with self._lock:
                self.answered += 1


def photo() -> bytes:
    from skimage import data

    out = io.BytesIO()
    Image.fromarray(np.ascontiguousarray(data.astronaut())).save(out, format="JPEG", quality=90)
    return out.getvalue()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _client(base: str, token: str, image: bytes, until: float, out: list[tuple[float, int | str]]) -> None:
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=base, timeout=60.0) as http:
        while time.perf_counter() < until:
            start = time.perf_counter()
            try:
                r = http.post("/v1/emotion", files={"image": ("a.jpg", image, "image/jpeg")}, headers=headers)
                out.append((time.perf_counter() - start, r.status_code))
            except httpx.HTTPError as exc:
                out.append((time.perf_counter() - start, type(exc).__name__))


def main(clients: int = 8, seconds: float = 20.0) -> dict[str, Any]:
    data_dir = Path(tempfile.mkdtemp(prefix="moodify-bench-api-"))
    settings = Settings(data_dir=data_dir, store="memory", api_rate_limit_per_min=1_000_000)
    counted = CountRequests(create_app(settings))
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(counted, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    image = photo()
    try:
        tokens = [httpx.post(f"{base}/v1/auth/signup", json={"email": f"c{i}@bench.org", "password": PASSWORD})
                  .json()["token"] for i in range(clients)]
        # One warm-up request loads the models, so the timed part measures steady state.
        _client(base, tokens[0], image, time.perf_counter() + 0.001, [])
        counted.received = counted.answered = 0
        results: list[list[tuple[float, int | str]]] = [[] for _ in range(clients)]
        until = time.perf_counter() + seconds
        started = time.perf_counter()
        workers = [threading.Thread(target=_client, args=(base, tokens[i], image, until, results[i]))
                   for i in range(clients)]
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        elapsed = time.perf_counter() - started
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    flat = [r for rs in results for r in rs]
    latencies = sorted(t for t, _ in flat)
    statuses = Counter(str(s) for _, s in flat)
    return {
        "clients": clients, "seconds": round(elapsed, 1), "image_bytes": len(image),
        "load_average_1m": round(os.getloadavg()[0], 2),  # other jobs on this machine skew the figures
        "requests_sent": len(flat), "server_received": counted.received, "server_answered": counted.answered,
        "status_counts": dict(statuses),
        "no_request_lost": len(flat) == counted.received == counted.answered and statuses == {"200": len(flat)},
        "throughput_rps": round(len(flat) / elapsed, 2),
        "latency_p50_ms": round(statistics.median(latencies) * 1000, 1) if latencies else None,
        "latency_p95_ms": round(latencies[int(0.95 * (len(latencies) - 1))] * 1000, 1) if latencies else None,
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20.0)
    args = parser.parse_args()
    print(json.dumps(main(args.clients, args.seconds), indent=2))
