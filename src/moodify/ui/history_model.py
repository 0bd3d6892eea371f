"""What the History page plots, kept apart from the store's own event type (and from altair)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Reading:
    """One point of the mood timeline."""

    at: datetime
    emotion: str
    confidence: float
    source: str
