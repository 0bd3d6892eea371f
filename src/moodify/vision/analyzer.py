"""``analyze``: image bytes -> every face, largest first, each with its emotion probabilities."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Literal

import numpy as np

from moodify.settings import Settings, get_settings
from moodify.types import Analysis, Box, Face
from moodify.vision.classifier import EmotionClassifier
from moodify.vision.detectors.base import FaceDetector, Framing, create_detector
from moodify.vision.image_io import DecodedImage, decode_image
from moodify.vision.preprocess import aligned, eye_angle, preprocess, preprocess_batch

log = logging.getLogger(__name__)

Crop = Literal["detect", "none"]


def analyze(image: bytes, *, settings: Settings | None = None, crop: Crop = "detect",
            detector: FaceDetector | None = None, classifier: EmotionClassifier | None = None) -> Analysis:
    """Decode, find faces (or take the whole image with ``crop="none"``), classify all faces in one batch.

    Raises :class:`~moodify.errors.ImageError` for unreadable or oversized images and
    :class:`~moodify.errors.ModelError` when a model cannot load. No face -> ``Analysis.faces == ()``:
    the whole picture is never classified unless ``crop="none"`` asks for it.
    """
    settings = settings or get_settings()
    decoded = decode_image(image, max_bytes=settings.max_image_bytes, max_pixels=settings.max_image_pixels,
                           max_side=settings.analysis_max_side, max_concurrent=settings.max_concurrent_decodes,
                           max_cpu_s=settings.max_decode_cpu_s)
    small = analyze_array(decoded.rgb, settings=settings, crop=crop, detector=detector, classifier=classifier)
    sx, sy = decoded.scale
    return Analysis(width=decoded.width, height=decoded.height,
                    faces=tuple(replace(f, box=_scaled(f.box, sx, sy, decoded),
                                        landmarks=_scaled_points(f.landmarks, sx, sy)) for f in small.faces))


def _scaled(box: Box, sx: float, sy: float, decoded: DecodedImage) -> Box:
    """A box on the (possibly downscaled) pixels -> full-size image coordinates, kept inside the image."""
    if (sx, sy) == (1.0, 1.0):
        return box
    x0, y0 = min(decoded.width - 1, round(box.x * sx)), min(decoded.height - 1, round(box.y * sy))
    x1, y1 = min(decoded.width, round((box.x + box.w) * sx)), min(decoded.height, round((box.y + box.h) * sy))
    return Box(x0, y0, max(1, x1 - x0), max(1, y1 - y0))


def _scaled_points(points: tuple[tuple[float, float], ...] | None, sx: float,
                   sy: float) -> tuple[tuple[float, float], ...] | None:
    if points is None or (sx, sy) == (1.0, 1.0):
        return points
    return tuple((x * sx, y * sy) for x, y in points)


def analyze_array(rgb: np.ndarray, *, settings: Settings | None = None, crop: Crop = "detect",
                  detector: FaceDetector | None = None,
                  classifier: EmotionClassifier | None = None) -> Analysis:
    """Like :func:`analyze` for an already decoded RGB uint8 (H, W, 3) image (video frames, datasets)."""
    settings = settings or get_settings()
    height, width = rgb.shape[:2]
    if crop == "detect":
        detector = detector or default_detector(settings)
    faces = find_faces(rgb, settings=settings, crop=crop, detector=detector)
    if not faces:
        return Analysis(width=width, height=height, faces=())
    classifier = classifier or default_classifier(settings)
    batch = classifier_input(rgb, faces, crop=crop, detector=detector, settings=settings, classifier=classifier)
    scores = classifier.classify(batch)
    return Analysis(width=width, height=height,
                    faces=tuple(replace(f, scores=s) for f, s in zip(faces, scores, strict=True)))


def find_faces(rgb: np.ndarray, *, settings: Settings, crop: Crop = "detect",
               detector: FaceDetector | None = None) -> list[Face]:
    """The faces to classify: detected ones, or the whole image as one face for ``crop="none"``."""
    if crop == "none":
        height, width = rgb.shape[:2]
        return [Face(box=Box(0, 0, width, height), score=1.0)]
    if crop != "detect":
        raise ValueError(f"crop must be 'detect' or 'none', got {crop!r}")
    return (detector or default_detector(settings)).detect(rgb)


def classifier_input(rgb: np.ndarray, faces: Sequence[Face], *, crop: Crop, detector: FaceDetector | None,
                     settings: Settings, classifier: EmotionClassifier, align: bool = True) -> np.ndarray:
    """The (N, 1, S, S) batch for ``faces``: each cropped the way the model's training crops were framed.

    ``crop="none"``: the whole image, as in training. A detector's measured :class:`Framing` maps its
    box to a FER2013-like square; an explicit ``face_margin`` setting (or a detector without framing)
    grows the raw box by that margin instead. With ``align``, a face with eye keypoints is turned so its
    eye line is level before it is cropped (FER2013's faces are mostly upright; measured in docs/vision.md).
    """
    size = classifier.input_size
    if crop == "none":
        return preprocess_batch(rgb, [None] * len(faces), size=size)
    framing: Framing | None = getattr(detector, "framing", None)
    if framing is None or "face_margin" in settings.model_fields_set:
        boxes: list[Box | None] = [f.box for f in faces]
        return preprocess_batch(rgb, boxes, margin=face_margin(settings, classifier), size=size)
    if not align:
        return preprocess_batch(rgb, [framing.crop_box(f.box) for f in faces], margin=0.0, size=size)
    return np.stack([preprocess(rgb, framing.crop_box(f.box), margin=0.0, size=size) if f.landmarks is None
                     else aligned(rgb, framing.crop_box(f.box), eye_angle(f.landmarks), size=size)
                     for f in faces])[:, None, :, :]


def face_margin(settings: Settings, classifier: EmotionClassifier) -> float:
    """The model card's margin (how the model was trained) unless the settings set one explicitly."""
    if "face_margin" in settings.model_fields_set:
        return settings.face_margin
    return classifier.card.margin


def default_detector(settings: Settings, name: str | None = None) -> FaceDetector:
    """The detector named in the settings (or ``name``), built once per process per configuration."""
    return _cached_detector(name or settings.detector, settings.ort_threads)


def default_classifier(settings: Settings) -> EmotionClassifier:
    """The classifier for the settings' model, built once per process per configuration."""
    return _cached_classifier(settings.model_path, settings.ort_threads, settings.tta)


@lru_cache(maxsize=8)
def _cached_detector(name: str, threads: int) -> FaceDetector:
    return create_detector(name, Settings(detector=name, ort_threads=threads))


@lru_cache(maxsize=8)
def _cached_classifier(model_path: Path | None, threads: int, tta: bool | None) -> EmotionClassifier:
    return EmotionClassifier(model_path, threads=threads, tta=tta)
