"""The model that ships in the package: present, small, well described, and accurate on FER2013 test."""

from __future__ import annotations

import pytest

from moodify.settings import Settings
from moodify.types import EMOTIONS, canonical_emotion
from moodify.vision.classifier import EmotionClassifier, default_model_path
from moodify.vision.evaluation import balanced_subset, evaluate, list_labelled_images

from .conftest import shared_dir


def test_the_model_ships_in_the_package_with_its_card() -> None:
    path = default_model_path()
    assert path.is_file(), f"no model at {path}"
    assert path.stat().st_size <= 10 * 1024 * 1024
    clf = EmotionClassifier()
    assert [canonical_emotion(c) for c in clf.card.classes] == list(EMOTIONS)
    assert clf.card.input_size == 48 and 0.3 < clf.temperature < 5


@pytest.mark.slow
def test_shipped_model_on_a_stratified_fer2013_test_subset() -> None:
    """700 images, balanced (about 100 per class; test has only 55 ``disgust``, so the others get ~108)."""
    test_dir = shared_dir() / "data" / "fer2013" / "test"
    assert test_dir.is_dir(), f"FER2013 test split not found at {test_dir} (set MOODIFY_SHARED_DIR)"
    items = balanced_subset(list_labelled_images(test_dir), total=700, seed=0)
    assert len(items) == 700
    result = evaluate(items, settings=Settings(model_path=None, tta=True), crop="none")
    report = result.report
    assert report.n == len(items) and report.extra["unreadable"] == 0
    assert report.accuracy >= 0.60, report.to_json()
