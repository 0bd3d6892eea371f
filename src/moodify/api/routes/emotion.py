"""``POST /v1/emotion`` (a photo, optionally with a sentence) and ``POST /v1/emotion/text``."""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, File, Form, UploadFile

import moodify
from moodify.api.deps import CurrentUser, ServicesDep
from moodify.api.problems import ApiProblem
from moodify.api.schemas import EmotionResult, FaceOut, FusedEmotion, ImageEmotion, TextEmotion, TextEmotionOut, TextIn
from moodify.store.base import Store
from moodify.store.models import MoodEvent, MoodSource, User, idempotency_key
from moodify.text import TextAnalysis, analyze_text, fuse
from moodify.types import EmotionScores

log = logging.getLogger(__name__)
router = APIRouter(prefix="/v1/emotion", tags=["emotion"])

NO_FACE = "no face found: use a well-lit, front-facing photo"


def _text_out(result: TextAnalysis) -> TextEmotion:
    return TextEmotion(
        emotion=result.emotion,  # type: ignore[arg-type]
        confidence=round(result.confidence, 6),
        probabilities=TextEmotion.of(result.scores).probabilities,
        notices=list(result.notices),
        truncated=result.truncated,
        english_share=None if result.english_share is None else round(result.english_share, 4),
    )


def _record(store: Store, user: User, scores: EmotionScores, source: MoodSource, key: str) -> str:
    """Save the reading in the user's history; the same input again is stored once."""
    event = MoodEvent(
        user_id=user.id,
        emotion=scores.emotion,
        probabilities=scores.probabilities,
        confidence=min(1.0, scores.confidence),
        source=source,
        idempotency_key=key,
    )
    store.add_mood_event(event)
    return event.id


@router.post("", response_model=ImageEmotion)
def emotion_from_image(
    user: CurrentUser,
    services: ServicesDep,
    image: Annotated[UploadFile, File(description="JPEG, PNG, WebP, BMP or GIF; never a URL.")],
    text: Annotated[
        str | None, Form(description="Optional sentence to fuse with the face.", max_length=100_000)
    ] = None,
) -> ImageEmotion:
    """Every face with box, emotion, calibrated probabilities; with ``text``, also the fused emotion."""
    data = image.file.read()
    if not data:
        raise ApiProblem(422, "the uploaded image is empty", slug="bad-image")
    analysis = moodify.analyze(data, settings=services.settings)
    out = ImageEmotion(
        width=analysis.width,
        height=analysis.height,
        faces=[FaceOut.of_face(f) for f in analysis.faces if f.scores is not None],
    )
    text_result = analyze_text(text, settings=services.settings) if text is not None else None
    if text_result is not None:
        out.text = _text_out(text_result)
    primary = analysis.primary
    if primary is None or primary.scores is None:
        out.notices.append(NO_FACE)
        return out
    reading: EmotionScores = primary.scores
    if text_result is not None:
        fused = fuse(primary.scores, text_result)
        out.fused = FusedEmotion(
            **EmotionResult.of(fused).model_dump(),
            face_weight=round(fused.face_weight, 4),
            text_weight=round(fused.text_weight, 4),
        )
        reading = fused
    key = idempotency_key("image", user.id, data, text or "")
    out.event_id = _record(services.store, user, reading, "upload", key)
    return out


@router.post("/text", response_model=TextEmotionOut)
def emotion_from_text(body: TextIn, user: CurrentUser, services: ServicesDep) -> TextEmotionOut:
    """Calibrated probabilities from a sentence. 422 when it is empty; long text is cut with a notice."""
    result = analyze_text(body.text, settings=services.settings)
    event_id = _record(services.store, user, result.scores, "text", idempotency_key("text", user.id, body.text))
    return TextEmotionOut(**_text_out(result).model_dump(), event_id=event_id)
