from __future__ import annotations

import io
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from PIL import Image

from moodify.api import create_app
from moodify.api.limits import RateLimiter
from moodify.settings import Settings
from tests.api.conftest import PASSWORD


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_token_bucket_allows_a_burst_then_refills() -> None:
    clock = FakeClock()
    limiter = RateLimiter(60, clock=clock)
    assert all(limiter.acquire("a") == 0 for _ in range(60))
    wait = limiter.acquire("a")
    assert 0 < wait <= 1.0
    assert limiter.acquire("b") == 0  # other keys are unaffected
    clock.now += 1.0
    assert limiter.acquire("a") == 0


def test_rate_limit_per_token_answers_429_with_retry_after(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, store="memory", api_rate_limit_per_min=3)
    client = TestClient(create_app(settings, limiter=RateLimiter(3, clock=FakeClock())))
    tokens = []
    for email in ("x@example.org", "y@example.org"):
        r = client.post("/v1/auth/signup", json={"email": email, "password": PASSWORD})
        tokens.append({"Authorization": f"Bearer {r.json()['token']}"})
    assert [client.get("/v1/history", headers=tokens[0]).status_code for _ in range(4)] == [200, 200, 200, 429]
    r = client.get("/v1/history", headers=tokens[0])
    assert r.headers["content-type"] == "application/problem+json"
    assert int(r.headers["retry-after"]) >= 1 and "rate limit" in r.json()["detail"]
    assert client.get("/v1/history", headers=tokens[1]).status_code == 200


def test_sign_in_is_limited_per_client(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, store="memory", signin_client_per_min=2)
    client = TestClient(create_app(settings))
    codes = [client.post("/v1/auth/signin", json={"email": "a@b.org", "password": "x" * 12}).status_code
             for _ in range(3)]
    assert codes == [401, 401, 429]


def _signins(client: TestClient, headers: list[dict[str, str]]) -> list[int]:
    return [client.post("/v1/auth/signin", json={"email": "a@b.org", "password": "x" * 12},
                        headers=h).status_code for h in headers]


def test_spoofed_forwarded_for_does_not_reset_the_limit(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, store="memory", signin_client_per_min=3)
    client = TestClient(create_app(settings))
    fresh = [{"X-Forwarded-For": f"203.0.113.{i}"} for i in range(6)]
    assert _signins(client, fresh) == [401, 401, 401, 429, 429, 429]


def test_forwarded_for_is_believed_from_a_trusted_proxy(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, store="memory", signin_client_per_min=2,
                        trusted_proxies="10.0.0.0/8")
    app = create_app(settings)
    client = TestClient(app, client=("10.1.2.3", 5000))
    first = _signins(client, [{"X-Forwarded-For": "198.51.100.7, 10.9.9.9"}] * 3)
    other = _signins(client, [{"X-Forwarded-For": "198.51.100.8"}])
    assert first == [401, 401, 429] and other == [401]  # the client behind the proxy is what is limited
    direct = TestClient(app, client=("192.0.2.1", 5000))  # not a proxy: its XFF is ignored
    assert _signins(direct, [{"X-Forwarded-For": "198.51.100.9"}] * 3) == [401, 401, 429]


def test_rate_limit_is_per_user_not_per_token(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, store="memory", api_rate_limit_per_min=4)
    client = TestClient(create_app(settings))
    client.post("/v1/auth/signup", json={"email": "x@example.org", "password": PASSWORD})
    tokens = [client.post("/v1/auth/signin", json={"email": "x@example.org", "password": PASSWORD}).json()["token"]
              for _ in range(4)]
    codes = [client.get("/v1/history", headers={"Authorization": f"Bearer {t}"}).status_code for t in tokens * 2]
    assert codes.count(200) == 4 and codes.count(429) == 4  # four tokens don't make four limits


def test_limit_is_shared_by_two_apps_on_one_database(tmp_path: Path) -> None:
    """Two API processes (here two apps, each with its own engine) on one SQLite file share the limit."""
    settings = Settings(data_dir=tmp_path, store="sql", api_rate_limit_per_min=4, _env_file=None)
    one, two = TestClient(create_app(settings)), TestClient(create_app(settings))
    token = one.post("/v1/auth/signup", json={"email": "x@example.org", "password": PASSWORD}).json()["token"]
    auth = {"Authorization": f"Bearer {token}"}
    codes = [c.get("/v1/history", headers=auth).status_code for c in (one, two) * 4]
    assert codes.count(200) == 4 and codes.count(429) == 4


def test_body_over_the_limit_is_413(client_factory: Callable[..., tuple[TestClient, dict[str, str]]],
                                    face_jpeg: bytes) -> None:
    client, auth = client_factory(api_max_body_bytes=50_000)
    big = client.post("/v1/emotion", files={"image": ("a.jpg", face_jpeg)}, headers=auth)
    assert big.status_code == 413 and big.headers["content-type"] == "application/problem+json"
    assert "limit" in big.json()["detail"]


def test_streamed_body_without_length_is_counted(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, store="memory", api_max_body_bytes=1000)
    client = TestClient(create_app(settings))

    def chunks() -> object:
        for _ in range(10):
            yield b"x" * 500

    r = client.post("/v1/emotion/text", content=chunks(),  # type: ignore[arg-type]
                    headers={"Content-Type": "application/json"})
    assert r.status_code == 413


def test_image_over_the_pixel_limit_is_refused(client_factory: Callable[..., tuple[TestClient, dict[str, str]]],
                                               face_jpeg: bytes) -> None:
    client, auth = client_factory(max_image_pixels=100 * 100)
    r = client.post("/v1/emotion", files={"image": ("a.jpg", face_jpeg)}, headers=auth)
    assert r.status_code == 422 and "limit" in r.json()["detail"]


def test_one_user_flooding_photos_never_holds_up_another_users_photo(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 22, finding 1: each user has one analysis in flight per route; more answer 429 + Retry-After at
    once, so one user's flood can't take every decode slot while others queue behind it."""
    from moodify import service

    inside = threading.Semaphore(0)
    release = threading.Event()
    real = service.analyze_photo

    def slow_analysis(ctx: object, data: bytes) -> object:
        inside.release()
        release.wait(10)
        return real(ctx, data)  # type: ignore[arg-type]

    monkeypatch.setattr(service, "analyze_photo", slow_analysis)
    settings = Settings(_env_file=None, data_dir=tmp_path, store="memory", api_rate_limit_per_min=10_000,
                        max_concurrent_decodes=4)
    client = TestClient(create_app(settings), raise_server_exceptions=False)
    flooder, other = (client.post("/v1/auth/signup", json={"email": e, "password": PASSWORD}).json()["token"]
                      for e in ("flood@example.org", "other@example.org"))
    photo = _png()

    def post(token: str) -> Any:
        return client.post("/v1/emotion", files={"image": ("a.png", photo, "image/png")},
                           headers={"Authorization": f"Bearer {token}"})

    with ThreadPoolExecutor(max_workers=8) as pool:
        first = pool.submit(post, flooder)
        assert inside.acquire(timeout=10)  # the flooder's first photo holds a slot
        flood = [pool.submit(post, flooder) for _ in range(6)]
        refused = [f.result(timeout=10) for f in flood]
        theirs = pool.submit(post, other)
        assert inside.acquire(timeout=10)  # the other user's photo got in while the flood was refused
        release.set()
        assert first.result(timeout=30).status_code != 429 and theirs.result(timeout=30).status_code != 429
    assert {r.status_code for r in refused} == {429}
    assert all(r.headers["Retry-After"].isdigit() for r in refused)
    assert "one at a time" in refused[0].json()["detail"].lower()
    release.set()
    assert post(flooder).status_code != 429  # its slot was given back


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), (128, 128, 128)).save(buffer, format="PNG")
    return buffer.getvalue()
