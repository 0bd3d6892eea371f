from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from moodify.text import FusedScores, TextAnalysis, fuse
from moodify.text.fusion import informativeness
from moodify.types import EMOTIONS, Box, EmotionScores, Face

UNIFORM = EmotionScores.from_array(np.ones(7))


def test_uniform_source_gets_no_weight() -> None:
    face = EmotionScores.from_mapping({"happy": 0.8, "neutral": 0.2})
    fused = fuse(face, UNIFORM)
    assert fused.face_weight == 1.0 and fused.text_weight == 0.0
    assert fused.probabilities == pytest.approx(face.probabilities)


def test_more_confident_source_weighs_more_and_both_are_kept() -> None:
    face = EmotionScores.from_mapping({"happy": 0.5, "neutral": 0.5})
    text = EmotionScores.from_mapping({"sad": 0.95, "neutral": 0.05})
    fused = fuse(face, text)
    assert fused.text_weight > fused.face_weight
    assert fused.emotion == "sad"
    assert fused.face == face and fused.text == text
    assert isinstance(fused, EmotionScores)
    out = fused.to_json()
    assert out["face"]["emotion"] == "happy" and out["text"]["emotion"] == "sad"  # type: ignore[index]


def test_two_uniform_sources_count_equally() -> None:
    fused = fuse(UNIFORM, UNIFORM)
    assert (fused.face_weight, fused.text_weight) == (0.5, 0.5)


def test_accepts_face_and_text_analysis() -> None:
    face = Face(box=Box(0, 0, 10, 10), scores=EmotionScores.one_hot("angry"))
    text = TextAnalysis(scores=EmotionScores.one_hot("angry"))
    assert fuse(face, text).emotion == "angry"
    with pytest.raises(ValueError, match="no emotion scores"):
        fuse(Face(box=Box(0, 0, 1, 1)), text)


def test_informativeness_bounds() -> None:
    assert informativeness(UNIFORM) == pytest.approx(0.0)
    assert informativeness(EmotionScores.one_hot("fear")) == pytest.approx(1.0)


probs = st.lists(st.floats(0.001, 1.0), min_size=7, max_size=7).map(EmotionScores.from_array)


@given(probs, probs)
def test_fused_is_a_distribution_between_its_inputs(face: EmotionScores, text: EmotionScores) -> None:
    fused: FusedScores = fuse(face, text)
    assert sum(fused.probabilities) == pytest.approx(1.0)
    assert fused.face_weight + fused.text_weight == pytest.approx(1.0)
    for i in range(len(EMOTIONS)):
        lo = min(face.probabilities[i], text.probabilities[i])
        hi = max(face.probabilities[i], text.probabilities[i])
        assert lo - 1e-9 <= fused.probabilities[i] <= hi + 1e-9
