"""Evaluate the serving path on a labelled folder ``<class>/*``: same loader, detector, preprocessing."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from moodify.errors import DatasetError, ImageError
from moodify.metrics import EvaluationReport
from moodify.settings import Settings
from moodify.types import EMOTIONS, canonical_emotion
from moodify.vision.analyzer import Crop, classifier_input, default_classifier, default_detector, find_faces
from moodify.vision.classifier import EmotionClassifier, softmax
from moodify.vision.detectors.base import FaceDetector
from moodify.vision.image_io import load_image

log = logging.getLogger(__name__)

IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".bmp", ".webp", ".gif"})


@dataclass(frozen=True)
class LabelledImage:
    path: Path
    label: int  # index into EMOTIONS


def list_labelled_images(root: Path) -> list[LabelledImage]:
    """Every image in ``root/<class>/`` (class names through the alias table); other folders are skipped."""
    if not root.is_dir():
        raise DatasetError(f"{root} is not a folder; expected {root}/<class>/<images>")
    items: list[LabelledImage] = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        try:
            label = EMOTIONS.index(canonical_emotion(folder.name))
        except KeyError:
            log.warning("skipping %s: %r is not an emotion name", folder, folder.name)
            continue
        items += [LabelledImage(p, label) for p in sorted(folder.rglob("*"))
                  if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES]
    if not items:
        raise DatasetError(f"no images found under {root}/<class>/ (classes: {', '.join(EMOTIONS)})")
    return items


def stratified_subset(items: Sequence[LabelledImage], per_class: int, seed: int = 0) -> list[LabelledImage]:
    """Up to ``per_class`` images of each class, drawn with a fixed seed (reproducible quick checks)."""
    rng = np.random.default_rng(seed)
    out: list[LabelledImage] = []
    for label in range(len(EMOTIONS)):
        pool = [it for it in items if it.label == label]
        picked = rng.permutation(len(pool))[:per_class]
        out += [pool[i] for i in sorted(picked)]
    return out


def balanced_subset(items: Sequence[LabelledImage], total: int, seed: int = 0) -> list[LabelledImage]:
    """``total`` images, as evenly spread over the classes as their sizes allow (fixed seed).

    A class with fewer images than its share gives all it has; the rest is shared by the others
    (FER2013 test has only 55 ``disgust`` images, so 700 = 55 + 6 x ~107.5).
    """
    sizes = np.bincount([it.label for it in items], minlength=len(EMOTIONS))
    quota = np.zeros(len(EMOTIONS), dtype=np.int64)
    left = min(total, len(items))
    while left > 0:
        open_ = np.flatnonzero(quota < sizes)
        share = np.full(len(open_), left // len(open_))
        share[: left % len(open_)] += 1
        add = np.minimum(share, sizes[open_] - quota[open_])
        quota[open_] += add
        left -= int(add.sum())
    return [it for label in range(len(EMOTIONS))
            for it in stratified_subset([i for i in items if i.label == label], int(quota[label]), seed)]


@dataclass(frozen=True)
class Failure:
    path: Path
    reason: str


@dataclass(frozen=True)
class EvaluationResult:
    report: EvaluationReport
    probabilities: np.ndarray  # (n, 7) for the scored images, EMOTIONS order
    labels: np.ndarray  # (n,) their true class indices
    failures: list[Failure]


def evaluate(items: Sequence[LabelledImage], *, settings: Settings, crop: Crop = "none",
             detector: FaceDetector | None = None, classifier: EmotionClassifier | None = None,
             progress: Callable[[int, int], None] | None = None) -> EvaluationResult:
    """Classify every image (its largest face with ``crop="detect"``), then score against the labels.

    Unreadable images and (with ``detect``) images without a face are not scored; they are counted
    in ``report.extra`` and returned as failures, so coverage is visible next to accuracy.
    """
    classifier = classifier or default_classifier(settings)
    if crop == "detect":
        detector = detector or default_detector(settings)
    crops, labels, failures = [], [], []
    no_face = 0
    for i, item in enumerate(items):
        if progress:
            progress(i, len(items))
        try:
            rgb = load_image(item.path.read_bytes(), max_bytes=settings.max_image_bytes,
                             max_pixels=settings.max_image_pixels)
        except (OSError, ImageError) as exc:
            failures.append(Failure(item.path, str(exc)))
            continue
        faces = find_faces(rgb, settings=settings, crop=crop, detector=detector)
        if not faces:
            no_face += 1
            failures.append(Failure(item.path, "no face found"))
            continue
        crops.append(classifier_input(rgb, faces[:1], crop=crop, detector=detector, settings=settings,
                                      classifier=classifier)[0])
        labels.append(item.label)
    if not crops:
        raise DatasetError(f"none of the {len(items)} images could be classified "
                           f"({no_face} without a face, {len(failures) - no_face} unreadable)")
    logits = classifier.logits(np.stack(crops))
    probs = softmax(logits, classifier.temperature)
    report = EvaluationReport.from_probabilities(
        probs, labels, logits=logits, temperature=classifier.temperature,
        images=len(items), no_face=no_face, unreadable=len(failures) - no_face, crop=crop,
        detector=settings.detector if crop == "detect" else None, model=classifier.card.name,
        tta=classifier.tta)
    return EvaluationResult(report, probs, np.asarray(labels, dtype=np.int64), failures)
