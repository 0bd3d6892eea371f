"""Readings: a photo, a sentence or a picked emotion becomes a stored mood event, once; and the current mood.

One idempotency rule whatever the front end: a face reading is keyed by the photo's bytes and the face's
index, so the same photo through the UI, the API or a retry is stored once. Sentences and picked emotions are
keyed by an ``attempt`` the front end supplies for its retries (a form submission, an Idempotency-Key header).
A fused face+words mood is derived from stored readings, never stored itself.

One confidence gate: a face read with less than ``LOW_CONFIDENCE`` is a question, not an answer. Nothing is
recorded; the front end offers the likeliest emotions and records what the person confirms
(:func:`confirm_face`, stored as a correction), so an unsure guess never reaches the history or the music.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Literal

from moodify.errors import InvalidInput
from moodify.service.context import Context
from moodify.store.models import MoodEvent, User, idempotency_key, new_id
from moodify.text import TextAnalysis
from moodify.types import EMOTIONS, Analysis, Emotion, EmotionScores, MoodSource, canonical_emotion

PhotoSource = Literal["upload", "camera", "live"]


@dataclass(frozen=True)
class StoredReading:
    """A mood event as recorded; ``new`` is False when the same input was already stored."""

    event_id: str
    scores: EmotionScores
    source: MoodSource
    new: bool


@dataclass(frozen=True)
class PhotoReading:
    """What a photo gave: every face, the one read, and what was recorded of it.

    ``reading`` is None when there was no face, or when the face was too unsure to record without asking
    (then ``needs_confirmation`` is True and ``likeliest`` holds the choices to offer).
    """

    analysis: Analysis
    face: int | None  # the face the reading is of (0: the largest); None: no face
    reading: StoredReading | None
    photo_id: str  # names this photo in a later confirm call (a hash of its bytes, never the bytes)
    needs_confirmation: bool = False
    likeliest: tuple[Emotion, ...] = ()

    @property
    def scores(self) -> EmotionScores | None:
        """The recorded face's scores: what a mood may follow (None: nothing to follow yet)."""
        return self.reading.scores if self.reading is not None else None

    @property
    def face_scores(self) -> EmotionScores | None:
        """The chosen face's scores, recorded or not (what the face box shows)."""
        if self.face is None:
            return None
        return self.analysis.faces[self.face].scores


@dataclass(frozen=True)
class TextReading:
    analysis: TextAnalysis
    reading: StoredReading


def photo_id(data: bytes) -> str:
    """The identity of a photo: the same bytes are analysed and recorded once."""
    return hashlib.sha256(data).hexdigest()


def photo_key(data: bytes) -> str:
    """The idempotency prefix of a photo's readings."""
    return _photo_key(photo_id(data))


def _photo_key(photo: str) -> str:
    return "photo:" + photo


def analyze_photo(ctx: Context, data: bytes) -> Analysis:
    """Every face in the photo with its emotion. ``ImageError``/``ModelError`` with a message to show."""
    analysis: Analysis = ctx.analyze(data, settings=ctx.settings)
    return analysis


def read_photo(ctx: Context, user: User, data: bytes, *, source: PhotoSource = "upload", face: int = 0,
               analysis: Analysis | None = None) -> PhotoReading:
    """Analyse (unless ``analysis`` of these bytes is given) and record face ``face``'s reading, once.

    An unsure face is not recorded (see the module's confidence gate). ``InvalidInput`` for a face the photo
    does not have.
    """
    analysis = analysis if analysis is not None else analyze_photo(ctx, data)
    pid = photo_id(data)
    if not analysis.faces:
        return PhotoReading(analysis, None, None, pid)
    if not 0 <= face < len(analysis.faces):
        found = len(analysis.faces)
        raise InvalidInput(f"there is no face {face + 1} in this photo: {found} face{'s' if found != 1 else ''} "
                           "found (the first is 0)")
    scores = analysis.faces[face].scores
    if scores is None:
        return PhotoReading(analysis, None, None, pid)
    if needs_confirmation(scores):
        return PhotoReading(analysis, face, None, pid, needs_confirmation=True, likeliest=likeliest(scores))
    photo = data if not ctx.guest and ctx.store.get_preferences(user.id).store_photos else None
    key = idempotency_key(_photo_key(pid), f"face{face}")
    return PhotoReading(analysis, face, record_reading(ctx, user, scores, source, key, photo=photo), pid)


def confirm_face(ctx: Context, user: User, photo: str, face: int, emotion: str) -> StoredReading:
    """The person says face ``face`` of photo ``photo`` (its :func:`photo_id`) shows ``emotion``: what the
    confidence gate asked for, or a correction of a confident reading. Stored as a ``correction``, once."""
    picked = emotion_named(emotion)
    if face < 0:
        raise InvalidInput("the face index starts at 0")
    key = idempotency_key(_photo_key(photo), f"face{face}", "correction", picked)
    return record_reading(ctx, user, EmotionScores.one_hot(picked), "correction", key)


def correct_face(ctx: Context, user: User, data: bytes, face: int, emotion: str) -> StoredReading:
    """:func:`confirm_face` for a photo whose bytes are at hand (the UI keeps them for the session)."""
    return confirm_face(ctx, user, photo_id(data), face, emotion)


def emotion_named(name: str) -> Emotion:
    """One of the seven emotions by name (aliases allowed). ``InvalidInput`` for anything else."""
    try:
        return canonical_emotion(name)
    except KeyError:
        raise InvalidInput(f"{name[:40]!r} is not an emotion Moodify knows; pick one of "
                           f"{', '.join(EMOTIONS)}") from None


def read_text(ctx: Context, user: User, text: str, *, attempt: str | None = None) -> TextReading:
    """A sentence read by the text model and recorded. ``TextError`` when there is nothing to read."""
    analysis = ctx.analyze_text(text, settings=ctx.settings)
    key = idempotency_key("text", text, attempt or new_id())
    return TextReading(analysis, record_reading(ctx, user, analysis.scores, "text", key))


def tell_emotion(ctx: Context, user: User, emotion: str, *, attempt: str | None = None) -> StoredReading:
    """A picked emotion, recorded as ``manual``. ``InvalidInput`` for an unknown name."""
    picked = emotion_named(emotion)
    key = idempotency_key("manual", picked, attempt or new_id())
    return record_reading(ctx, user, EmotionScores.one_hot(picked), "manual", key)


def record_reading(ctx: Context, user: User, scores: EmotionScores, source: MoodSource, key: str,
                   photo: bytes | None = None) -> StoredReading:
    """Store one reading under ``key``; the same key again is not stored twice."""
    event = MoodEvent(user_id=user.id, emotion=scores.emotion, probabilities=scores.probabilities,
                      confidence=min(1.0, max(0.0, scores.confidence)),  # float sums can exceed 1 by 1e-16
                      source=source, idempotency_key=key, photo=photo)
    new = ctx.store.add_mood_event(event)
    return StoredReading(event_id=event.id, scores=scores, source=source, new=new)


@dataclass(frozen=True)
class Mood:
    """The one current mood: what the mood card shows and what the playlist follows, with its sources."""

    scores: EmotionScores
    face: EmotionScores | None = None
    text: EmotionScores | None = None
    correction: Emotion | None = None

    @property
    def sources(self) -> tuple[str, ...]:
        """What it came from, in words: ("your correction",), ("face", "words"), ..."""
        if self.correction is not None:
            return ("your correction",)
        return tuple(name for name, part in (("face", self.face), ("words", self.text)) if part is not None)


def current_mood(*, face: EmotionScores | None = None, text: EmotionScores | None = None,
                 correction: str | None = None) -> Mood | None:
    """A correction wins; otherwise the face and the words, fused when both are there. None: nothing yet."""
    if correction is not None:
        picked = emotion_named(correction)
        return Mood(EmotionScores.one_hot(picked), face=face, text=text, correction=picked)
    if face is not None and text is not None:
        from moodify.text import fuse

        return Mood(fuse(face, text), face=face, text=text)
    if face is not None:
        return Mood(face, face=face)
    if text is not None:
        return Mood(text, text=text)
    return None


# Below this top-class probability a face reading is a question, not an answer: the front end shows the
# likeliest emotions and records only what the person confirms. The shipped model is calibrated (its
# calibration error is in docs/vision.md), so a 0.5 reading is right about half the time: below it, more
# often wrong than right.
LOW_CONFIDENCE = 0.5


def needs_confirmation(scores: EmotionScores) -> bool:
    """True when ``scores`` is too unsure to record or to pick music by without asking first."""
    return scores.confidence < LOW_CONFIDENCE


def likeliest(scores: EmotionScores, n: int = 3) -> tuple[Emotion, ...]:
    """The ``n`` most probable emotions, most probable first: the choices offered when asking."""
    ranked = sorted(zip(EMOTIONS, scores.probabilities, strict=True), key=lambda kv: kv[1], reverse=True)
    return tuple(name for name, _ in ranked[:n])
