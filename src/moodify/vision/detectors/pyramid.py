"""BlazeFace over a cheap pyramid: one detector for faces from ~24 px to a face filling the whole frame.

Three levels, merged by MediaPipe's weighted suppression:

1. *zoomed out*: the whole image, shrunk to half of the short-range model's 128 px input and set on a grey
   square, so a face that fills the frame (a selfie cropped to the face, FER2013's 48 px crops, upscaled or
   not) is half the input, the size the model knows. Without it the shipped ``blazeface`` missed 25 of 70
   FER2013 test crops; with it 1 (docs/vision.md).
2. *windows*: the full-range model (192 px input, made for small faces) over squares of the image's shorter
   side; it finds faces from ~7.5 % of that side (36 px at 640x480, 54 px at 1280x720: Live's 90 px face).
3. *tiles*: on images where the windows can't see :func:`min_face_px`, the full-range model over tiles
   sized so that such a face is ``SMALLEST_FULL_PX`` in the input (640x480: 6 tiles for 24 px faces).

Weights: the same Apache-2.0 MediaPipe files as ``blazeface`` (models/README.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import cv2
import numpy as np

from moodify.types import Face
from moodify.vision.detectors.base import DETECTORS, Framing, clip_box, largest_first
from moodify.vision.detectors.blazeface import (
    FULL,
    SHORT,
    BlazeFaceDetector,
    _shrunk,
    _starts,
    _weighted_nms,
    square_windows,
)

if TYPE_CHECKING:
    from moodify.settings import Settings

# The full-range model found a face of 40 px in a 480 px window (16 px of its 192) in 8 of 8 placements,
# 32 px (13 px) in 5 of 8 (docs/vision.md).
SMALLEST_FULL_PX = 16
# The smallest face promised: 24 px, or 48 px in a photo shown 1280 px wide (3.75 % of the longer side).
MIN_FACE_PX = 24
MIN_FACE_SHARE = 48 / 1280
# Tiles run only when they look this much closer than the windows (else they'd repeat the windows' work).
TILE_MIN_GAIN = 1.25
ZOOM_FILL = 0.5  # the zoomed-out image's longer side, as a share of the model's input
ZOOM_GREY = 128  # around it: mid-grey found 69 of 70 crops, black 67, replicated edges 60 (docs/vision.md)
# Each model's own threshold (MediaPipe: 0.5 short, 0.6 full); the zoomed-out view sees one image, so
# its chances don't add up as the windows' do.
ZOOM_THRESHOLD = 0.65
FULL_THRESHOLD = 0.6


def min_face_px(width: int, height: int) -> float:
    return max(MIN_FACE_PX, MIN_FACE_SHARE * max(width, height))


def tile_side(width: int, height: int) -> int | None:
    """Side (image pixels) of the tiles, or None when the windows already see the smallest face."""
    side = min_face_px(width, height) * FULL.input_size / SMALLEST_FULL_PX
    return round(side) if side * TILE_MIN_GAIN <= min(width, height) else None


@dataclass
class PyramidDetector:
    """The three levels above; ``tiles=False`` leaves out the third (the windows see 36 px at 480p)."""

    threads: int = 1
    tiles: bool = True
    name: str = "blazeface-pyramid"
    framing: Framing = FULL.framing  # most faces come from the full-range model
    _short: BlazeFaceDetector = field(init=False, repr=False)
    _full: BlazeFaceDetector = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._short = BlazeFaceDetector(SHORT, threads=self.threads, windows=False, name=self.name)
        self._full = BlazeFaceDetector(FULL, threads=self.threads, name=self.name)

    def detect(self, image: np.ndarray) -> list[Face]:
        height, width = image.shape[:2]
        parts = self._windows(image)
        if self.tiles:
            parts += self._tiles(image)
        parts.append(_without_faces_inside(self._zoomed_out(image), parts))
        boxes = np.concatenate([p[0] for p in parts])
        scores = np.concatenate([p[1] for p in parts])
        faces = []
        for (x0, y0, x1, y1), score in _weighted_nms(boxes, scores):
            box = clip_box(x0, y0, x1, y1, width, height)
            if box is not None:
                faces.append(Face(box=box, score=score))
        return largest_first(faces)

    def _zoomed_out(self, image: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The short-range model on the whole image set, at half the input's size, on a grey square."""
        height, width = image.shape[:2]
        size = SHORT.input_size
        fit = size * ZOOM_FILL / max(width, height)
        small = cv2.resize(image, (max(1, round(width * fit)), max(1, round(height * fit))),
                           interpolation=cv2.INTER_AREA if fit < 1 else cv2.INTER_LINEAR)
        sh, sw = small.shape[:2]
        canvas = np.full((size, size, 3), ZOOM_GREY, dtype=np.uint8)
        left, top = (size - sw) // 2, (size - sh) // 2
        canvas[top : top + sh, left : left + sw] = small
        boxes, scores = self._short._raw(canvas, 0, 0, size, size, ZOOM_THRESHOLD)
        boxes = (boxes - np.array([left, top, left, top])) * np.array([width / sw, height / sh] * 2)
        return boxes, scores

    def _windows(self, image: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
        """The full-range model over squares of the shorter side, each shrunk to its input."""
        small, scale = _shrunk(image, FULL.input_size / max(1, min(image.shape[:2])))
        sh, sw = small.shape[:2]
        return [(boxes * scale, scores) for boxes, scores in
                (self._full._raw(small, x, y, w, h, FULL_THRESHOLD) for x, y, w, h in square_windows(sw, sh))]

    def _tiles(self, image: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
        """The full-range model over overlapping tiles; boxes cut by a tile's inner edge are dropped (the
        neighbour holds that face whole), and so are boxes over half a tile (the windows' faces)."""
        height, width = image.shape[:2]
        side = tile_side(width, height)
        if side is None:
            return []
        size = FULL.input_size
        small, scale = _shrunk(image, size / side)
        sh, sw = small.shape[:2]
        tile = min(size, sw, sh)
        out = []
        for y in _starts(sh, tile):
            for x in _starts(sw, tile):
                boxes, scores = self._full._raw(small, x, y, tile, tile, FULL_THRESHOLD)
                cut = (((boxes[:, 0] <= x) & (x > 0)) | ((boxes[:, 1] <= y) & (y > 0))
                       | ((boxes[:, 2] >= x + tile) & (x + tile < sw)) | ((boxes[:, 3] >= y + tile) & (y + tile < sh)))
                large = np.maximum(boxes[:, 2] - boxes[:, 0], boxes[:, 3] - boxes[:, 1]) > tile / 2
                keep = ~(cut | large)
                out.append((boxes[keep] * scale, scores[keep]))
        return out


def _without_faces_inside(zoomed: tuple[np.ndarray, np.ndarray],
                          others: list[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
    """The zoomed-out view's boxes, less those holding a face found closer up (less than a quarter of
    their area, centre inside): seen from afar, a head and shoulders around a small face can pass for a
    face (the astronaut's photo pasted at 245 px: a 208 px box at 0.62 around her 48 px face)."""
    boxes, scores = zoomed
    if len(boxes) == 0 or not others:
        return zoomed
    inner = np.concatenate([o[0] for o in others])
    if len(inner) == 0:
        return zoomed
    cx, cy = (inner[:, 0] + inner[:, 2]) / 2, (inner[:, 1] + inner[:, 3]) / 2
    inner_area = (inner[:, 2] - inner[:, 0]) * (inner[:, 3] - inner[:, 1])
    keep = []
    for x0, y0, x1, y1 in boxes:
        holds = (cx > x0) & (cx < x1) & (cy > y0) & (cy < y1) & (inner_area < (x1 - x0) * (y1 - y0) / 4)
        keep.append(not holds.any())
    mask = np.asarray(keep, dtype=bool)
    return boxes[mask], scores[mask]


@DETECTORS.register("blazeface-pyramid")
def create_pyramid(settings: Settings) -> PyramidDetector:
    return PyramidDetector(threads=settings.ort_threads)


@DETECTORS.register("blazeface-pyramid-live")
def create_pyramid_live(settings: Settings) -> PyramidDetector:
    """The same detector without the tiles, for video frames (a 720p frame: faces from ~54 px)."""
    return PyramidDetector(threads=settings.ort_threads, tiles=False, name="blazeface-pyramid-live")
