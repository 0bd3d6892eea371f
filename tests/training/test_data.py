from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from moodify.training.face.data import class_index, find_splits, load_dataset, load_folder, stratified_split
from moodify.types import EMOTIONS
from moodify.vision.image_io import load_image
from moodify.vision.preprocess import preprocess


@pytest.mark.parametrize(("folder", "expected"), [
    ("angry", "angry"), ("Anger", "angry"), ("sadness", "sad"), ("surprised", "surprise"),
    ("happiness", "happy"), ("4", "happy"), ("7", "neutral"),  # RAF-DB numbered folders
])
def test_class_aliases(folder: str, expected: str) -> None:
    assert class_index(folder) == EMOTIONS.index(expected)


def test_unknown_folder_is_not_a_class() -> None:
    assert class_index("contemptuous-ish") is None


def test_loads_every_split_with_labels(tiny_dataset: Path) -> None:
    splits = load_dataset(tiny_dataset)
    assert set(splits) == {"train", "val", "test"}
    assert splits["train"].counts().tolist() == [12] * 7
    assert splits["train"].x.shape == (84, 1, 48, 48)
    assert splits["train"].x.dtype == np.float32


def test_training_input_is_the_serving_preprocessing(tiny_dataset: Path) -> None:
    """Parity: the array training sees equals what the app computes from the same file bytes."""
    split = load_folder(tiny_dataset / "val")
    path = Path(split.paths[5])
    served = preprocess(load_image(path.read_bytes()), None)
    np.testing.assert_array_equal(split.x[5, 0], served)


def test_bare_image_folder_gets_a_val_split(tmp_path: Path) -> None:
    for name in EMOTIONS:
        (tmp_path / name).mkdir()
        for i in range(10):
            Image.new("L", (75, 75), color=i * 20).save(tmp_path / name / f"{i}.png")
    assert find_splits(tmp_path) == {"train": tmp_path}
    splits = load_dataset(tmp_path)
    assert len(splits["val"]) == 7 and len(splits["train"]) == 63
    assert splits["train"].x.shape[1:] == (1, 48, 48)  # 75x75 RAF-DB crops resized


def test_stratified_split_keeps_every_class(tiny_dataset: Path) -> None:
    train = load_folder(tiny_dataset / "train")
    rest, held = stratified_split(train, 0.25, seed=1)
    assert held.counts().tolist() == [3] * 7
    assert not set(rest.paths) & set(held.paths)


def test_unreadable_images_are_skipped(tmp_path: Path) -> None:
    (tmp_path / "happy").mkdir()
    Image.new("L", (48, 48)).save(tmp_path / "happy" / "ok.jpg")
    (tmp_path / "happy" / "broken.jpg").write_bytes(b"not an image")
    split = load_folder(tmp_path)
    assert len(split) == 1 and split.paths[0].endswith("ok.jpg")


def test_empty_folder_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "happy").mkdir()
    with pytest.raises(FileNotFoundError, match="no images"):
        load_folder(tmp_path)
