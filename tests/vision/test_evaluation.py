"""Evaluating the serving path on a labelled folder."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from moodify.errors import DatasetError
from moodify.settings import Settings
from moodify.types import EMOTIONS
from moodify.vision.evaluation import balanced_subset, evaluate, list_labelled_images, stratified_subset

from .conftest import encode


def _dataset(root: Path, per_class: dict[str, int]) -> Path:
    rng = np.random.default_rng(0)
    for folder, n in per_class.items():
        (root / folder).mkdir(parents=True, exist_ok=True)
        for i in range(n):
            img = rng.integers(0, 255, (48, 48), dtype=np.uint8)
            (root / folder / f"{i}.png").write_bytes(encode(img, "PNG"))
    return root


def test_folders_are_mapped_through_aliases_and_unknown_ones_skipped(tmp_path: Path) -> None:
    root = _dataset(tmp_path / "d", {"anger": 2, "happiness": 3, "misc": 4})
    (root / "happiness" / "notes.txt").write_text("not an image")
    items = list_labelled_images(root)
    assert sorted(EMOTIONS[it.label] for it in items) == ["angry"] * 2 + ["happy"] * 3


def test_missing_or_empty_folders_are_dataset_errors(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="not a folder"):
        list_labelled_images(tmp_path / "nope")
    (tmp_path / "empty" / "sad").mkdir(parents=True)
    with pytest.raises(DatasetError, match="no images"):
        list_labelled_images(tmp_path / "empty")


def test_stratified_subset_is_balanced_and_reproducible(tmp_path: Path) -> None:
    items = list_labelled_images(_dataset(tmp_path / "d", {"sad": 10, "fear": 3}))
    a, b = stratified_subset(items, 5, seed=1), stratified_subset(items, 5, seed=1)
    assert a == b
    labels = [EMOTIONS[it.label] for it in a]
    assert labels.count("sad") == 5 and labels.count("fear") == 3
    assert stratified_subset(items, 5, seed=2) != a


def test_balanced_subset_fills_the_total_when_a_class_is_small(tmp_path: Path) -> None:
    items = list_labelled_images(_dataset(tmp_path / "d", {"sad": 10, "fear": 2, "happy": 6}))
    picked = balanced_subset(items, total=13, seed=0)
    labels = [it.label for it in picked]
    counts = {EMOTIONS[label]: labels.count(label) for label in set(labels)}
    assert len(picked) == 13 and counts == {"fear": 2, "happy": 6, "sad": 5}
    assert len(set(picked)) == 13
    assert len(balanced_subset(items, total=100)) == 18


def test_evaluate_counts_every_image(tmp_path: Path, tiny_settings: Settings) -> None:
    root = _dataset(tmp_path / "d", {"sad": 4, "surprised": 3})
    (root / "sad" / "broken.jpg").write_bytes(b"\xff\xd8\xff garbage")
    result = evaluate(list_labelled_images(root), settings=tiny_settings, crop="none")
    report = result.report
    assert report.n == 7 and report.extra["unreadable"] == 1 and report.extra["images"] == 8
    assert result.probabilities.shape == (7, 7) and list(result.labels).count(EMOTIONS.index("sad")) == 4
    assert sum(sum(row) for row in report.confusion) == 7
    assert [f.path.name for f in result.failures] == ["broken.jpg"]
    js = report.to_json()
    assert {"accuracy", "macro_f1", "ece", "n", "per_class", "confusion_matrix"} <= set(js)


def test_detect_mode_reports_images_without_a_face(tmp_path: Path, tiny_settings: Settings,
                                                   astronaut: np.ndarray) -> None:
    root = _dataset(tmp_path / "d", {"neutral": 2})
    (root / "neutral" / "astronaut.jpg").write_bytes(encode(astronaut))
    report = evaluate(list_labelled_images(root), settings=tiny_settings, crop="detect").report
    assert report.n == 1 and report.extra["no_face"] == 2


def test_nothing_classifiable_is_an_error(tmp_path: Path, tiny_settings: Settings) -> None:
    root = _dataset(tmp_path / "d", {"sad": 2})
    with pytest.raises(DatasetError, match="none of the 2"):
        evaluate(list_labelled_images(root), settings=tiny_settings, crop="detect")
