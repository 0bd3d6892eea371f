"""The one vocabulary and the one probabilities parser."""

from __future__ import annotations

from typing import get_args

import pytest

from moodify.store.models import MODES as STORE_MODES
from moodify.store.models import MOOD_SOURCES as STORE_SOURCES
from moodify.types import EMOTIONS, FEEDBACK_KINDS, MODES, MOOD_SOURCES, Emotion, EmotionScores, FeedbackKind


def test_the_vocabulary_is_defined_once() -> None:
    assert get_args(Emotion) == EMOTIONS and get_args(FeedbackKind) == FEEDBACK_KINDS
    assert STORE_MODES is MODES and STORE_SOURCES is MOOD_SOURCES


@pytest.mark.parametrize("text", ["happy=0.6,sad=0.4", "happy:0.6, sad:0.4", " Happy = 0.6 ,sadness=0.4 "])
def test_both_separators_and_aliases_parse_to_the_same_scores(text: str) -> None:
    scores = EmotionScores.parse(text)
    assert scores.as_dict()["happy"] == pytest.approx(0.6) and scores.as_dict()["sad"] == pytest.approx(0.4)
    assert scores.emotion == "happy"


@pytest.mark.parametrize(("text", "says"), [
    ("happy=0.6,sad=0.6", "add up to 1"),
    ("happy=0.3", "add up to 1"),
    ("happy=0.5,happy=0.5", "given twice"),
    ("joyful=1", "unknown emotion"),
    ("happy=abc", "not a number"),
    ("happy=1.5", "between 0 and 1"),
    ("happy", "emotion=probability"),
    ("", "no probabilities"),
])
def test_bad_probabilities_are_refused_with_a_message(text: str, says: str) -> None:
    with pytest.raises(ValueError, match=says):
        EmotionScores.parse(text)
