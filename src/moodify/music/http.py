"""The one HTTP client the music providers share: timeouts, retries on 5xx/429 only, a short response cache,
and a circuit breaker per provider so a failing service is skipped for a while instead of slowing every call.

An answer is data from someone else's server (docs/security.md): its body is read streaming and refused past
``http_max_body_bytes``; a call, with its retries, ends by ``http_call_deadline_s`` (and by the deadline of an
enclosing :func:`deadline_scope`, e.g. one playlist); JSON nested deeper than any real answer is a failure, and
control characters are taken out of every string before any provider sees it.

Messages never contain the request URL, because query strings can carry API keys.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import httpx

from moodify.errors import ProviderError
from moodify.settings import Settings
from moodify.validation import CONTROL_CHARACTERS

log = logging.getLogger(__name__)

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
_MAX_RETRY_AFTER_S = 5.0
MAX_JSON_DEPTH = 32  # real answers nest 5 deep; deeper is an attack or a bug, never data we need

# Line-breaking controls become a space (a title stays one line in M3U8/XSPF); every other C0/C1 control and
# DEL is dropped: terminal escapes and bytes XML 1.0 can't carry never reach the store or a playlist file.
_CONTROL = re.compile(f"[{CONTROL_CHARACTERS}\u2028\u2029]")  # and the Unicode line breaks
_BREAKS = re.compile("[\t\n\r\x0b\x0c\x1c-\x1f\x85\u2028\u2029]+")

_deadline: ContextVar[float | None] = ContextVar("moodify_http_deadline", default=None)


@contextmanager
def deadline_scope(seconds: float) -> Iterator[None]:
    """Every call made inside (in this thread or context) ends within ``seconds`` from now; nested scopes
    keep the earlier deadline. A playlist wraps its provider calls in one."""
    until = time.monotonic() + seconds
    outer = _deadline.get()
    token = _deadline.set(until if outer is None else min(outer, until))
    try:
        yield
    finally:
        _deadline.reset(token)


def clean_text(value: str) -> str:
    """``value`` without control characters: line breaks and tabs become one space, the rest are dropped."""
    if not _CONTROL.search(value):
        return value
    return _CONTROL.sub("", _BREAKS.sub(" ", value))


class NoTimeLeft(ProviderError):
    """The enclosing :func:`deadline_scope` ran out before this call could start (the caller's budget, not
    the service's failure)."""


class _BodyError(Exception):
    """Why a body was refused (turned into a :class:`ProviderError` naming the provider)."""


class _Late(Exception):
    """The call's deadline passed while its body was arriving."""


def _within(timeout: float | None, left: float) -> float:
    return left if timeout is None else min(timeout, left)


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
        self._timeout = timeout
        self._max_body = settings.http_max_body_bytes
        self._call_s = settings.http_call_deadline_s
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
        started = time.monotonic()
        scope = _deadline.get()
        deadline = started + self._call_s if scope is None else min(started + self._call_s, scope)
        budget = f"{deadline - started:.3g} s"
        for attempt in range(self._retries + 1):
            left = deadline - time.monotonic()
            if left <= 0 and attempt == 0:
                raise NoTimeLeft(f"{label} was not asked: no time left")
            if left <= 0:
                raise ProviderError(f"{label} took longer than {budget}")
            try:
                status, headers, raw = self._fetch(url, params, left, deadline)
            except _BodyError as exc:
                raise ProviderError(f"{label} {exc}") from None
            except _Late:
                raise ProviderError(f"{label} took longer than {budget}") from None
            except httpx.TimeoutException as exc:
                # Not retried: a slow service should hand over to the next provider quickly.
                if time.monotonic() >= deadline:
                    raise ProviderError(f"{label} took longer than {budget}") from exc
                raise ProviderError(f"{label} timed out ({type(exc).__name__})") from exc
            except httpx.HTTPError as exc:
                raise ProviderError(f"{label} could not be reached ({type(exc).__name__})") from exc
            if status in RETRY_STATUSES and attempt < self._retries:
                delay = self._delay(headers, attempt)
                if delay >= deadline - time.monotonic():
                    raise ProviderError(f"{label} answered HTTP {status} and there is no time left to retry")
                log.info("%s answered HTTP %d; retry %d in %.2fs", label, status, attempt + 1, delay)
                self._sleep(delay)
                continue
            return _parse(status, raw, label)
        raise AssertionError("unreachable")  # pragma: no cover

    def _fetch(self, url: str, params: Mapping[str, str | int], left: float,
               deadline: float) -> tuple[int, httpx.Headers, bytes | None]:
        """Status, headers and (for a 2xx) the body, read chunk by chunk within the cap and the deadline.

        Each socket read waits at most ``left``; between reads the deadline is checked, so a drip ends there.
        Leaving the ``with`` early closes the connection: the rest of a huge body is never received."""
        t = self._timeout
        timeout = httpx.Timeout(connect=_within(t.connect, left), read=_within(t.read, left),
                                write=_within(t.write, left), pool=_within(t.pool, left))
        with self._client.stream("GET", url, params=dict(params), timeout=timeout) as resp:
            if not 200 <= resp.status_code < 300:
                return resp.status_code, resp.headers, None
            declared = resp.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > self._max_body:
                raise _BodyError(f"answered more than {_mib(self._max_body)} (refused unread)")
            body = bytearray()
            for chunk in resp.iter_bytes():  # decoded (gzip) bytes, so the cap holds after decompression
                body += chunk
                if len(body) > self._max_body:
                    raise _BodyError(f"answered more than {_mib(self._max_body)} (refused)")
                if time.monotonic() >= deadline:
                    raise _Late
            return resp.status_code, resp.headers, bytes(body)

    def _delay(self, headers: httpx.Headers, attempt: int) -> float:
        retry_after = headers.get("Retry-After", "")
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


def _mib(n: int) -> str:
    return f"{n / 2**20:g} MiB"


def _parse(status: int, raw: bytes | None, label: str) -> Any:
    if status == 429:
        raise ProviderError(f"{label} is rate limiting us (HTTP 429)")
    if status >= 400:
        raise ProviderError(f"{label} answered HTTP {status}")
    if 300 <= status < 400:
        # Not followed: hosts come from settings, and a redirect there is a configuration problem.
        raise ProviderError(f"{label} answered a redirect (HTTP {status}); check its host setting")
    text = (raw or b"").decode("utf-8", errors="replace")
    try:
        return _cleaned(json.loads(text), 0)
    except RecursionError:
        raise ProviderError(f"{label} answered JSON nested too deeply") from None
    except _TooDeep:
        raise ProviderError(f"{label} answered JSON nested more than {MAX_JSON_DEPTH} levels deep") from None
    except ValueError:
        kind = "an HTML page" if text.lstrip()[:1] == "<" else "a body that is not JSON"
        raise ProviderError(f"{label} answered {kind} instead of JSON") from None


class _TooDeep(Exception):
    pass


def _cleaned(value: Any, depth: int) -> Any:
    """A parsed JSON value with every string (keys too) through :func:`clean_text`; recursion stays within
    ``MAX_JSON_DEPTH`` frames because deeper input is refused on the way down."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list | dict) and depth >= MAX_JSON_DEPTH:
        raise _TooDeep
    if isinstance(value, list):
        return [_cleaned(v, depth + 1) for v in value]
    if isinstance(value, dict):
        return {clean_text(k): _cleaned(v, depth + 1) for k, v in value.items()}
    return value


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
