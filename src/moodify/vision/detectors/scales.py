"""BlazeFace run fully convolutionally: one model run per scale, then a second look at the unsure faces.

``blazeface-pyramid`` slides the fixed-size models over overlapping windows and tiles (19 runs at 640x480,
12 of them 192 px tiles for 24 px faces). BlazeFace is a plain convolutional network, so an any-size copy of
the short-range model (``models/make_dynamic.py``: the same weights, the input's height and width left open)
runs once over the whole image at each scale and returns one anchor grid for it:

1. *fine*: the image shrunk so that the smallest face promised (:func:`min_face_px`) is
   ``SMALLEST_SEEN_PX`` in the model's input; then the same, 2.5x smaller each time, while the image is
   larger than the model's own 128 px input.
2. *zoomed out*: the whole image in 40, 60 and 80 % of a 128 px grey square (as ``blazeface-pyramid``), so a
   face that fills the frame (a selfie cropped to the face, FER2013's crops) is a size the model knows.
3. *second look*: a face under ``SURE`` is kept only if the model, shown a grey-bordered square around it with
   the face at 45 % of its input, finds it again. Most false faces (textures, a logo, a patch of fur) are
   found once at one scale; real ones again.

Every face keeps BlazeFace's six keypoints (eyes, nose tip, mouth, ears: MediaPipe's order). Measured
against the other detectors in one run: benchmarks/results/vision.json, docs/vision.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

import cv2
import numpy as np

from moodify.types import Box, Face
from moodify.vision.detectors.base import DETECTORS, Framing, clip_box
from moodify.vision.detectors.blazeface import SHORT, _weighted_nms
from moodify.vision.detectors.pyramid import _no_face_inside_a_face
from moodify.vision.onnx_session import open_session

if TYPE_CHECKING:
    from moodify.settings import Settings

MODEL_FILE = "blazeface_short_range_any.onnx"
STEP = 16  # the input's sides must be multiples of the coarsest stride
STRIDES, ANCHORS_PER_CELL = (8, 16), (2, 6)
INPUT = 128  # the size the model was trained at
GREY = 128  # ~0 after normalising: the same as the network's own zero padding around the image

# The smallest face the model finds in its input (the astronaut's: 12 of 12 placements at 18 px, 3 of 12 at
# 16 px), and the smallest face promised in a photo: 24 px, or 3.75 % of the longer side (48 px in a photo
# shown 1280 px wide). Live promises faces from 1/10 of the shorter side (72 px in a 720p frame, whose Live
# promise is 90 px), which keeps the fine pass at a fraction of a photo's cost.
SMALLEST_SEEN_PX = 18
MIN_FACE_PX = 24
MIN_FACE_SHARE = 48 / 1280
LIVE_MIN_FACE_SHARE = 1 / 10
LEVEL_STEP = 2.5  # the model finds faces from ~18 to ~100 px of its input: 2.5x between scales overlaps
MARGIN = 8  # grey around each scale's image, so anchors also sit just outside it
ZOOM_FILLS = (0.4, 0.6, 0.8)  # measured for blazeface-pyramid: docs/vision.md

# Thresholds, measured on the benchmark's suite (docs/vision.md): the finest scale looks at the most
# anchors, so it needs the most certainty before a face counts.
FINE_THRESHOLD = 0.7
COARSE_THRESHOLD = 0.65
ZOOM_THRESHOLD = 0.7
SURE = 0.8  # at or above it a face skips the second look
CHECK_THRESHOLD = 0.65  # the second look's score a face needs
CHECK_FILL = 0.45  # the face's side in the second look, as a share of the input


@dataclass(frozen=True)
class Scale:
    """One model run: the image resized by ``factor`` on a grey canvas (at least ``canvas`` px a side)."""

    factor: float
    threshold: float
    margin: int = MARGIN
    canvas: int = 0


def min_face_px(width: int, height: int, live: bool = False) -> float:
    """The smallest face promised in a ``width`` x ``height`` image (photo or Live frame)."""
    if live:
        return max(MIN_FACE_PX, LIVE_MIN_FACE_SHARE * min(width, height))
    return max(MIN_FACE_PX, MIN_FACE_SHARE * max(width, height))


def scales(width: int, height: int, live: bool = False) -> list[Scale]:
    """The fine scales (down to the model's own input size), then the zoomed-out views."""
    longer = max(width, height)
    factor = SMALLEST_SEEN_PX / min_face_px(width, height, live)
    out: list[Scale] = []
    while longer * factor > INPUT * 0.9:
        out.append(Scale(factor, COARSE_THRESHOLD if out else FINE_THRESHOLD))
        factor /= LEVEL_STEP
    return out + [Scale(INPUT * fill / longer, ZOOM_THRESHOLD, margin=0, canvas=INPUT) for fill in ZOOM_FILLS]


@lru_cache(maxsize=64)  # bounded: every photo size gives new grids, and a server sees any size
def grid_anchors(height: int, width: int) -> np.ndarray:
    """Anchor centres (N, 2) in input pixels, in the order of the model's outputs (stride 8, then 16)."""
    out = []
    for stride, per_cell in zip(STRIDES, ANCHORS_PER_CELL, strict=True):
        ys, xs = np.mgrid[0 : height // stride, 0 : width // stride]
        centres = np.stack([(xs + 0.5) * stride, (ys + 0.5) * stride], axis=-1).reshape(-1, 2)
        out.append(np.repeat(centres, per_cell, axis=0))
    return np.concatenate(out).astype(np.float32)


@dataclass
class ScalesDetector:
    """The short-range BlazeFace at a few scales of the whole image; ``live`` promises larger faces only."""

    threads: int = 1
    live: bool = False
    name: str = "blazeface-scales"
    framing: Framing = SHORT.framing
    _session: Any = field(init=False, repr=False)

    def __post_init__(self) -> None:
        path = Path(str(files("moodify.vision.detectors") / "models" / MODEL_FILE))
        self._session = open_session(path, threads=self.threads, what=f"{self.name} face model", any_shape=True)
        self._input = self._session.get_inputs()[0].name

    def detect(self, image: np.ndarray) -> list[Face]:
        height, width = image.shape[:2]
        found, source = [], image
        for scale in scales(width, height, self.live):
            if scale.canvas:  # a zoomed-out view: from the image itself (shrunk from the last fine scale's
                # copy, one of 140 FER2013 crops scored just under the threshold)
                found.append(self._at_scale(image, image, scale)[:2])
                continue
            rows, scores, source = self._at_scale(image, source, scale)  # each fine scale from the last one
            found.append((rows, scores))
        rows = np.concatenate([f[0] for f in found])
        scores = np.concatenate([f[1] for f in found])
        faces = []
        for row, score in _weighted_nms(rows, scores):
            box = clip_box(row[0], row[1], row[2], row[3], width, height)
            if box is not None:
                points = tuple((float(x), float(y)) for x, y in row[4:].reshape(-1, 2))
                faces.append(Face(box=box, score=score, landmarks=points))
        return [f for f in _no_face_inside_a_face(faces) if f.score >= SURE or self._seen_again(image, f.box)]

    def _at_scale(self, image: np.ndarray, source: np.ndarray,
                  scale: Scale) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Rows (N, 16: box corners, then six keypoints; image pixels) and scores above the threshold, and
        the shrunk image. ``source`` is ``image`` or a larger shrunk copy of it, which is cheaper to shrink."""
        height, width = image.shape[:2]
        sw, sh = max(1, round(width * scale.factor)), max(1, round(height * scale.factor))
        if source.shape[1] < sw:  # enlarging: from the original
            source = image
        small = source if source.shape[:2] == (sh, sw) else cv2.resize(
            source, (sw, sh), interpolation=cv2.INTER_AREA if sw < source.shape[1] else cv2.INTER_LINEAR)
        cw = max(scale.canvas, -(-(sw + 2 * scale.margin) // STEP) * STEP)
        ch = max(scale.canvas, -(-(sh + 2 * scale.margin) // STEP) * STEP)
        canvas = np.full((ch, cw, 3), GREY, dtype=np.uint8)
        left, top = (cw - sw) // 2, (ch - sh) // 2
        canvas[top : top + sh, left : left + sw] = small
        rows, scores = self._run(canvas, scale.threshold)
        rows[:, 0::2] = (rows[:, 0::2] - left) * (width / sw)
        rows[:, 1::2] = (rows[:, 1::2] - top) * (height / sh)
        return rows, scores, small

    def _run(self, canvas: np.ndarray, threshold: float) -> tuple[np.ndarray, np.ndarray]:
        """One model run on a uint8 canvas whose sides are multiples of STEP; rows in canvas pixels."""
        height, width = canvas.shape[:2]
        tensor = cv2.dnn.blobFromImage(canvas, 1.0 / 127.5, mean=(127.5, 127.5, 127.5))  # NCHW in [-1, 1]
        regressors, logits = self._session.run(None, {self._input: tensor})
        # float32 exp overflows past 88, so clip a little below it.
        scores = 1.0 / (1.0 + np.exp(-np.clip(logits.reshape(-1), -80.0, 80.0)))
        keep = scores >= threshold
        return _decode(regressors.reshape(-1, 16)[keep], grid_anchors(height, width)[keep]), scores[keep]

    def _seen_again(self, image: np.ndarray, box: Box) -> bool:
        """The second look: the face alone at CHECK_FILL of the model's input, on grey, scores again."""
        k = CHECK_FILL * INPUT / max(box.w, box.h)
        cx, cy = box.x + box.w / 2, box.y + box.h / 2
        warp = np.array([[k, 0, INPUT / 2 - k * cx], [0, k, INPUT / 2 - k * cy]], dtype=np.float32)
        view = cv2.warpAffine(image, warp, (INPUT, INPUT), flags=cv2.INTER_AREA if k < 1 else cv2.INTER_LINEAR,
                              borderMode=cv2.BORDER_CONSTANT, borderValue=(GREY, GREY, GREY))
        rows, _ = self._run(view, CHECK_THRESHOLD)
        centres = (rows[:, 0:2] + rows[:, 2:4]) / 2
        return bool((np.abs(centres - INPUT / 2) < INPUT * 0.15).all(axis=1).any())


def _decode(raw: np.ndarray, centres: np.ndarray) -> np.ndarray:
    """Regressor rows (box centre, size, 6 keypoints as offsets from the anchor) -> corners and keypoints."""
    cx, cy = raw[:, 0] + centres[:, 0], raw[:, 1] + centres[:, 1]
    half_w, half_h = raw[:, 2] / 2.0, raw[:, 3] / 2.0
    points = raw[:, 4:16] + np.tile(centres, 6)
    return np.concatenate([np.stack([cx - half_w, cy - half_h, cx + half_w, cy + half_h], axis=1), points], axis=1)


@DETECTORS.register("blazeface-scales")
def create_scales(settings: Settings) -> ScalesDetector:
    return ScalesDetector(threads=settings.ort_threads)


@DETECTORS.register("blazeface-scales-live")
def create_scales_live(settings: Settings) -> ScalesDetector:
    """Video frames: faces from 1/10 of the shorter side (a 720p frame: 72 px)."""
    return ScalesDetector(threads=settings.ort_threads, live=True, name="blazeface-scales-live")
