from __future__ import annotations

import pytest

from moodify.music.mood import CALM_TARGET, EMOTION_POINTS, LIFT_TARGET, distance, mode_target, mood_point
from moodify.types import EMOTIONS, EmotionScores, MoodPoint


@pytest.mark.parametrize("emotion", EMOTIONS)
def test_one_hot_reading_lands_on_its_emotion(emotion: str) -> None:
    assert mood_point(EmotionScores.one_hot(emotion)) == EMOTION_POINTS[emotion]


def test_mixed_reading_is_the_probability_weighted_point() -> None:
    p = mood_point(EmotionScores.from_mapping({"happy": 0.6, "sad": 0.4}))
    assert p.valence == pytest.approx(0.6 * 0.8 + 0.4 * -0.6)
    assert p.arousal == pytest.approx(0.6 * 0.5 + 0.4 * -0.3)
    # Not the top class: a 60/40 mix sits well away from pure happy.
    assert distance(p, EMOTION_POINTS["happy"]) > 0.5


def test_circumplex_quadrants() -> None:
    assert EMOTION_POINTS["happy"].valence > 0 and EMOTION_POINTS["happy"].arousal > 0
    assert EMOTION_POINTS["sad"].valence < 0 and EMOTION_POINTS["sad"].arousal < 0
    for e in ("angry", "fear", "disgust"):
        assert EMOTION_POINTS[e].valence < 0 < EMOTION_POINTS[e].arousal
    assert EMOTION_POINTS["neutral"] == MoodPoint(0.0, 0.0)


def test_mode_targets() -> None:
    sad = EMOTION_POINTS["sad"]
    assert mode_target(sad, "match") == sad
    assert mode_target(sad, "lift") == LIFT_TARGET
    assert mode_target(sad, "calm") == CALM_TARGET
    assert mode_target(sad, "custom", MoodPoint(0.2, -0.9)) == MoodPoint(0.2, -0.9)
    assert mode_target(sad, "custom", MoodPoint(3.0, -3.0)) == MoodPoint(1.0, -1.0)


def test_lift_never_lowers_a_happier_listener() -> None:
    happy = MoodPoint(0.9, 0.6)
    assert mode_target(happy, "lift").valence == 0.9


def test_custom_without_target_and_unknown_mode_fail() -> None:
    with pytest.raises(ValueError, match="custom"):
        mode_target(MoodPoint(0, 0), "custom")
    with pytest.raises(ValueError, match="unknown mode"):
        mode_target(MoodPoint(0, 0), "sideways")  # type: ignore[arg-type]
