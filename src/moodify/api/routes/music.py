"""``GET /v1/recommendations`` (a draft: nothing is stored) and ``POST /v1/feedback``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from moodify import service
from moodify.api.deps import ContextDep, CurrentUser
from moodify.api.problems import ApiProblem
from moodify.api.schemas import EmotionName, FeedbackIn, FeedbackOut, ModeName, Recommendations
from moodify.types import MAX_TRACKS, EmotionScores, MoodPoint

router = APIRouter(prefix="/v1", tags=["music"])


def mood_scores(emotion: str | None, probs: str | None) -> EmotionScores:
    if (emotion is None) == (probs is None):
        raise ApiProblem(422, "Give exactly one of 'emotion' or 'probs'.", slug="invalid-request")
    try:
        return EmotionScores.one_hot(emotion) if emotion is not None else EmotionScores.parse(probs or "")
    except ValueError as exc:
        raise ApiProblem(422, f"Invalid probs: {exc}.", slug="invalid-request") from exc


@router.get("/recommendations", response_model=Recommendations)
def recommendations(
    user: CurrentUser,
    ctx: ContextDep,
    emotion: Annotated[EmotionName | None, Query(description="The current emotion.")] = None,
    probs: Annotated[
        str | None, Query(max_length=500, description="Or probabilities: happy=0.7,sad=0.3 (or happy:0.7)")
    ] = None,
    mode: Annotated[
        ModeName | None, Query(description="match, lift, calm, or custom (needs valence+arousal); "
                                           "default: your preferences' mode")
    ] = None,
    n: Annotated[int, Query(ge=1, le=MAX_TRACKS)] = 10,
    valence: Annotated[float | None, Query(ge=-1, le=1, description="Target for mode=custom.")] = None,
    arousal: Annotated[float | None, Query(ge=-1, le=1, description="Target for mode=custom.")] = None,
) -> Recommendations:
    """A ranked playlist with one reason per track, shaped by your preferences (blocked tags never appear)
    and learned from your feedback and listening. Nothing is stored (``playlist_id`` is null): a prefetch
    or a retry adds no history. To keep a playlist and send feedback on its tracks, ``POST /v1/playlists``."""
    playlist = service.draft_playlist(ctx, user, mood_scores(emotion, probs), mode=mode, n=n,
                                      target=custom_target(mode, valence, arousal))
    return Recommendations.of(playlist, None)


def custom_target(mode: str | None, valence: float | None, arousal: float | None) -> MoodPoint | None:
    if mode != "custom":
        return None
    if valence is None or arousal is None:
        raise ApiProblem(422, "mode=custom needs both valence and arousal in [-1, 1]", slug="invalid-request")
    return MoodPoint(valence=valence, arousal=arousal)


@router.post("/feedback", response_model=FeedbackOut, status_code=201)
def feedback(body: FeedbackIn, user: CurrentUser, ctx: ContextDep) -> FeedbackOut:
    """Like, skip, finish, dislike or play (>= 5 s) a track recommended to you; the next recommendations
    take it into account. 404 when the track was never recommended to you."""
    result = service.give_feedback(ctx, user, body.kind, track_key=body.track_key,  # InvalidInput -> 422
                                   playlist_id=body.playlist_id, seconds=body.seconds, attempt=body.attempt)
    return FeedbackOut(track_key=result.event.track_key, kind=result.event.kind, at=result.event.at,
                       stored=result.stored)
