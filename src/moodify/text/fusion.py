"""Face + text -> one emotion: a mixture of the two calibrated distributions, weighted by confidence.

Each source's weight is how far its top probability rises above chance (1/7): a flat, "don't know"
distribution gets no say, a confident one gets a lot. When neither knows anything the two count equally.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from moodify.text.analyzer import TextAnalysis
from moodify.types import EMOTIONS, EmotionScores, Face

_CHANCE = 1.0 / len(EMOTIONS)


@dataclass(frozen=True)
class FusedScores(EmotionScores):
    """The fused probabilities (it *is* an :class:`EmotionScores`) plus both inputs and their weights."""

    face: EmotionScores | None = None
    text: EmotionScores | None = None
    face_weight: float = 0.5
    text_weight: float = 0.5

    def to_json(self) -> dict[str, object]:
        def part(scores: EmotionScores | None) -> dict[str, object] | None:
            if scores is None:
                return None
            return {
                "emotion": scores.emotion,
                "confidence": round(scores.confidence, 6),
                "probabilities": scores.as_dict(),
            }

        return {
            "emotion": self.emotion,
            "confidence": round(self.confidence, 6),
            "probabilities": self.as_dict(),
            "face": part(self.face),
            "text": part(self.text),
            "weights": {"face": round(self.face_weight, 4), "text": round(self.text_weight, 4)},
        }


def informativeness(scores: EmotionScores) -> float:
    """0 for a uniform distribution, 1 for certainty: (max - 1/7) / (1 - 1/7)."""
    return max(0.0, (scores.confidence - _CHANCE) / (1.0 - _CHANCE))


def fuse(face: EmotionScores | Face, text: EmotionScores | TextAnalysis) -> FusedScores:
    """Combine a face's and a text's calibrated probabilities; the result keeps both for display."""
    face_scores = _scores(face)
    text_scores = text.scores if isinstance(text, TextAnalysis) else text
    w_face, w_text = informativeness(face_scores), informativeness(text_scores)
    total = w_face + w_text
    w_face, w_text = (0.5, 0.5) if total <= 0 else (w_face / total, w_text / total)
    mixed = w_face * face_scores.as_array() + w_text * text_scores.as_array()
    fused = EmotionScores.from_array(np.asarray(mixed))
    return FusedScores(
        probabilities=fused.probabilities,
        face=face_scores,
        text=text_scores,
        face_weight=w_face,
        text_weight=w_text,
    )


def _scores(face: EmotionScores | Face) -> EmotionScores:
    if isinstance(face, Face):
        if face.scores is None:
            raise ValueError("the face has no emotion scores yet (classify it before fusing)")
        return face.scores
    return face
