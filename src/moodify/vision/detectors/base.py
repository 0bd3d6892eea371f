"""The face detector interface and its registry. One file per detector; pick one by name in Settings."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, runtime_checkable

import numpy as np

from moodify.registry import Registry
from moodify.types import Box, Face

if TYPE_CHECKING:
    from moodify.settings import Settings


@dataclass(frozen=True)
class Framing:
    """How a detector's boxes relate to the face crops the emotion model was trained on.

    FER2013 crops frame a face in a particular way (forehead to chin, little background). Each detector
    draws its boxes differently (BlazeFace sits lower and tighter, SSD is taller than wide), so the
    square the classifier sees is ``scale`` x the box's longer side, centred ``shift_y`` box heights
    below the box centre. Measured by pasting FER2013 test crops into photos and comparing the
    detector's box with the pasted square (``benchmarks/bench_vision.py``, docs/vision.md).
    """

    scale: float = 1.3  # = a 0.15 margin on each side, for detectors nobody measured
    shift_y: float = 0.0

    def crop_box(self, box: Box) -> Box:
        """The square to crop (may reach outside the image; the crop pads by replicating edges)."""
        side = max(box.w, box.h) * self.scale
        cx, cy = box.x + box.w / 2.0, box.y + box.h / 2.0 + self.shift_y * box.h
        return Box(round(cx - side / 2.0), round(cy - side / 2.0), max(1, round(side)), max(1, round(side)))


@runtime_checkable
class FaceDetector(Protocol):
    """Finds every face in an RGB uint8 (H, W, 3) image.

    Returns faces largest first, boxes clipped to the image; an empty list when there is none.
    ``framing`` maps its boxes to the classifier's crop (see :class:`Framing`).
    """

    name: str
    framing: Framing

    def detect(self, image: np.ndarray) -> list[Face]: ...


DetectorFactory = Callable[["Settings"], FaceDetector]
DETECTORS: Registry[DetectorFactory] = Registry("detector")


def largest_first(faces: Sequence[Face]) -> list[Face]:
    """Sort by box area (ties: higher detector score first), the order the rest of the app relies on."""
    return sorted(faces, key=lambda f: (-f.box.area, -f.score))


def clip_box(x0: float, y0: float, x1: float, y1: float, width: int, height: int) -> Box | None:
    """Corner coordinates -> an integer :class:`Box` inside the image, or None if nothing is left."""
    left, top = max(0, round(x0)), max(0, round(y0))
    right, bottom = min(width, round(x1)), min(height, round(y1))
    if right - left < 2 or bottom - top < 2:
        return None
    return Box(left, top, right - left, bottom - top)


def iou(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """IoU of one box ``a`` (x0, y0, x1, y1) against many boxes ``b`` (N, 4)."""
    ix0, iy0 = np.maximum(a[0], b[:, 0]), np.maximum(a[1], b[:, 1])
    ix1, iy1 = np.minimum(a[2], b[:, 2]), np.minimum(a[3], b[:, 3])
    inter = np.clip(ix1 - ix0, 0, None) * np.clip(iy1 - iy0, 0, None)
    area_a = (a[2] - a[0]) * (a[3] - a[1])
    area_b = (b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1])
    return np.asarray(inter / np.maximum(area_a + area_b - inter, 1e-9))


def nms(boxes: np.ndarray, scores: np.ndarray, threshold: float) -> list[int]:
    """Greedy non-maximum suppression; indices of kept boxes, best score first."""
    order = list(np.argsort(-scores))
    keep: list[int] = []
    while order:
        best, rest = order[0], np.asarray(order[1:], dtype=np.int64)
        keep.append(int(best))
        if rest.size == 0:
            break
        order = list(rest[iou(boxes[best], boxes[rest]) < threshold])
    return keep


def create_detector(name: str, settings: Settings) -> FaceDetector:
    """Build the detector registered as ``name`` (raises ``RegistryError`` listing known names)."""
    from moodify.vision import detectors as _builtins  # noqa: F401  (registers the built-ins)

    return DETECTORS.get(name)(settings)
