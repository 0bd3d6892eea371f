"""Request and response models of the REST API (what ``/docs`` shows)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field

from moodify.types import EMOTIONS, EmotionScores, Face, Playlist, PlaylistItem

EmotionName = Literal["angry", "disgust", "fear", "happy", "sad", "surprise", "neutral"]
ModeName = Literal["match", "lift", "calm", "custom"]
FeedbackName = Literal["like", "skip", "finished", "dislike", "play"]


class Probabilities(BaseModel):
    """One probability per emotion; they sum to 1."""

    angry: float
    disgust: float
    fear: float
    happy: float
    sad: float
    surprise: float
    neutral: float

    @classmethod
    def of(cls, scores: EmotionScores) -> Probabilities:
        return cls(**scores.as_dict())


class EmotionResult(BaseModel):
    emotion: EmotionName
    confidence: float = Field(..., ge=0, le=1, description="Calibrated probability of the top emotion.")
    probabilities: Probabilities

    @classmethod
    def of(cls, scores: EmotionScores) -> EmotionResult:
        return cls(
            emotion=scores.emotion,  # type: ignore[arg-type]
            confidence=round(scores.confidence, 6),
            probabilities=Probabilities.of(scores),
        )


class BoxOut(BaseModel):
    x: int
    y: int
    w: int
    h: int


class FaceOut(EmotionResult):
    box: BoxOut
    detector_score: float

    @classmethod
    def of_face(cls, face: Face) -> FaceOut:
        assert face.scores is not None
        base = EmotionResult.of(face.scores)
        return cls(
            **base.model_dump(),
            box=BoxOut(x=face.box.x, y=face.box.y, w=face.box.w, h=face.box.h),
            detector_score=round(face.score, 4),
        )


class TextEmotion(EmotionResult):
    notices: list[str] = Field(default_factory=list, description="E.g. truncation, not English.")
    truncated: bool = False
    english_share: float | None = Field(
        default=None, description="Share of words that look English; null: no words."
    )


class FusedEmotion(EmotionResult):
    face_weight: float
    text_weight: float


class ImageEmotion(BaseModel):
    width: int
    height: int
    faces: list[FaceOut] = Field(description="Largest first; empty when no face was found.")
    text: TextEmotion | None = Field(default=None, description="When a sentence was sent along.")
    fused: FusedEmotion | None = Field(default=None, description="Largest face and text combined.")
    notices: list[str] = Field(default_factory=list)
    event_id: str | None = Field(default=None, description="The mood event saved in your history.")


class TextIn(BaseModel):
    text: str = Field(..., description="How you feel, in English.", max_length=100_000)


class TextEmotionOut(TextEmotion):
    event_id: str | None = None


class MoodPointOut(BaseModel):
    valence: float
    arousal: float


class TrackOut(BaseModel):
    key: str = Field(..., description="provider:id; use it for feedback.")
    id: str
    provider: str
    title: str
    artist: str
    url: str
    stream_url: str | None
    tags: list[str]
    valence: float
    arousal: float
    license: str
    license_url: str | None
    artwork_url: str | None
    duration_s: float | None
    reason: str
    score: float

    @classmethod
    def of(cls, item: PlaylistItem) -> TrackOut:
        t = item.track
        return cls(
            key=t.key,
            id=t.id,
            provider=t.provider,
            title=t.title,
            artist=t.artist,
            url=t.url,
            stream_url=t.stream_url,
            tags=list(t.tags),
            valence=t.valence,
            arousal=t.arousal,
            license=t.license,
            license_url=t.license_url,
            artwork_url=t.artwork_url,
            duration_s=t.duration_s,
            reason=item.reason,
            score=round(item.score, 6),
        )


class Recommendations(BaseModel):
    emotion: EmotionName
    mode: ModeName
    start: MoodPointOut
    target: MoodPointOut
    tracks: list[TrackOut]
    warnings: list[str]

    @classmethod
    def of(cls, playlist: Playlist) -> Recommendations:
        return cls(
            emotion=playlist.emotion,  # type: ignore[arg-type]
            mode=playlist.mode,
            start=MoodPointOut(valence=playlist.start.valence, arousal=playlist.start.arousal),
            target=MoodPointOut(valence=playlist.target.valence, arousal=playlist.target.arousal),
            tracks=[TrackOut.of(i) for i in playlist.items],
            warnings=list(playlist.warnings),
        )


class FeedbackIn(BaseModel):
    track_key: str = Field(
        ...,
        min_length=3,
        max_length=300,
        pattern=r"^[^:\s]+:\S+$",
        description="provider:id, as in a recommendation.",
    )
    kind: FeedbackName
    artist: str = Field(default="", max_length=300)
    tags: list[str] = Field(default_factory=list, max_length=50)


class FeedbackOut(BaseModel):
    track_key: str
    kind: FeedbackName
    at: datetime


class MoodOut(BaseModel):
    id: str
    at: datetime
    emotion: EmotionName
    confidence: float
    probabilities: Probabilities
    source: str


class PlaylistOut(BaseModel):
    id: str
    at: datetime
    emotion: str
    mode: ModeName
    track_keys: list[str]


class History(BaseModel):
    moods: list[MoodOut] = Field(description="Oldest first.")
    playlists: list[PlaylistOut]
    feedback: list[FeedbackOut]


class Credentials(BaseModel):
    email: str = Field(..., max_length=254)
    password: str = Field(..., max_length=1024)


class UserOut(BaseModel):
    id: str
    email: str


class SessionOut(BaseModel):
    token: str = Field(..., description="Send as 'Authorization: Bearer <token>'.")
    token_type: Literal["bearer"] = "bearer"
    expires_at: datetime | None
    user: UserOut


class Health(BaseModel):
    status: Literal["ok"]
    version: str
    store: str
    auth: str


def scores_from_dict(values: dict[str, float]) -> EmotionScores:
    """Probabilities keyed by emotion (missing ones 0). ValueError for unknown names or a zero sum."""
    unknown = [k for k in values if k not in EMOTIONS]
    if unknown:
        raise ValueError(f"unknown emotion(s) {', '.join(unknown)}; known: {', '.join(EMOTIONS)}")
    if any(v < 0 for v in values.values()):
        raise ValueError("probabilities must not be negative")
    return EmotionScores.from_mapping(values)
