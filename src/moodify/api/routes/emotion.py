"""``POST /v1/emotion`` (a photo, optionally with a sentence), ``/v1/emotion/confirm`` and ``/v1/emotion/text``.

The confidence gate is the application layer's: an unsure face comes back with ``needs_confirmation`` and the
likeliest emotions, nothing recorded, until the client confirms one (as the app's buttons do).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, Header, UploadFile

from moodify import service
from moodify.api.deps import ContextDep, CurrentUser
from moodify.api.schemas import (
    ConfirmIn,
    ConfirmOut,
    CurrentMoodOut,
    EmotionResult,
    FaceOut,
    FusedEmotion,
    ImageEmotion,
    TextEmotion,
    TextEmotionOut,
    TextIn,
)
from moodify.errors import ImageError
from moodify.service import Mood, TextReading
from moodify.text import FusedScores

router = APIRouter(prefix="/v1/emotion", tags=["emotion"])

NO_FACE = "No face found. Use a well-lit photo of a face looking at the camera."
UNSURE = ("The face reading is unsure (its top emotion is below {pct:.0%}), so nothing was recorded. "
          "Confirm one of the likeliest emotions with POST /v1/emotion/confirm.")
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


def _mood_out(mood: Mood) -> CurrentMoodOut:
    return CurrentMoodOut(**EmotionResult.of(mood.scores).model_dump(), sources=list(mood.sources))


@router.post("", response_model=ImageEmotion)
def emotion_from_image(
    user: CurrentUser,
    ctx: ContextDep,
    image: Annotated[UploadFile, File(description="JPEG, PNG, WebP, HEIC, AVIF, BMP or GIF; never a URL.")],
    text: Annotated[
        str | None, Form(description="Optional sentence to fuse with the face.", max_length=100_000)
    ] = None,
    face: Annotated[int, Form(ge=0, le=99, description="Which face is yours (0: the largest).")] = 0,
    attempt: IdempotencyKey = None,
) -> ImageEmotion:
    """Every face with box, emotion, calibrated probabilities. The chosen face's reading is recorded once
    per photo (the same bytes again are not stored twice), unless it is unsure: then ``needs_confirmation``
    is true, ``likeliest`` lists the choices, and nothing is recorded until ``POST /v1/emotion/confirm``.
    With ``text``, the sentence is read and recorded too, and ``mood`` combines what was recorded."""
    data = image.file.read()
    if not data:
        raise ImageError("the uploaded image is empty")
    analysis = service.analyze_photo(ctx, data)
    photo = service.read_photo(ctx, user, data, source="upload", face=face, analysis=analysis)
    said = service.read_text(ctx, user, text, attempt=attempt or service.photo_key(data)) if text else None
    out = ImageEmotion(width=analysis.width, height=analysis.height, face=photo.face, photo_id=photo.photo_id,
                       faces=[FaceOut.of_face(f) for f in analysis.faces if f.scores is not None],
                       needs_confirmation=photo.needs_confirmation, likeliest=list(photo.likeliest))
    if photo.face is None:
        out.notices.append(NO_FACE)
    elif photo.needs_confirmation:
        out.notices.append(UNSURE.format(pct=service.LOW_CONFIDENCE))
    if photo.reading is not None:
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


@router.post("/confirm", response_model=ConfirmOut, status_code=201)
def confirm_emotion(body: ConfirmIn, user: CurrentUser, ctx: ContextDep) -> ConfirmOut:
    """You say which emotion a face in a photo you sent shows: the answer to ``needs_confirmation``, or a
    correction of a confident reading. Recorded once per (photo, face, emotion), as the app's buttons do."""
    reading = service.confirm_face(ctx, user, body.photo_id, body.face, body.emotion)
    return ConfirmOut(**EmotionResult.of(reading.scores).model_dump(), event_id=reading.event_id,
                      source="correction", stored=reading.new)


@router.post("/text", response_model=TextEmotionOut)
def emotion_from_text(body: TextIn, user: CurrentUser, ctx: ContextDep,
                      attempt: IdempotencyKey = None) -> TextEmotionOut:
    """Calibrated probabilities from a sentence, recorded. 422 when it is empty; long text is cut with a
    notice. A retry with the same ``Idempotency-Key`` is recorded once."""
    said = service.read_text(ctx, user, body.text, attempt=attempt)
    return TextEmotionOut(**_text_out(said).model_dump(), event_id=said.reading.event_id)
