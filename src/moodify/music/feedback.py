"""Where feedback lives. The real Store implements the same two methods; this file has the in-memory one."""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Protocol, runtime_checkable

from moodify.types import FeedbackEvent


@runtime_checkable
class FeedbackStore(Protocol):
    def add_feedback(self, event: FeedbackEvent) -> None: ...

    def list_feedback(self, user_id: str) -> list[FeedbackEvent]: ...


class _Listen(Protocol):
    track_key: str
    at: datetime


@runtime_checkable
class ListenSource(Protocol):
    """Optional extra a store may have (the real Store does): plays count as listening history too."""

    def list_listens(self, user_id: str) -> Sequence[_Listen]: ...


class InMemoryFeedbackStore:
    """Per-process store for guests, tests and the benchmark; events come back oldest first."""

    def __init__(self) -> None:
        self._events: dict[str, list[FeedbackEvent]] = defaultdict(list)
        self._lock = threading.Lock()

    def add_feedback(self, event: FeedbackEvent) -> None:
        with self._lock:
            self._events[event.user_id].append(event)

    def list_feedback(self, user_id: str) -> list[FeedbackEvent]:
        with self._lock:
            return sorted(self._events.get(user_id, []), key=lambda e: e.at)

