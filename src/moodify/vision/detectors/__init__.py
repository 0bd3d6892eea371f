"""Face detectors. Importing this package registers the built-ins in :data:`DETECTORS`."""

from moodify.vision.detectors import blazeface, haar, pyramid, scales, ssd
from moodify.vision.detectors.base import DETECTORS, FaceDetector, create_detector

__all__ = ["DETECTORS", "FaceDetector", "blazeface", "create_detector", "haar", "pyramid", "scales", "ssd"]
