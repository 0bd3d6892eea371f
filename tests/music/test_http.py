"""The shared client against a real loopback server: retries, timeouts, bodies that aren't JSON, cache."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from moodify.errors import ProviderError
from moodify.music.http import CircuitBreaker, HttpClient

from .fakes import make_settings


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def client(tmp_path: Path, **kw: object) -> tuple[HttpClient, list[float]]:
    slept: list[float] = []
    settings = make_settings(tmp_path, **{k: v for k, v in kw.items() if k != "clock"})
    clock = kw.get("clock") or time.monotonic
    return HttpClient(settings, backoff_s=0.1, sleep=slept.append, clock=clock), slept  # type: ignore[arg-type]


def test_json_is_returned_and_cached(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/x", query_string="a=1").respond_with_json({"ok": True})
    http, _ = client(tmp_path)
    assert http.get_json(httpserver.url_for("/x"), {"a": 1}, label="t") == {"ok": True}
    assert http.get_json(httpserver.url_for("/x"), {"a": 1}, label="t") == {"ok": True}
    assert len(httpserver.log) == 1  # second answer came from the cache


def test_cache_expires_after_ttl(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/x").respond_with_json({"ok": True})
    clock = Clock()
    http, _ = client(tmp_path, cache_ttl_s=600.0, clock=clock)
    http.get_json(httpserver.url_for("/x"), {}, label="t")
    clock.now += 599
    http.get_json(httpserver.url_for("/x"), {}, label="t")
    clock.now += 2
    http.get_json(httpserver.url_for("/x"), {}, label="t")
    assert len(httpserver.log) == 2


@pytest.mark.parametrize("status", [500, 503, 429])
def test_retries_5xx_and_429_with_backoff_then_succeeds(httpserver: HTTPServer, tmp_path: Path,
                                                         status: int) -> None:
    httpserver.expect_ordered_request("/x").respond_with_data("busy", status=status)
    httpserver.expect_ordered_request("/x").respond_with_data("busy", status=status)
    httpserver.expect_ordered_request("/x").respond_with_json({"ok": 1})
    http, slept = client(tmp_path, http_retries=2)
    assert http.get_json(httpserver.url_for("/x"), {}, label="t") == {"ok": 1}
    assert slept == [0.1, 0.2]  # exponential backoff


def test_retry_after_is_honoured_but_capped(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_ordered_request("/x").respond_with_data("", status=429, headers={"Retry-After": "60"})
    httpserver.expect_ordered_request("/x").respond_with_json([])
    http, slept = client(tmp_path)
    assert http.get_json(httpserver.url_for("/x"), {}, label="t") == []
    assert slept == [5.0]


def test_gives_up_after_retries(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/x").respond_with_data("down", status=502)
    http, slept = client(tmp_path, http_retries=2)
    with pytest.raises(ProviderError, match="HTTP 502"):
        http.get_json(httpserver.url_for("/x"), {}, label="t")
    assert len(httpserver.log) == 3 and len(slept) == 2


def test_4xx_is_not_retried(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/x").respond_with_data("no", status=404)
    http, slept = client(tmp_path)
    with pytest.raises(ProviderError, match="HTTP 404"):
        http.get_json(httpserver.url_for("/x"), {}, label="t")
    assert len(httpserver.log) == 1 and slept == []


def test_html_and_garbage_bodies_are_named(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/html").respond_with_data("<!doctype html><p>maintenance</p>",
                                                         content_type="text/html")
    httpserver.expect_request("/junk").respond_with_data('{"data": [', content_type="application/json")
    http, _ = client(tmp_path)
    with pytest.raises(ProviderError, match="HTML page"):
        http.get_json(httpserver.url_for("/html"), {}, label="t")
    with pytest.raises(ProviderError, match="not JSON"):
        http.get_json(httpserver.url_for("/junk"), {}, label="t")


def test_read_timeout_is_fast_and_not_retried(httpserver: HTTPServer, tmp_path: Path) -> None:
    def slow(request: Request) -> Response:
        time.sleep(1.0)
        return Response("{}", content_type="application/json")

    httpserver.expect_request("/slow").respond_with_handler(slow)
    http, slept = client(tmp_path, http_read_timeout=0.2)
    started = time.monotonic()
    with pytest.raises(ProviderError, match="timed out"):
        http.get_json(httpserver.url_for("/slow"), {}, label="t")
    assert time.monotonic() - started < 0.9
    assert slept == []
    time.sleep(0.9)  # the fake server answers one request at a time: let the slow one finish


def test_redirects_are_reported_not_followed(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/moved").respond_with_data("", status=302, headers={"Location": "http://x.invalid/"})
    http, _ = client(tmp_path)
    with pytest.raises(ProviderError, match="redirect"):
        http.get_json(httpserver.url_for("/moved"), {}, label="t")


def test_connection_refused_is_a_provider_error(tmp_path: Path) -> None:
    http, _ = client(tmp_path)
    with pytest.raises(ProviderError, match="could not be reached"):
        http.get_json("http://127.0.0.1:9/x", {}, label="t")


def test_error_messages_never_contain_the_query_string(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/x").respond_with_data("<html>", status=200)
    http, _ = client(tmp_path)
    with pytest.raises(ProviderError) as info:
        http.get_json(httpserver.url_for("/x"), {"client_id": "s3cret"}, label="jamendo")
    assert "s3cret" not in str(info.value)


def test_circuit_breaker_opens_and_closes() -> None:
    clock = Clock()
    breaker = CircuitBreaker(120.0, clock=clock)
    assert breaker.allow()
    breaker.record_failure()
    assert not breaker.allow() and breaker.retry_in() == 120.0
    clock.now += 121
    assert breaker.allow()
    breaker.record_success()
    assert breaker.allow()
