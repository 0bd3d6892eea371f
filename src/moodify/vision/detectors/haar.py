"""OpenCV's Viola-Jones Haar cascade (frontal faces). The cascade XML ships in opencv-python-headless."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import cv2
import numpy as np

from moodify.errors import ModelError
from moodify.types import Face
from moodify.vision.detectors.base import DETECTORS, Framing, clip_box, largest_first

if TYPE_CHECKING:
    from moodify.settings import Settings

log = logging.getLogger(__name__)

CASCADE = "haarcascade_frontalface_default.xml"

HAAR_FRAMING = Framing(scale=1.059)  # measured on FER2013 crops, docs/vision.md


@dataclass
class HaarDetector:
    """Multi-scale cascade on a downscaled gray copy (speed), boxes mapped back to full size."""

    work_side: int = 480  # longer side of the image the cascade scans
    min_face_fraction: float = 0.06  # faces smaller than this share of the shorter side are ignored
    min_neighbors: int = 5
    scale_factor: float = 1.1
    name: str = "haar"
    framing: Framing = HAAR_FRAMING
    _cascade: cv2.CascadeClassifier = field(init=False, repr=False)

    def __post_init__(self) -> None:
        path = Path(cv2.data.haarcascades) / CASCADE  # type: ignore[attr-defined]
        self._cascade = cv2.CascadeClassifier(str(path))
        if self._cascade.empty():
            raise ModelError(f"could not load the Haar cascade {path}")

    def detect(self, image: np.ndarray) -> list[Face]:
        height, width = image.shape[:2]
        gray = cv2.cvtColor(image, cv2.COLOR_RGB2GRAY) if image.ndim == 3 else image
        scale = min(1.0, self.work_side / max(height, width))
        if scale < 1.0:
            size = (round(width * scale), round(height * scale))
            gray = cv2.resize(gray, size, interpolation=cv2.INTER_AREA)
        gray = cv2.equalizeHist(gray)
        min_side = max(20, round(min(gray.shape) * self.min_face_fraction))
        rects, neighbours = self._cascade.detectMultiScale2(
            gray, scaleFactor=self.scale_factor, minNeighbors=self.min_neighbors,
            minSize=(min_side, min_side))
        faces = []
        for (x, y, w, h), n in zip(np.asarray(rects).reshape(-1, 4), np.asarray(neighbours).reshape(-1),
                                   strict=True):
            box = clip_box(x / scale, y / scale, (x + w) / scale, (y + h) / scale, width, height)
            if box is not None:
                # Not a probability: more overlapping hits = surer; saturates around 4x min_neighbors.
                faces.append(Face(box=box, score=float(min(1.0, n / (4.0 * self.min_neighbors)))))
        return largest_first(faces)


@DETECTORS.register("haar")
def create(settings: Settings) -> HaarDetector:
    return HaarDetector()
