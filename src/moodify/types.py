"""Typed values that cross module boundaries: emotions, faces, analyses."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal, cast, get_args

import numpy as np

# The one vocabulary: every part (store, API schemas, CLI, UI) takes these names from here.
# FER2013 label order; the ONNX model's outputs follow it. Never reorder.
Emotion = Literal["angry", "disgust", "fear", "happy", "sad", "surprise", "neutral"]
EMOTIONS: tuple[Emotion, ...] = get_args(Emotion)
Mode = Literal["match", "lift", "calm", "custom"]
MODES: tuple[Mode, ...] = get_args(Mode)
FeedbackKind = Literal["like", "skip", "finished", "dislike", "play"]
FEEDBACK_KINDS: tuple[FeedbackKind, ...] = get_args(FeedbackKind)
MoodSource = Literal["upload", "camera", "live", "manual", "correction", "text"]
MOOD_SOURCES: tuple[MoodSource, ...] = get_args(MoodSource)
MAX_TRACKS = 50  # the most tracks one playlist may have, on every front end

# Names seen in other datasets (RAF-DB, AffectNet, GoEmotions' Ekman keys) -> ours.
EMOTION_ALIASES: dict[str, str] = {
    "anger": "angry", "angry": "angry", "mad": "angry",
    "disgust": "disgust", "disgusted": "disgust", "contempt": "disgust",
    "fear": "fear", "fearful": "fear", "scared": "fear", "afraid": "fear",
    "happy": "happy", "happiness": "happy", "joy": "happy",
    "sad": "sad", "sadness": "sad",
    "surprise": "surprise", "surprised": "surprise",
    "neutral": "neutral", "calm": "neutral",
}


def canonical_emotion(name: str) -> Emotion:
    """Map a class/folder name to one of :data:`EMOTIONS`, or raise ``KeyError``."""
    key = name.strip().lower()
    if key in EMOTION_ALIASES:
        return cast(Emotion, EMOTION_ALIASES[key])
    raise KeyError(f"unknown emotion {name!r}; known: {', '.join(EMOTIONS)}")


@dataclass(frozen=True)
class Box:
    """Axis-aligned box in pixel coordinates of the (orientation-corrected) image."""

    x: int
    y: int
    w: int
    h: int

    @property
    def area(self) -> int:
        return self.w * self.h

    def as_list(self) -> list[int]:
        return [self.x, self.y, self.w, self.h]


@dataclass(frozen=True)
class EmotionScores:
    """Probabilities for the 7 classes in :data:`EMOTIONS` order (sum to 1)."""

    probabilities: tuple[float, ...]

    def __post_init__(self) -> None:
        if len(self.probabilities) != len(EMOTIONS):
            raise ValueError(f"need {len(EMOTIONS)} probabilities, got {len(self.probabilities)}")

    @classmethod
    def from_array(cls, probs: Sequence[float] | np.ndarray) -> EmotionScores:
        arr = np.asarray(probs, dtype=np.float64).reshape(-1)
        arr = np.clip(arr, 0.0, None)
        total = float(arr.sum())
        if total <= 0 or not np.isfinite(total):
            raise ValueError("probabilities must be finite and sum to a positive number")
        return cls(tuple(float(p) for p in arr / total))

    @classmethod
    def from_mapping(cls, probs: Mapping[str, float]) -> EmotionScores:
        """Accepts partial mappings (``{"happy": 0.6, "sad": 0.4}``); missing classes get 0."""
        arr = np.zeros(len(EMOTIONS))
        for name, p in probs.items():
            arr[EMOTIONS.index(canonical_emotion(name))] += float(p)
        return cls.from_array(arr)

    @classmethod
    def one_hot(cls, emotion: str) -> EmotionScores:
        return cls.from_mapping({emotion: 1.0})

    @classmethod
    def parse(cls, text: str) -> EmotionScores:
        """``happy=0.6,sad=0.4`` or ``happy:0.6,sad:0.4`` -> scores; missing emotions get 0.

        Strict, so a typo is never silently rescaled into a different mood: each emotion once, each value in
        [0, 1], and the values must sum to 1 (within 0.01). ``ValueError`` with a message otherwise.
        """
        values: dict[str, float] = {}
        for part in (p.strip() for p in text.split(",") if p.strip()):
            sep = "=" if "=" in part else ":"
            name, found, number = part.partition(sep)
            if not found:
                raise ValueError(f"{part!r} is not emotion=probability (e.g. happy=0.6,sad=0.4)")
            try:
                emotion = canonical_emotion(name)
            except KeyError as exc:
                raise ValueError(str(exc.args[0])) from None
            if emotion in values:
                raise ValueError(f"{emotion} is given twice")
            try:
                value = float(number)
            except ValueError:
                raise ValueError(f"{number.strip()!r} is not a number (in {part!r})") from None
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"the probability of {emotion} must be between 0 and 1, got {number.strip()}")
            values[emotion] = value
        if not values:
            raise ValueError("no probabilities given (e.g. happy=0.6,sad=0.4)")
        total = sum(values.values())
        if abs(total - 1.0) > 0.01:
            raise ValueError(f"the probabilities must add up to 1, they add up to {total:g}")
        return cls.from_mapping(values)

    @property
    def emotion(self) -> Emotion:
        return EMOTIONS[int(np.argmax(self.probabilities))]

    @property
    def confidence(self) -> float:
        return float(max(self.probabilities))

    def as_dict(self) -> dict[str, float]:
        return {name: round(p, 6) for name, p in zip(EMOTIONS, self.probabilities, strict=True)}

    def as_array(self) -> np.ndarray:
        return np.asarray(self.probabilities, dtype=np.float64)


@dataclass(frozen=True)
class Face:
    """One detected face and, once classified, its emotion."""

    box: Box
    score: float = 1.0  # detector confidence
    scores: EmotionScores | None = None
    # (x, y) keypoints in image pixels where the detector gives them (BlazeFace: right eye, left eye, nose
    # tip, mouth, right ear, left ear; "right" is the person's, on the image's left)
    landmarks: tuple[tuple[float, float], ...] | None = None

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {"box": self.box.as_list(), "detector_score": round(self.score, 4)}
        if self.scores is not None:
            out |= {
                "emotion": self.scores.emotion,
                "confidence": round(self.scores.confidence, 6),
                "probabilities": self.scores.as_dict(),
            }
        return out


@dataclass(frozen=True)
class Analysis:
    """Result of analysing one image: all faces, largest first (possibly none)."""

    width: int
    height: int
    faces: tuple[Face, ...] = field(default_factory=tuple)

    @property
    def primary(self) -> Face | None:
        return self.faces[0] if self.faces else None


# --- music -------------------------------------------------------------------------------

@dataclass(frozen=True)
class MoodPoint:
    """A point in Russell's circumplex: valence (unpleasant..pleasant) and arousal (calm..excited), each in [-1, 1]."""

    valence: float
    arousal: float


@dataclass(frozen=True)
class Track:
    """A playable track from any provider, with what is needed to credit it."""

    id: str  # provider-local id
    provider: str
    title: str
    artist: str
    url: str  # the track's public page
    stream_url: str | None  # None when it can't be streamed (offline, no key)
    tags: tuple[str, ...] = ()
    valence: float = 0.0
    arousal: float = 0.0
    license: str = ""  # e.g. "CC BY-NC-SA 4.0" with a link in license_url
    license_url: str | None = None
    artwork_url: str | None = None
    duration_s: float | None = None
    artist_id: str | None = None
    preview_s: float | None = None  # stream_url plays only a clip of this length (Deezer: 30 s), not the song
    artist_url: str | None = None  # the artist's page (Jamendo catalogue tracks without a known title)
    genres: tuple[str, ...] = ()  # names from music/genres.py GENRES; () when not known (yet)

    @property
    def key(self) -> str:
        """Globally unique id: ``provider:id``."""
        return f"{self.provider}:{self.id}"


@dataclass(frozen=True)
class PlaylistItem:
    track: Track
    reason: str  # one sentence: why this track, at this step
    step_target: MoodPoint
    score: float = 0.0
    details: str = ""  # the numbers behind ``reason`` (valence/arousal, step target), for a details toggle


@dataclass(frozen=True)
class Playlist:
    emotion: Emotion
    mode: Mode
    start: MoodPoint
    target: MoodPoint
    items: tuple[PlaylistItem, ...]
    warnings: tuple[str, ...] = ()  # for the listener, about this playlist: "2 tracks left out by your blocked ..."
    # About a music source (failed, skipped, unreachable; previews or titles not fetched): for whoever runs the
    # server. Front ends that speak to listeners log these (ui/sources.py); the API and CLI give both.
    source_warnings: tuple[str, ...] = ()

    @property
    def all_warnings(self) -> tuple[str, ...]:
        return self.warnings + self.source_warnings


@dataclass(frozen=True)
class FeedbackEvent:
    """A user's reaction to a track; the ranking learns from these."""

    user_id: str
    track_key: str  # Track.key
    kind: FeedbackKind
    at: datetime
    artist: str = ""
    tags: tuple[str, ...] = ()
    idempotency_key: str = ""  # non-empty: the store keeps one event per (user, key), so a retry counts once
