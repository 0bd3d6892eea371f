"""The one HTTP client the music providers share: timeouts, retries on 5xx/429 only, a short response cache,
and a circuit breaker per provider so a failing service is skipped for a while instead of slowing every call.

Messages never contain the request URL, because query strings can carry API keys.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping
from typing import Any

import httpx

from moodify.errors import ProviderError
from moodify.settings import Settings

log = logging.getLogger(__name__)

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
_MAX_RETRY_AFTER_S = 5.0


class HttpClient:
    """GET JSON with the project's timeouts, retry policy and a TTL cache (thread-safe)."""

    def __init__(
        self,
        settings: Settings,
        *,
        transport: httpx.BaseTransport | None = None,
        backoff_s: float = 0.25,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        cache_size: int = 256,
    ) -> None:
        timeout = httpx.Timeout(
            connect=settings.http_connect_timeout, read=settings.http_read_timeout,
            write=settings.http_read_timeout, pool=settings.http_connect_timeout,
        )
        self._client = httpx.Client(
            timeout=timeout, transport=transport, follow_redirects=False,
            headers={"Accept": "application/json", "User-Agent": "moodify/0.1 (+music recommendations)"},
        )
        self._retries = max(0, settings.http_retries)
        self._ttl = settings.cache_ttl_s
        self._backoff = backoff_s
        self._clock = clock
        self._sleep = sleep
        self._cache: OrderedDict[tuple[str, tuple[tuple[str, str], ...]], tuple[float, Any]] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()

    def close(self) -> None:
        self._client.close()

    def get_json(self, url: str, params: Mapping[str, str | int], *, label: str, cache: bool = True) -> Any:
        """Parsed JSON body of a GET; raises :class:`ProviderError` with a readable reason.

        ``cache=False`` for answers that carry their own expiry (signed preview URLs): the caller keeps them
        exactly as long as they are valid."""
        key = (url, tuple(sorted((k, str(v)) for k, v in params.items())))
        cached = self._cached(key) if cache else None
        if cached is not None:
            return cached
        body = self._get_with_retries(url, params, label)
        if cache:
            self._store(key, body)
        return body

    def _get_with_retries(self, url: str, params: Mapping[str, str | int], label: str) -> Any:
        for attempt in range(self._retries + 1):
            try:
                resp = self._client.get(url, params=dict(params))
            except httpx.TimeoutException as exc:
                # Not retried: a slow service should hand over to the next provider quickly.
                raise ProviderError(f"{label} timed out ({type(exc).__name__})") from exc
            except httpx.HTTPError as exc:
                raise ProviderError(f"{label} could not be reached ({type(exc).__name__})") from exc
            if resp.status_code in RETRY_STATUSES and attempt < self._retries:
                delay = self._delay(resp, attempt)
                log.info("%s answered HTTP %d; retry %d in %.2fs",
                         label, resp.status_code, attempt + 1, delay)
                self._sleep(delay)
                continue
            return _parse(resp, label)
        raise AssertionError("unreachable")  # pragma: no cover

    def _delay(self, resp: httpx.Response, attempt: int) -> float:
        retry_after = resp.headers.get("Retry-After", "")
        if retry_after.isdigit():
            return min(float(retry_after), _MAX_RETRY_AFTER_S)
        return float(self._backoff * (2**attempt))

    def _cached(self, key: tuple[str, tuple[tuple[str, str], ...]]) -> Any:
        with self._lock:
            hit = self._cache.get(key)
            if hit is None:
                return None
            expires, body = hit
            if self._clock() >= expires:
                del self._cache[key]
                return None
            self._cache.move_to_end(key)
            return body

    def _store(self, key: tuple[str, tuple[tuple[str, str], ...]], body: Any) -> None:
        if self._ttl <= 0:
            return
        with self._lock:
            self._cache[key] = (self._clock() + self._ttl, body)
            self._cache.move_to_end(key)
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)


def _parse(resp: httpx.Response, label: str) -> Any:
    if resp.status_code == 429:
        raise ProviderError(f"{label} is rate limiting us (HTTP 429)")
    if resp.status_code >= 400:
        raise ProviderError(f"{label} answered HTTP {resp.status_code}")
    if resp.is_redirect:
        # Not followed: hosts come from settings, and a redirect there is a configuration problem.
        raise ProviderError(f"{label} answered a redirect (HTTP {resp.status_code}); check its host setting")
    text = resp.text
    try:
        return json.loads(text)
    except ValueError:
        kind = "an HTML page" if text.lstrip()[:1] == "<" else "a body that is not JSON"
        raise ProviderError(f"{label} answered {kind} instead of JSON") from None


class CircuitBreaker:
    """Opens after ``threshold`` consecutive failures and stays open for ``cooldown_s``."""

    def __init__(self, cooldown_s: float, *, threshold: int = 1, clock: Callable[[], float] = time.monotonic):
        self._cooldown = cooldown_s
        self._threshold = threshold
        self._clock = clock
        self._failures = 0
        self._open_until = 0.0

    def allow(self) -> bool:
        return self._clock() >= self._open_until

    def retry_in(self) -> float:
        return max(0.0, self._open_until - self._clock())

    def record_success(self) -> None:
        self._failures = 0

    def record_failure(self) -> None:
        self._failures += 1
        if self._failures >= self._threshold:
            self._open_until = self._clock() + self._cooldown
            self._failures = 0
