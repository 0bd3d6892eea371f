"""One preprocessing for training and serving: shape, range, border handling, and train/serve parity."""

from __future__ import annotations

import numpy as np
import pytest

from moodify.types import Box
from moodify.vision.preprocess import INPUT_SIZE, preprocess, preprocess_batch, square_crop, to_gray


def _face_like(seed: int = 0, size: int = 48) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, 256, (size, size), dtype=np.uint8)


def test_shape_dtype_and_range() -> None:
    rgb = np.random.default_rng(1).integers(0, 256, (120, 90, 3), dtype=np.uint8)
    out = preprocess(rgb, Box(10, 20, 40, 50))
    assert out.shape == (INPUT_SIZE, INPUT_SIZE) and out.dtype == np.float32
    assert out.min() >= -1.0 and out.max() <= 1.0
    assert preprocess(np.zeros((5, 5), np.uint8)).min() == -1.0
    assert preprocess(np.full((5, 5), 255, np.uint8)).max() == 1.0


def test_rgb_and_its_gray_give_the_same_input() -> None:
    rgb = np.random.default_rng(2).integers(0, 256, (64, 64, 3), dtype=np.uint8)
    np.testing.assert_array_equal(preprocess(rgb), preprocess(to_gray(rgb)))


def test_crop_is_square_with_margin() -> None:
    gray = np.zeros((200, 200), np.uint8)
    crop = square_crop(gray, Box(50, 60, 40, 60), margin=0.25)
    assert crop.shape == (90, 90)  # max(40, 60) * 1.5


def test_crop_near_the_border_is_edge_padded_not_shifted() -> None:
    gray = np.zeros((100, 100), np.uint8)
    gray[:, :10] = 200  # bright left edge
    crop = square_crop(gray, Box(0, 0, 30, 30), margin=0.5)  # reaches 15 px outside on two sides
    assert crop.shape == (60, 60)
    assert (crop[:, :25] == 200).all()  # the 15 padded columns repeat the edge, then 10 real bright ones
    assert (crop[:, 25:] == 0).all()
    out = preprocess(gray, Box(90, 90, 10, 10), margin=0.3)
    assert out.shape == (INPUT_SIZE, INPUT_SIZE)


def test_training_path_equals_serving_path_on_a_48px_crop() -> None:
    """Training feeds the dataset crop with box=None; serving crops the same pixels out of a photo."""
    face = _face_like()
    photo = np.full((200, 200), 30, np.uint8)
    photo[76:124, 76:124] = face
    # With margin 0.25 a 32 px box centred at (100, 100) grows to exactly the 48 px face square.
    serving = preprocess(np.stack([photo] * 3, axis=-1), Box(84, 84, 32, 32), margin=0.25)
    training = preprocess(face, None)
    np.testing.assert_array_equal(serving, training)


def test_training_and_serving_agree_on_an_upscaled_face() -> None:
    import cv2

    face = cv2.GaussianBlur(_face_like(3), (5, 5), 0)  # photo-like smoothness
    big = cv2.resize(face, (144, 144), interpolation=cv2.INTER_CUBIC)
    photo = np.full((400, 400), 30, np.uint8)
    photo[100:244, 150:294] = big
    serving = preprocess(photo, Box(150 + 24, 100 + 24, 96, 96), margin=0.25)
    assert np.abs(serving - preprocess(face, None)).mean() < 0.05  # only resampling differs


def test_batch_is_nchw() -> None:
    rgb = np.zeros((60, 80, 3), np.uint8)
    batch = preprocess_batch(rgb, [None, Box(1, 2, 20, 20)])
    assert batch.shape == (2, 1, INPUT_SIZE, INPUT_SIZE) and batch.dtype == np.float32


def test_bad_shapes_are_rejected() -> None:
    with pytest.raises(ValueError, match="shape"):
        preprocess(np.zeros((10, 10, 4), np.uint8))
