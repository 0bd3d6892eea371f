"""The one preprocessing function, shared by training and serving.

Training feeds dataset face crops through :func:`preprocess` with ``box=None``; serving feeds
a detector box. Keeping one implementation is what makes accuracy measured in training hold in the app.
"""

from __future__ import annotations

import math

import cv2
import numpy as np

from moodify.types import Box

INPUT_SIZE = 48
MEAN = 0.5
STD = 0.5


def to_gray(image: np.ndarray) -> np.ndarray:
    """RGB uint8 (H, W, 3) or gray (H, W) -> gray uint8 (H, W)."""
    if image.ndim == 2:
        return image
    if image.ndim == 3 and image.shape[2] == 3:
        return cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)
    raise ValueError(f"expected an (H, W) or (H, W, 3) image, got shape {image.shape}")


def square_crop(gray: np.ndarray, box: Box, margin: float) -> np.ndarray:
    """A square around ``box`` grown by ``margin`` on each side, edge-padded where it leaves the image."""
    side = max(box.w, box.h) * (1.0 + 2.0 * margin)
    cx, cy = box.x + box.w / 2.0, box.y + box.h / 2.0
    x0, y0 = round(cx - side / 2.0), round(cy - side / 2.0)
    s = max(1, round(side))
    h, w = gray.shape
    pad = max(0, -x0, -y0, x0 + s - w, y0 + s - h)
    if pad:
        gray = cv2.copyMakeBorder(gray, pad, pad, pad, pad, cv2.BORDER_REPLICATE)
        x0, y0 = x0 + pad, y0 + pad
    return gray[y0 : y0 + s, x0 : x0 + s]


def preprocess(image: np.ndarray, box: Box | None = None, *, margin: float = 0.15,
               size: int = INPUT_SIZE) -> np.ndarray:
    """Image (+ optional face box) -> float32 (size, size), normalised to about [-1, 1].

    ``box=None`` means the image already is a face crop (datasets, ``--crop none``).
    """
    gray = to_gray(image)
    crop = gray if box is None else square_crop(gray, box, margin)
    if crop.shape != (size, size):
        shrinking = crop.shape[0] > size or crop.shape[1] > size
        crop = cv2.resize(crop, (size, size), interpolation=cv2.INTER_AREA if shrinking else cv2.INTER_LINEAR)
    return ((crop.astype(np.float32) / 255.0) - MEAN) / STD


def eye_angle(landmarks: tuple[tuple[float, float], ...]) -> float:
    """Degrees the eye line is turned from level (BlazeFace's keypoints: the person's right eye first)."""
    (rx, ry), (lx, ly) = landmarks[0], landmarks[1]
    return math.degrees(math.atan2(ly - ry, lx - rx))


def aligned(image: np.ndarray, box: Box, angle: float, *, size: int = INPUT_SIZE) -> np.ndarray:
    """Like :func:`preprocess` of the square ``box``, turned by ``angle`` degrees about its centre first.

    The turn happens at the photo's resolution on a 1.5x larger square (edges replicated, as in
    :func:`square_crop`), so no border shows in the corners; only then is it shrunk to ``size``.
    """
    side = max(1, round(max(box.w, box.h)))
    x0, y0 = round(box.x + box.w / 2.0 - side / 2.0), round(box.y + box.h / 2.0 - side / 2.0)  # as square_crop
    pad = side // 4 + 1
    big = side + 2 * pad
    region = square_crop(to_gray(image), Box(x0 - pad, y0 - pad, big, big), 0.0)
    turn = cv2.getRotationMatrix2D(((big - 1) / 2.0, (big - 1) / 2.0), angle, 1.0)
    region = cv2.warpAffine(region, turn, (big, big), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)
    start = pad
    crop = region[start : start + side, start : start + side]
    if crop.shape != (size, size):
        crop = cv2.resize(crop, (size, size), interpolation=cv2.INTER_AREA if side > size else cv2.INTER_LINEAR)
    return ((crop.astype(np.float32) / 255.0) - MEAN) / STD


def preprocess_batch(image: np.ndarray, boxes: list[Box | None], *, margin: float = 0.15,
                     size: int = INPUT_SIZE) -> np.ndarray:
    """Stack :func:`preprocess` outputs into the model's NCHW float32 input."""
    return np.stack([preprocess(image, b, margin=margin, size=size) for b in boxes])[:, None, :, :]
