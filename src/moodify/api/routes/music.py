"""``GET /v1/recommendations`` and ``POST /v1/feedback``."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Query

import moodify
from moodify.api.deps import CurrentUser, ServicesDep
from moodify.api.problems import ApiProblem
from moodify.api.schemas import (
    EmotionName,
    FeedbackIn,
    FeedbackOut,
    ModeName,
    Recommendations,
    scores_from_dict,
)
from moodify.store.models import PlaylistRecord
from moodify.types import EmotionScores, FeedbackEvent, MoodPoint

router = APIRouter(prefix="/v1", tags=["music"])

MAX_TRACKS = 50


def parse_probs(raw: str) -> EmotionScores:
    """``happy:0.7,sad:0.3`` -> scores. ValueError with a clear message otherwise."""
    values: dict[str, float] = {}
    for part in raw.split(","):
        name, sep, number = part.partition(":")
        if not sep:
            raise ValueError(f"expected emotion:probability pairs like happy:0.7,sad:0.3, got {part!r}")
        try:
            values[name.strip().lower()] = float(number)
        except ValueError:
            raise ValueError(f"{number!r} is not a number") from None
    return scores_from_dict(values)


def _scores(emotion: str | None, probs: str | None) -> EmotionScores:
    if (emotion is None) == (probs is None):
        raise ApiProblem(422, "give exactly one of 'emotion' or 'probs'", slug="invalid-request")
    try:
        return EmotionScores.one_hot(emotion) if emotion is not None else parse_probs(probs or "")
    except ValueError as exc:
        raise ApiProblem(422, f"invalid probs: {exc}", slug="invalid-request") from exc


@router.get("/recommendations", response_model=Recommendations)
def recommendations(
    user: CurrentUser,
    services: ServicesDep,
    emotion: Annotated[EmotionName | None, Query(description="The current emotion.")] = None,
    probs: Annotated[
        str | None, Query(max_length=500, description="Or probabilities: happy:0.7,sad:0.3")
    ] = None,
    mode: Annotated[
        ModeName, Query(description="match, lift, calm, or custom (needs valence+arousal)")
    ] = "match",
    n: Annotated[int, Query(ge=1, le=MAX_TRACKS)] = 10,
    valence: Annotated[float | None, Query(ge=-1, le=1, description="Target for mode=custom.")] = None,
    arousal: Annotated[float | None, Query(ge=-1, le=1, description="Target for mode=custom.")] = None,
) -> Recommendations:
    """A ranked playlist with one reason per track, learned from this user's feedback."""
    scores = _scores(emotion, probs)
    target = None
    if mode == "custom":
        if valence is None or arousal is None:
            raise ApiProblem(
                422, "mode=custom needs both valence and arousal in [-1, 1]", slug="invalid-request"
            )
        target = MoodPoint(valence=valence, arousal=arousal)
    playlist = moodify.recommend(
        scores, mode, n, user_id=user.id, feedback=services.store, settings=services.settings, target=target
    )
    services.store.add_playlist(
        PlaylistRecord(
            user_id=user.id,
            emotion=playlist.emotion,
            mode=playlist.mode,
            track_keys=tuple(i.track.key for i in playlist.items),
        )
    )
    return Recommendations.of(playlist)


@router.post("/feedback", response_model=FeedbackOut, status_code=201)
def feedback(body: FeedbackIn, user: CurrentUser, services: ServicesDep) -> FeedbackOut:
    """Like, skip, finish, dislike or play a track; the next recommendations take it into account."""
    event = FeedbackEvent(
        user_id=user.id,
        track_key=body.track_key,
        kind=body.kind,
        at=datetime.now(UTC),
        artist=body.artist,
        tags=tuple(body.tags),
    )
    services.store.add_feedback(event)
    return FeedbackOut(track_key=event.track_key, kind=event.kind, at=event.at)
