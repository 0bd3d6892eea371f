"""Request limits: body size (an ASGI middleware), rate limits, and work in flight per user.

:class:`SharedRateLimiter` counts in the store, so a limit holds across threads, processes and hosts sharing
one database (one upsert per request); :class:`RateLimiter` is the in-process token bucket for tests and
single-process tools.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from moodify.api.problems import problem_response
from moodify.store.base import Store


class BodyTooLarge(Exception):
    pass


class BodySizeLimit:
    """413 for bodies over ``max_bytes``: checked on Content-Length first, then counted while streaming."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await self._reject(scope, receive, send)
            return
        seen = 0
        too_large = False
        replaced = False

        async def counting_receive() -> Message:
            nonlocal seen, too_large
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    too_large = True
                    raise BodyTooLarge
            return message

        async def guarded_send(message: Message) -> None:
            # The app may turn our exception into its own 400; answer 413 instead of whatever it says.
            nonlocal replaced
            if too_large:
                if not replaced:
                    replaced = True
                    await self._reject(scope, receive, send)
                return
            await send(message)

        try:
            await self.app(scope, counting_receive, guarded_send)
        except BodyTooLarge:
            if not replaced:
                replaced = True
                await self._reject(scope, receive, send)

    async def _reject(self, scope: Scope, receive: Receive, send: Send) -> None:
        mb = self.max_bytes / (1024 * 1024)
        response = problem_response(
            413,
            f"request body is larger than the {mb:.0f} MiB limit",
            instance=scope.get("path"),
            slug="too-large",
        )
        await response(scope, receive, send)


@dataclass
class _Bucket:
    tokens: float
    updated: float


class RateLimiter:
    """``per_minute`` requests per key, with bursts up to the same number. Thread-safe, in memory.

    Keys are hashed so tokens never sit in memory as dict keys longer than needed.
    """

    def __init__(
        self, per_minute: int, *, clock: Callable[[], float] = time.monotonic, max_keys: int = 100_000
    ) -> None:
        self.per_minute = per_minute
        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0
        self._clock = clock
        self._buckets: dict[str, _Bucket] = {}
        self._lock = threading.Lock()
        self._max_keys = max_keys

    def acquire(self, key: str) -> float:
        """0 when the request may go ahead; else the seconds until it may be retried."""
        digest = hashlib.sha256(key.encode()).hexdigest()
        now = self._clock()
        with self._lock:
            bucket = self._buckets.get(digest)
            if bucket is None:
                if len(self._buckets) >= self._max_keys:
                    self._evict(now)
                bucket = self._buckets[digest] = _Bucket(self.capacity, now)
            bucket.tokens = min(self.capacity, bucket.tokens + (now - bucket.updated) * self.rate)
            bucket.updated = now
            if bucket.tokens >= 1.0:
                bucket.tokens -= 1.0
                return 0.0
            return (1.0 - bucket.tokens) / self.rate if self.rate > 0 else float("inf")

    def _evict(self, now: float) -> None:
        """Drop buckets that have refilled completely (they behave like new ones anyway)."""
        full = [
            k for k, b in self._buckets.items() if b.tokens + (now - b.updated) * self.rate >= self.capacity
        ]
        for key in full:
            del self._buckets[key]


class Limiter(Protocol):
    per_minute: int

    def acquire(self, key: str) -> float:
        """0 when the request may go ahead; else the seconds until it may be retried."""
        ...


class SharedRateLimiter:
    """``per_minute`` requests per key in any sliding minute, counted in the store (shared by every process).

    The sliding window is estimated from two fixed windows (this minute and the previous, weighted by
    overlap). Refused requests count too, so a client that keeps hammering stays refused. Expired counters
    are purged at most once per ``purge_every_s`` by each process.
    """

    def __init__(self, store: Store, per_minute: int, *, window_s: int = 60,
                 clock: Callable[[], float] = time.time, purge_every_s: float = 60.0) -> None:
        self.per_minute = per_minute
        self._store, self._window, self._clock = store, window_s, clock
        self._purge_every, self._last_purge = purge_every_s, clock()
        self._purge_lock = threading.Lock()

    def acquire(self, key: str) -> float:
        now = self._clock()
        hit = self._store.hit_counter(key, self._window, now=now)
        self._maybe_purge(now)
        limit = self.per_minute * self._window / 60.0
        if hit.estimate(now) <= limit:
            return 0.0
        end = hit.window_start + self._window
        if hit.count > limit or hit.previous == 0:
            return max(1.0, end - now)
        # When the previous window's weight has fallen far enough: previous * (1 - t/w) + count <= limit.
        ready = hit.window_start + self._window * (1.0 - (limit - hit.count) / hit.previous)
        return max(1.0, min(ready, end) - now)

    def _maybe_purge(self, now: float) -> None:
        if now - self._last_purge < self._purge_every or not self._purge_lock.acquire(blocking=False):
            return
        try:
            self._last_purge = now
            self._store.purge_counters(now)
        finally:
            self._purge_lock.release()


class InFlight:
    """At most ``limit`` requests in flight per key in this process (the decode slots are per process too).

    Why: images share ``max_concurrent_decodes`` slots; without a per-user bound one account sending many
    photos at once takes every slot and everyone else's photo waits behind its whole queue. With it, a
    user's extra requests are refused at once (429 + Retry-After) and the free slots stay for others."""

    def __init__(self, limit: int) -> None:
        self.limit = max(1, limit)
        self._counts: dict[str, int] = {}
        self._lock = threading.Lock()

    def enter(self, key: str) -> bool:
        """True (and counted) when ``key`` has a free place; the caller must :meth:`leave` afterwards."""
        with self._lock:
            count = self._counts.get(key, 0)
            if count >= self.limit:
                return False
            self._counts[key] = count + 1
            return True

    def leave(self, key: str) -> None:
        with self._lock:
            count = self._counts.get(key, 0) - 1
            if count > 0:
                self._counts[key] = count
            else:
                self._counts.pop(key, None)  # bounded by the users with work in flight
