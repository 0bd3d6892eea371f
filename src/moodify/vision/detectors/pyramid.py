"""BlazeFace over a cheap pyramid: one detector for faces from ~24 px to a face filling the whole frame.

The passes, merged by MediaPipe's weighted suppression:

1. *zoomed out*: the whole image shrunk into 40, 60 and 80 % of the short-range model's 128 px input, on a
   grey square, so a face that fills the frame (a selfie cropped to the face, FER2013's 48 px crops,
   upscaled or not) is a size the model knows. Without it the shipped ``blazeface`` missed 25 of 70
   FER2013 test crops (docs/vision.md).
2. *windows*: ``blazeface``'s first pass (short range over squares of the shorter side) and the full-range
   model (192 px input, made for small faces) over the same squares: it finds faces from ~7.5 % of that
   side (36 px at 640x480, 54 px at 1280x720: Live's 90 px face).
3. *tiles* (photos, not Live): ``blazeface``'s tiles, and the full-range model over tiles sized so that a
   face of :func:`min_face_px` is ``SMALLEST_FULL_PX`` in its input (640x480: 12 tiles for 24 px faces).

Weights: the same Apache-2.0 MediaPipe files as ``blazeface`` (models/README.md). Measured against the
other detectors in one run: benchmarks/results/vision.json, docs/vision.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import cv2
import numpy as np

from moodify.types import Box, Face
from moodify.vision.detectors.base import DETECTORS, Framing, clip_box, largest_first
from moodify.vision.detectors.blazeface import (
    FINE_THRESHOLD,
    FULL,
    SHORT,
    WINDOWED_THRESHOLD,
    BlazeFaceDetector,
    _shrunk,
    _starts,
    _weighted_nms,
    square_windows,
)

if TYPE_CHECKING:
    from moodify.settings import Settings

# The full-range model found a face of 40 px in a 480 px window (16 px of its 192) in 8 of 8 placements,
# 32 px (13 px) in 5 of 8. Tiles that make a 24 px face 16 px found it in 4 of 8 places on one photo,
# 18 px in 7 of 8 (640x480: 12 tiles instead of 6).
SMALLEST_FULL_PX = 18
# The smallest face promised: 24 px, or 48 px in a photo shown 1280 px wide (3.75 % of the longer side).
MIN_FACE_PX = 24
MIN_FACE_SHARE = 48 / 1280
# Tiles run only when they look this much closer than the windows (else they'd repeat the windows' work).
TILE_MIN_GAIN = 1.25
# The zoomed-out image's longer side, as shares of the model's input: three views, because a crop the model
# scores 0.72 at one size can score 0.6 at another. Of 360 FER2013 test crops (48 and 384 px), views at
# (0.5, 0.75) found 351, at (0.4, 0.6, 0.8) 357; no face on the 118 no-face images either way.
ZOOM_FILLS = (0.4, 0.6, 0.8)
ZOOM_GREY = 128  # around it: mid-grey found 69 of 70 crops, black 67, replicated edges 60 (one view, 0.5)
# The full-range model's own threshold (MediaPipe's); the zoomed-out views' is higher, measured on 180 FER2013
# test crops and the benchmark's 118 no-face images:
ZOOM_THRESHOLD = 0.7  # 0.65 let 4 of 118 no-face images through, 0.7 none
FULL_THRESHOLD = 0.6


def min_face_px(width: int, height: int) -> float:
    return max(MIN_FACE_PX, MIN_FACE_SHARE * max(width, height))


def tile_side(width: int, height: int) -> int | None:
    """Side (image pixels) of the tiles, or None when the windows already see the smallest face."""
    side = min_face_px(width, height) * FULL.input_size / SMALLEST_FULL_PX
    return round(side) if side * TILE_MIN_GAIN <= min(width, height) else None


@dataclass
class PyramidDetector:
    """The passes above; ``tiles=False`` leaves out the tiles (for video frames, where they cost most)."""

    threads: int = 1
    tiles: bool = True
    name: str = "blazeface-pyramid"
    framing: Framing = FULL.framing  # most faces come from the full-range model
    _short: BlazeFaceDetector = field(init=False, repr=False)
    _full: BlazeFaceDetector = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._short = BlazeFaceDetector(SHORT, threads=self.threads, threshold=WINDOWED_THRESHOLD,
                                        fine_threshold=FINE_THRESHOLD, name=self.name)
        self._full = BlazeFaceDetector(FULL, threads=self.threads, name=self.name)

    def detect(self, image: np.ndarray) -> list[Face]:
        height, width = image.shape[:2]
        parts = self._short._coarse(image) + self._windows(image)
        if self.tiles:
            parts += self._short._tiles(image) + self._tiles(image)
        parts += [self._zoomed_out(image, fill) for fill in ZOOM_FILLS]
        boxes = np.concatenate([p[0] for p in parts])
        scores = np.concatenate([p[1] for p in parts])
        faces = []
        for (x0, y0, x1, y1), score in _weighted_nms(boxes, scores):
            box = clip_box(x0, y0, x1, y1, width, height)
            if box is not None:
                faces.append(Face(box=box, score=score))
        return _no_face_inside_a_face(largest_first(faces))

    def _zoomed_out(self, image: np.ndarray, fill: float) -> tuple[np.ndarray, np.ndarray]:
        """The short-range model on the whole image, its longer side ``fill`` x the input, on grey."""
        height, width = image.shape[:2]
        size = SHORT.input_size
        fit = size * fill / max(width, height)
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


def _no_face_inside_a_face(faces: list[Face]) -> list[Face]:
    """Of two nested faces (the centre of one inside another at least 4x its area) keeps the surer one.

    Close up, an eye or a mouth in a large face can pass for a small face (4 of 140 FER2013 crops); from
    afar, a head and shoulders around a small face can pass for a large one (the astronaut's photo in a
    720p frame: a 546 px box at 0.71 around her 90 px face at 0.9). The face itself scores higher.
    """
    kept: list[Face] = []
    for face in sorted(faces, key=lambda f: -f.score):
        if not any(_nested(face.box, k.box) or _nested(k.box, face.box) for k in kept):
            kept.append(face)
    return largest_first(kept)


def _nested(small: Box, big: Box) -> bool:
    cx, cy = small.x + small.w / 2, small.y + small.h / 2
    return big.area >= 4 * small.area and big.x < cx < big.x + big.w and big.y < cy < big.y + big.h


@DETECTORS.register("blazeface-pyramid")
def create_pyramid(settings: Settings) -> PyramidDetector:
    return PyramidDetector(threads=settings.ort_threads)


@DETECTORS.register("blazeface-pyramid-live")
def create_pyramid_live(settings: Settings) -> PyramidDetector:
    """The same detector without the tiles, for video frames (a 720p frame: faces from ~54 px)."""
    return PyramidDetector(threads=settings.ort_threads, tiles=False, name="blazeface-pyramid-live")
