"""``GET /v1/history``: the signed-in user's own moods, playlists and feedback, nobody else's."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Query

from moodify import service
from moodify.api.deps import ContextDep, CurrentUser
from moodify.api.schemas import FeedbackOut, HistoryOut, MoodEventOut, PlaylistOut, Probabilities
from moodify.errors import InvalidInput
from moodify.types import EmotionScores

router = APIRouter(prefix="/v1", tags=["history"])


@router.get("/history", response_model=HistoryOut)
def history(
    user: CurrentUser,
    ctx: ContextDep,
    since: Annotated[
        str | None,
        Query(description="Only moods at or after this time (ISO 8601, e.g. 2026-01-31T12:00:00Z).",
              json_schema_extra={"format": "date-time"}, max_length=40),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=1000, description="The newest N of each kind.")] = 100,
) -> HistoryOut:
    """Your moods (oldest first), playlists (newest first) and feedback: the newest ``limit`` of each."""
    past = service.history(ctx, user, since=_parse_time(since), limit=limit)
    return HistoryOut(
        moods=[
            MoodEventOut(id=m.id, at=m.at, emotion=m.emotion, confidence=m.confidence,  # type: ignore[arg-type]
                    source=m.source, probabilities=Probabilities.of(EmotionScores.from_array(m.probabilities)))
            for m in past.moods
        ],
        playlists=[PlaylistOut.of(p) for p in past.playlists],
        feedback=[FeedbackOut(track_key=f.track_key, kind=f.kind, at=f.at) for f in past.feedback],
    )


def _parse_time(value: str | None) -> datetime | None:
    """Strict ISO 8601 (pydantic would also take a bare number as a Unix time); naive means UTC."""
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise InvalidInput("The since parameter must be an ISO 8601 time such as 2026-01-31T12:00:00Z, "
                           f"not {value[:40]!r}") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
