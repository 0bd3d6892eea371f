"""``analyze``: bytes -> faces largest first with emotions; no face -> empty; crop=none -> whole image."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

import moodify
from moodify.errors import ImageError, ModelError
from moodify.settings import Settings
from moodify.types import Box, Face
from moodify.vision.analyzer import (
    analyze,
    analyze_array,
    default_classifier,
    default_detector,
    face_margin,
)
from moodify.vision.detectors.base import Framing

from .conftest import encode


def test_real_photo_gives_exactly_one_classified_face(astronaut: np.ndarray, tiny_settings: Settings) -> None:
    result = analyze(encode(astronaut), settings=tiny_settings)
    assert (result.width, result.height) == (512, 512)
    assert len(result.faces) == 1
    face = result.faces[0]
    assert face.scores is not None and abs(sum(face.scores.probabilities) - 1) < 1e-6
    assert 150 < face.box.x < 200 and 50 < face.box.y < 110
    assert result.primary is face


def test_no_face_is_an_empty_result_not_a_guess(no_face_photos: dict[str, np.ndarray],
                                                 tiny_settings: Settings) -> None:
    for photo in no_face_photos.values():
        assert analyze(encode(np.ascontiguousarray(photo)), settings=tiny_settings).faces == ()


def test_crop_none_classifies_the_whole_image(tiny_settings: Settings) -> None:
    crop = np.random.default_rng(0).integers(0, 255, (48, 48, 3), dtype=np.uint8)
    result = analyze(encode(crop, "PNG"), settings=tiny_settings, crop="none")
    assert len(result.faces) == 1 and result.faces[0].box == Box(0, 0, 48, 48)
    assert result.faces[0].scores is not None


def test_crop_none_matches_the_training_path(tiny_settings: Settings) -> None:
    from moodify.vision.preprocess import preprocess

    crop = np.random.default_rng(1).integers(0, 255, (48, 48), dtype=np.uint8)
    clf = default_classifier(tiny_settings)
    expected = clf.classify(preprocess(crop)[None, None])[0]
    got = analyze(encode(crop, "PNG"), settings=tiny_settings, crop="none").faces[0].scores
    assert got is not None
    np.testing.assert_allclose(got.probabilities, expected.probabilities, atol=1e-9)


def test_all_faces_are_classified_in_one_batch_largest_first(astronaut: np.ndarray,
                                                             tiny_settings: Settings) -> None:
    face = astronaut[30:230, 130:330]
    canvas = np.full((720, 1280, 3), 235, np.uint8)
    canvas[40:340, 60:360] = cv2.resize(face, (300, 300))
    canvas[230:680, 700:1150] = cv2.resize(face, (450, 450))
    result = analyze(encode(canvas), settings=tiny_settings)
    assert len(result.faces) == 2
    assert result.faces[0].box.area > result.faces[1].box.area
    assert all(f.scores is not None for f in result.faces)


def test_unreadable_bytes_raise_image_error(tiny_settings: Settings) -> None:
    with pytest.raises(ImageError):
        analyze(b"GIF89a but not really", settings=tiny_settings)


def test_size_limits_come_from_settings(astronaut: np.ndarray, tiny_model: Path) -> None:
    with pytest.raises(ImageError, match="limit"):
        analyze(encode(astronaut), settings=Settings(model_path=tiny_model, max_image_pixels=100_000))


def test_bad_crop_value(tiny_settings: Settings, astronaut: np.ndarray) -> None:
    with pytest.raises(ValueError, match="crop"):
        analyze_array(astronaut, settings=tiny_settings, crop="face")  # type: ignore[arg-type]


def test_missing_model_is_a_model_error(tmp_path: Path, astronaut: np.ndarray) -> None:
    with pytest.raises(ModelError):
        analyze(encode(astronaut), settings=Settings(model_path=tmp_path / "none.onnx"))


def test_facade_forwards(astronaut: np.ndarray, tiny_settings: Settings) -> None:
    assert len(moodify.analyze(encode(astronaut), settings=tiny_settings).faces) == 1


def test_default_models_are_built_once_per_configuration(tiny_settings: Settings) -> None:
    assert default_detector(tiny_settings) is default_detector(tiny_settings.model_copy())
    assert default_classifier(tiny_settings) is default_classifier(tiny_settings.model_copy())
    other = tiny_settings.model_copy(update={"detector": "haar"})
    assert default_detector(other) is not default_detector(tiny_settings)


def test_explicit_margin_overrides_the_model_card(tiny_model: Path) -> None:
    clf_settings = Settings(model_path=tiny_model)
    clf = default_classifier(clf_settings)
    assert face_margin(clf_settings, clf) == clf.card.margin
    assert face_margin(Settings(model_path=tiny_model, face_margin=0.4), clf) == 0.4


def test_injected_detector_and_classifier_are_used(astronaut: np.ndarray, tiny_settings: Settings) -> None:
    class OneBox:
        name = "fixed"
        framing = Framing()

        def detect(self, image: np.ndarray) -> list[Face]:
            return [Face(Box(0, 0, 10, 10), 0.5)]

    result = analyze(encode(astronaut), settings=tiny_settings, detector=OneBox())
    assert [f.box for f in result.faces] == [Box(0, 0, 10, 10)]


def test_framing_crop_box_math() -> None:
    assert Framing(scale=1.0).crop_box(Box(10, 20, 30, 40)) == Box(5, 20, 40, 40)
    assert Framing(scale=2.0, shift_y=-0.25).crop_box(Box(0, 0, 10, 10)) == Box(-5, -8, 20, 20)


def test_detected_faces_are_framed_like_the_training_crops(tiny_settings: Settings) -> None:
    """FER2013 test crops pasted into a photo: the square the classifier sees (the detector's box
    through its measured framing) overlaps the pasted crop better than the box plus a plain margin."""
    from PIL import Image

    from .conftest import shared_dir

    def overlap(a: Box, b: Box) -> float:
        ix = max(0, min(a.x + a.w, b.x + b.w) - max(a.x, b.x))
        iy = max(0, min(a.y + a.h, b.y + b.h) - max(a.y, b.y))
        return ix * iy / (a.area + b.area - ix * iy)

    detector = default_detector(tiny_settings)
    framed, plain = [], []
    for path in sorted((shared_dir() / "data" / "fer2013" / "test" / "neutral").glob("*.jpg"))[:12]:
        crop = np.asarray(Image.open(path).convert("RGB"))
        photo = np.full((480, 640, 3), 40, np.uint8)
        photo[100:340, 200:440] = cv2.resize(crop, (240, 240), interpolation=cv2.INTER_CUBIC)
        faces = detector.detect(photo)
        if len(faces) == 1:
            framed.append(overlap(detector.framing.crop_box(faces[0].box), Box(200, 100, 240, 240)))
            plain.append(overlap(Framing(scale=1.3).crop_box(faces[0].box), Box(200, 100, 240, 240)))
    assert len(framed) >= 8
    assert np.mean(framed) > 0.7 and np.mean(framed) > np.mean(plain) + 0.05


def test_large_photos_are_analysed_downscaled_but_reported_full_size(astronaut: np.ndarray,
                                                                     tiny_settings: Settings) -> None:
    big = cv2.resize(astronaut, (3072, 3072), interpolation=cv2.INTER_CUBIC)
    data = encode(big)
    fast = analyze(data, settings=tiny_settings)  # analysis_max_side = 1280
    assert (fast.width, fast.height) == (3072, 3072) and len(fast.faces) == 1
    box = fast.faces[0].box
    assert 900 < box.x < 1250 and 300 < box.y < 660 and 450 < box.w < 700  # ~6x the 512-px box
    full = analyze(data, settings=tiny_settings.model_copy(update={"analysis_max_side": 10_000}))
    assert abs(full.faces[0].box.x - box.x) < 40 and abs(full.faces[0].box.w - box.w) < 60
