"""Emotions -> points in valence/arousal, and where each mode wants to take the listener."""

from __future__ import annotations

from moodify.types import EMOTIONS, EmotionScores, Mode, MoodPoint

# Russell's circumplex, (valence, arousal) per emotion.
EMOTION_POINTS: dict[str, MoodPoint] = {
    "angry": MoodPoint(-0.5, 0.6),
    "disgust": MoodPoint(-0.6, 0.35),
    "fear": MoodPoint(-0.6, 0.6),
    "happy": MoodPoint(0.8, 0.5),
    "sad": MoodPoint(-0.6, -0.3),
    "surprise": MoodPoint(0.4, 0.7),
    "neutral": MoodPoint(0.0, 0.0),
}

LIFT_TARGET = MoodPoint(0.7, 0.35)  # clearly pleasant, moderately lively (uplifting, positive)
CALM_TARGET = MoodPoint(0.4, -0.6)  # pleasant and low arousal (relaxing, calm)


def mood_point(scores: EmotionScores) -> MoodPoint:
    """The probability-weighted point of a reading, so mixed feelings land between their emotions."""
    v = sum(p * EMOTION_POINTS[e].valence for e, p in zip(EMOTIONS, scores.probabilities, strict=True))
    a = sum(p * EMOTION_POINTS[e].arousal for e, p in zip(EMOTIONS, scores.probabilities, strict=True))
    return MoodPoint(round(v, 6), round(a, 6))


def mode_target(start: MoodPoint, mode: Mode, custom: MoodPoint | None = None) -> MoodPoint:
    """Where the playlist should end. ``custom`` needs an explicit target."""
    if mode == "match":
        return start
    if mode == "lift":
        # Never lift someone who is already happier than the lift target down to it.
        return MoodPoint(max(start.valence, LIFT_TARGET.valence), LIFT_TARGET.arousal)
    if mode == "calm":
        # Calm music is pleasant but rarely ecstatic: keep valence between the target and a mild 0.5.
        valence = min(max(start.valence, CALM_TARGET.valence), 0.5)
        return MoodPoint(valence, min(start.arousal, CALM_TARGET.arousal))
    if mode == "custom":
        if custom is None:
            raise ValueError("mode 'custom' needs a target valence/arousal")
        return clamp(custom)
    raise ValueError(f"unknown mode {mode!r}; known: match, lift, calm, custom")


def clamp(point: MoodPoint) -> MoodPoint:
    return MoodPoint(min(1.0, max(-1.0, point.valence)), min(1.0, max(-1.0, point.arousal)))


def distance(a: MoodPoint, b: MoodPoint) -> float:
    return float(((a.valence - b.valence) ** 2 + (a.arousal - b.arousal) ** 2) ** 0.5)
