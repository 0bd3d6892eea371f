"""``POST /v1/emotion/voice``: a recording -> transcript -> emotion from the words, fused with a photo's face."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, UploadFile
from pydantic import BaseModel, Field

from moodify import service
from moodify.api.deps import ContextDep, CurrentUser
from moodify.api.problems import PROBLEM_JSON, ApiProblem
from moodify.api.routes.emotion import NO_FACE, UNSURE, IdempotencyKey, _mood_out, _text_out
from moodify.api.schemas import CurrentMoodOut, EmotionName, EmotionResult, FusedEmotion, TextEmotion
from moodify.service.voice import read_voice
from moodify.text import FusedScores
from moodify.voice import FORMATS, AudioError, AudioTooLarge, NoSpeech, UnsupportedAudio

router = APIRouter(prefix="/v1/emotion", tags=["emotion"])

TONE = "only the words are read: the tone of your voice is not"
# The most specific class first: each kind of unreadable recording has its own status and problem type.
_PROBLEMS: tuple[tuple[type[AudioError], int, str], ...] = (
    (AudioTooLarge, 413, "audio-too-large"),
    (UnsupportedAudio, 415, "unsupported-audio"),
    (NoSpeech, 422, "no-speech"),
    (AudioError, 422, "bad-audio"),
)


class VoiceEmotion(BaseModel):
    transcript: str = Field(description="What the speech engine heard.")
    words: str = Field(description="What was read: the transcript, or your correction of it.")
    corrected: bool = Field(description="True when `words` is your correction, not the transcript.")
    engine: str = Field(description='The speech engine: "pocketsphinx" or "whisper".')
    seconds: float = Field(description="Length of the recording.")
    text: TextEmotion = Field(description="The emotion read from the words.")
    event_id: str = Field(description="The recorded reading of the words.")
    face: EmotionResult | None = Field(default=None, description="The photo's face, when a photo was sent.")
    face_event_id: str | None = None
    photo_id: str | None = Field(default=None, description="Names the photo in POST /v1/emotion/confirm.")
    needs_confirmation: bool = Field(
        default=False, description="The photo's face is unsure: nothing was recorded for it, and the mood is the "
        "words alone, until one of `likeliest` is confirmed with POST /v1/emotion/confirm (the same gate as a photo).")
    likeliest: list[EmotionName] = Field(default_factory=list)
    mood: CurrentMoodOut = Field(description="The one current mood: the words, fused with the face if any.")
    fused: FusedEmotion | None = Field(default=None, description="Face and words combined, with weights.")
    notices: list[str] = Field(default_factory=list)


def _problem(exc: AudioError) -> ApiProblem:
    status, slug = next((s, slug) for cls, s, slug in _PROBLEMS if isinstance(exc, cls))
    return ApiProblem(status, str(exc), slug=slug)


_UNSUPPORTED = {"description": "Not a recording we read", "content": {PROBLEM_JSON: {"schema": {
    "$ref": "#/components/schemas/Problem"}}}}  # 413 and 422 are declared for every route (api/app.py)


@router.post("/voice", response_model=VoiceEmotion, responses={415: _UNSUPPORTED})
def emotion_from_voice(
    user: CurrentUser,
    ctx: ContextDep,
    audio: Annotated[UploadFile, File(description=f"A recording of at most 30 s: {', '.join(FORMATS)}.")],
    transcript: Annotated[str | None, Form(
        max_length=5000, description="Your correction of the transcript (from an earlier call): read instead.")
    ] = None,
    image: Annotated[UploadFile | None, File(description="Optional photo whose face is fused with the words.")
                     ] = None,
    attempt: IdempotencyKey = None,
) -> VoiceEmotion:
    """The words said are transcribed, read by the text model and recorded once per ``Idempotency-Key``
    (without one: once per recording and words). Tone of voice is not read. 413: too many bytes or seconds;
    415: not a recording we read; 422: broken, silent, or no words made out."""
    ctx = ctx
    data = audio.file.read(ctx.settings.voice_max_bytes + 1)
    try:
        said = read_voice(ctx, user, data, words=transcript, attempt=attempt)
    except AudioError as exc:
        raise _problem(exc) from exc
    notices = [TONE]
    photo = None
    if image is not None:
        photo = service.read_photo(ctx, user, image.file.read(), source="upload")
        if photo.face is None:
            notices.append(NO_FACE)
        elif photo.needs_confirmation:
            notices.append(UNSURE.format(pct=service.LOW_CONFIDENCE))
    mood = service.current_mood(face=photo.scores if photo else None, text=said.said.reading.scores)
    assert mood is not None  # the words are always there
    heard = said.heard
    out = VoiceEmotion(
        transcript=heard.text, words=said.words, corrected=said.corrected, engine=heard.transcript.engine,
        seconds=round(heard.audio.seconds, 3), text=_text_out(said.said), event_id=said.said.reading.event_id,
        mood=_mood_out(mood), notices=notices)
    if photo is not None:
        out.photo_id, out.needs_confirmation = photo.photo_id, photo.needs_confirmation
        out.likeliest = list(photo.likeliest)
    if photo is not None and photo.reading is not None:
        out.face, out.face_event_id = EmotionResult.of(photo.reading.scores), photo.reading.event_id
    if isinstance(mood.scores, FusedScores):
        out.fused = FusedEmotion(**EmotionResult.of(mood.scores).model_dump(),
                                 face_weight=round(mood.scores.face_weight, 4),
                                 text_weight=round(mood.scores.text_weight, 4))
    return out
