"""Sign-in against a real uvicorn server on loopback: a burst of parallel guesses, and enumeration."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from moodify.settings import Settings
from tests.servers import api_in_thread

PASSWORD = "correct horse battery staple"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    settings = Settings(data_dir=tmp_path, store="sql", _env_file=None, signin_client_per_min=1000,
                        hash_concurrency=4, hash_queue_timeout_s=30)
    with api_in_thread(settings) as url:
        yield url


def test_parallel_burst_checks_at_most_five_passwords(server: str, caplog: pytest.LogCaptureFixture) -> None:
    import logging

    caplog.set_level(logging.WARNING, logger="moodify.auth.local")
    with httpx.Client(base_url=server, timeout=60) as c:
        assert c.post("/v1/auth/signup", json={"email": "v@example.org", "password": PASSWORD}).status_code == 201
    time.sleep(61 - time.time() % 60 if time.time() % 60 > 45 else 0)  # keep the burst inside one minute
    guesses = [f"wrong guess {i:02d}" for i in range(29)] + [PASSWORD]

    def attempt(password: str) -> int:
        with httpx.Client(base_url=server, timeout=60) as c:
            return c.post("/v1/auth/signin", json={"email": "v@example.org", "password": password}).status_code

    with ThreadPoolExecutor(30) as pool:
        codes = list(pool.map(attempt, guesses))
    # Sign-up's own sign-in used one of the 5 in this window (or the burst fell in a fresh one): at most 5
    # passwords of the 30 were checked, so the right one only gets through if it was among them.
    assert codes.count(401) >= 25 and codes.count(200) <= 1 and set(codes) <= {200, 401}
    checked_wrong = sum("failed sign-in: user" in r.getMessage() for r in caplog.records)
    throttled = sum("sign-in throttled" in r.getMessage() for r in caplog.records)
    assert checked_wrong + codes.count(200) <= 5 and throttled >= 25  # the rest were never checked
    assert all(PASSWORD not in r.getMessage() for r in caplog.records)  # never a password in the log


def test_unknown_wrong_and_throttled_answer_alike(server: str) -> None:
    with httpx.Client(base_url=server, timeout=60) as c:
        c.post("/v1/auth/signup", json={"email": "e@example.org", "password": PASSWORD})
        # sign-up counted one try at e@: one at the unknown address too, so both start level
        c.post("/v1/auth/signin", json={"email": "nobody@example.org", "password": "not the password"})
        timings: dict[str, list[float]] = {"unknown": [], "wrong": []}
        details: dict[str, list[str]] = {"unknown": [], "wrong": []}
        for _ in range(8):
            for kind, email in (("unknown", "nobody@example.org"), ("wrong", "e@example.org")):
                start = time.perf_counter()
                r = c.post("/v1/auth/signin", json={"email": email, "password": "not the password"})
                timings[kind].append(time.perf_counter() - start)
                assert r.status_code == 401
                details[kind].append(re.sub(r"\d+", "N", r.json()["detail"]))
        # unknown, wrong and (after 5 wrong in the minute) throttled: the same words, step by step; the wait
        # is named only once the throttle is reached
        assert details["unknown"] == details["wrong"]
        assert details["wrong"][0] == "Wrong email or password." and "wait" in details["wrong"][-1]
        # Both cost one argon2id check (~tens of ms), not 30x apart. Each kind's fastest answer is its own cost
        # with the least of the machine's other work added (a median moves with the load on a busy machine).
        unknown, wrong = min(timings["unknown"]), min(timings["wrong"])
        assert abs(unknown - wrong) <= 0.35 * max(unknown, wrong), (unknown, wrong)
