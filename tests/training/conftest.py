from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from moodify.types import EMOTIONS

pytest.importorskip("torch", reason="training tests need the 'train' extra")


def _face_like(rng: np.random.Generator, cls: int) -> np.ndarray:
    """48x48 gray images whose class is visible (a bar at a class-specific height) so a net can learn it."""
    img = rng.integers(60, 120, size=(48, 48)).astype(np.uint8)
    row = 4 + cls * 6
    img[row : row + 4, 8:40] = 230
    return img


@pytest.fixture(scope="session")
def tiny_dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """FER2013-shaped folders (train/val/test, some with alias names) with 12/4/4 images per class."""
    root = tmp_path_factory.mktemp("fer")
    rng = np.random.default_rng(0)
    folder_names = {"angry": "anger", "sad": "Sadness", "surprise": "surprised"}
    for split, n in (("train", 12), ("val", 4), ("test", 4)):
        for cls, name in enumerate(EMOTIONS):
            d = root / split / folder_names.get(name, name)
            d.mkdir(parents=True)
            for i in range(n):
                Image.fromarray(_face_like(rng, cls)).save(d / f"{i}.jpg", quality=95)
    return root
