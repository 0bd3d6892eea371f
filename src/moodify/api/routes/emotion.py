"""``POST /v1/emotion`` (a photo, optionally with a sentence) and ``POST /v1/emotion/text``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, Header, UploadFile

from moodify import service
from moodify.api.deps import CurrentUser, ServicesDep
from moodify.api.problems import ApiProblem
from moodify.api.schemas import (
    EmotionResult,
    FaceOut,
    FusedEmotion,
    ImageEmotion,
    MoodOutNow,
    TextEmotion,
    TextEmotionOut,
    TextIn,
)
from moodify.service import Mood, TextReading
from moodify.text import FusedScores

router = APIRouter(prefix="/v1/emotion", tags=["emotion"])

NO_FACE = "no face found: use a well-lit, front-facing photo"
IdempotencyKey = Annotated[str | None, Header(
    alias="Idempotency-Key", max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$",
    description="Send the same value when retrying, and a sentence is recorded once.")]


def _text_out(reading: TextReading) -> TextEmotion:
    result = reading.analysis
    return TextEmotion(
        **EmotionResult.of(result.scores).model_dump(),
        notices=list(result.notices),
        truncated=result.truncated,
        english_share=None if result.english_share is None else round(result.english_share, 4),
    )


def _mood_out(mood: Mood) -> MoodOutNow:
    return MoodOutNow(**EmotionResult.of(mood.scores).model_dump(), sources=list(mood.sources))


@router.post("", response_model=ImageEmotion)
def emotion_from_image(
    user: CurrentUser,
    services: ServicesDep,
    image: Annotated[UploadFile, File(description="JPEG, PNG, WebP, BMP or GIF; never a URL.")],
    text: Annotated[
        str | None, Form(description="Optional sentence to fuse with the face.", max_length=100_000)
    ] = None,
    face: Annotated[int, Form(ge=0, le=99, description="Which face is yours (0: the largest).")] = 0,
    attempt: IdempotencyKey = None,
) -> ImageEmotion:
    """Every face with box, emotion, calibrated probabilities; the chosen face's reading is recorded once
    per photo (the same bytes again are not stored twice). With ``text``, the sentence is read and recorded
    too, and ``mood`` is the two fused."""
    data = image.file.read()
    if not data:
        raise ApiProblem(422, "the uploaded image is empty", slug="bad-image")
    ctx = services.context
    analysis = service.analyze_photo(ctx, data)
    if face >= max(1, len(analysis.faces)):
        raise ApiProblem(422, f"there is no face {face + 1}: {len(analysis.faces)} found", slug="invalid-request")
    photo = service.read_photo(ctx, user, data, source="upload", face=face, analysis=analysis)
    said = service.read_text(ctx, user, text, attempt=attempt or service.photo_key(data)) if text else None
    out = ImageEmotion(width=analysis.width, height=analysis.height, face=face,
                       faces=[FaceOut.of_face(f) for f in analysis.faces if f.scores is not None])
    if photo.reading is None:
        out.notices.append(NO_FACE)
    else:
        out.event_id = photo.reading.event_id
    if said is not None:
        out.text, out.text_event_id = _text_out(said), said.reading.event_id
    mood = service.current_mood(face=photo.scores, text=said.reading.scores if said else None)
    if mood is not None:
        out.mood = _mood_out(mood)
        if isinstance(mood.scores, FusedScores):
            out.fused = FusedEmotion(**EmotionResult.of(mood.scores).model_dump(),
                                     face_weight=round(mood.scores.face_weight, 4),
                                     text_weight=round(mood.scores.text_weight, 4))
    return out


@router.post("/text", response_model=TextEmotionOut)
def emotion_from_text(body: TextIn, user: CurrentUser, services: ServicesDep,
                      attempt: IdempotencyKey = None) -> TextEmotionOut:
    """Calibrated probabilities from a sentence, recorded. 422 when it is empty; long text is cut with a
    notice. A retry with the same ``Idempotency-Key`` is recorded once."""
    said = service.read_text(services.context, user, body.text, attempt=attempt)
    return TextEmotionOut(**_text_out(said).model_dump(), event_id=said.reading.event_id)
