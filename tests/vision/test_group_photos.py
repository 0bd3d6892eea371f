"""Group photos (issue 15): every face a person would see, from 48 px, largest first; none where none is.

The faces are real: scikit-image's astronaut photo (Eileen Collins, NASA, public domain) pasted several
times on one canvas, so each pasted copy carries a face at a known place.
"""

from __future__ import annotations

import itertools

import cv2
import numpy as np
import pytest

from moodify.settings import Settings
from moodify.types import Box
from moodify.vision.analyzer import analyze
from moodify.vision.detectors import FaceDetector, create_detector
from moodify.vision.detectors.base import iou
from moodify.vision.detectors.blazeface import fine_tile_side, fine_tiles, min_face_px

from .conftest import encode

FACE_IN_PHOTO = (176, 62, 100, 116)  # x, y, w, h of the face in the 512x512 photo (by eye)


@pytest.fixture(scope="module")
def detector() -> FaceDetector:
    return create_detector(Settings().detector, Settings())


def _canvas(background: np.ndarray, width: int, height: int, photo: np.ndarray,
            places: list[tuple[int, int, int]]) -> tuple[np.ndarray, list[Box]]:
    """``photo`` pasted at each (x, y, side) on ``background`` resized to the canvas; the faces' boxes."""
    canvas = cv2.resize(np.ascontiguousarray(background), (width, height), interpolation=cv2.INTER_AREA)
    boxes = []
    for x, y, side in places:
        canvas[y : y + side, x : x + side] = cv2.resize(photo, (side, side), interpolation=cv2.INTER_AREA)
        k = side / 512
        fx, fy, fw, fh = FACE_IN_PHOTO
        boxes.append(Box(round(x + fx * k), round(y + fy * k), round(fw * k), round(fh * k)))
    return canvas, boxes


def _overlap(a: Box, b: Box) -> float:
    corners = np.array([[b.x, b.y, b.x + b.w, b.y + b.h]], dtype=np.float64)
    return float(iou(np.array([a.x, a.y, a.x + a.w, a.y + a.h], dtype=np.float64), corners)[0])


def _assert_found(found: list[Box], truth: list[Box]) -> None:
    assert len(found) == len(truth), (found, truth)
    for t in truth:
        assert max(_overlap(t, f) for f in found) > 0.4, (t, found)


@pytest.fixture(scope="module")
def three_astronauts(astronaut: np.ndarray, no_face_photos: dict[str, np.ndarray]) -> tuple[np.ndarray, list[Box]]:
    """Three copies of the photo side by side on 1280x720: faces of 82 px."""
    return _canvas(no_face_photos["coffee"], 1280, 720, astronaut, [(0, 150, 420), (430, 150, 420),
                                                                    (860, 150, 420)])


def test_three_astronauts_on_one_canvas_are_three_faces(
        detector: FaceDetector, three_astronauts: tuple[np.ndarray, list[Box]]) -> None:
    canvas, truth = three_astronauts
    _assert_found([f.box for f in detector.detect(canvas)], truth)


def test_photos_of_512_and_300_px_give_two_faces_largest_first(
        detector: FaceDetector, astronaut: np.ndarray, no_face_photos: dict[str, np.ndarray]) -> None:
    # (On the rocket photo a tile also scores its nose cone 0.703 next to the pasted photo: docs/vision.md.)
    canvas, truth = _canvas(no_face_photos["coffee"], 1280, 720, astronaut, [(700, 100, 512), (20, 200, 300)])
    faces = [f.box for f in detector.detect(canvas)]
    _assert_found(faces, truth)
    assert _overlap(faces[0], truth[0]) > 0.4  # the 100 px face of the 512 px photo comes first
    assert faces[0].area > faces[1].area


def test_four_small_faces_from_48_px(detector: FaceDetector, astronaut: np.ndarray,
                                     no_face_photos: dict[str, np.ndarray]) -> None:
    canvas, truth = _canvas(no_face_photos["chelsea"], 1280, 720, astronaut,
                            [(0, 300, 240), (300, 300, 300), (650, 300, 360), (1030, 300, 250)])
    assert min(b.w for b in truth) <= 48
    _assert_found([f.box for f in detector.detect(canvas)], truth)


def test_photos_without_a_face_still_have_none_at_sizes_that_use_the_tiles(
        detector: FaceDetector, no_face_photos: dict[str, np.ndarray]) -> None:
    for width, height in ((1280, 720), (1280, 960), (720, 1280)):
        assert fine_tile_side(width, height) is not None  # the second pass does run here
        for name, photo in no_face_photos.items():
            big = cv2.resize(np.ascontiguousarray(photo), (width, height), interpolation=cv2.INTER_CUBIC)
            assert detector.detect(big) == [], (name, width, height)
        assert detector.detect(np.full((height, width, 3), 128, np.uint8)) == []


def test_single_face_photos_still_have_one_face(detector: FaceDetector, astronaut: np.ndarray,
                                                no_face_photos: dict[str, np.ndarray]) -> None:
    _assert_found([f.box for f in detector.detect(astronaut)], _canvas(astronaut, 512, 512, astronaut,
                                                                       [(0, 0, 512)])[1])
    for width, height in ((1280, 720), (640, 480)):
        side = height * 2 // 3
        canvas, truth = _canvas(no_face_photos["coffee"], width, height, astronaut, [(width // 3, 20, side)])
        _assert_found([f.box for f in detector.detect(canvas)], truth)


def test_analyze_returns_every_face_largest_first_in_full_size_coordinates(
        tiny_settings: Settings, astronaut: np.ndarray, no_face_photos: dict[str, np.ndarray]) -> None:
    # A phone-size photo: analyze() works on a 1280x960 copy; faces are 50-94 px there.
    canvas, truth = _canvas(no_face_photos["chelsea"], 4000, 3000, astronaut,
                            [(3000, 1500, 800), (100, 800, 1500), (1800, 1200, 1000)])
    result = analyze(encode(canvas, quality=92), settings=tiny_settings)
    assert (result.width, result.height) == (4000, 3000)
    boxes = [f.box for f in result.faces]
    _assert_found(boxes, truth)
    assert [b.area for b in boxes] == sorted((b.area for b in boxes), reverse=True)
    assert all(f.scores is not None for f in result.faces)


def test_the_coarse_detector_keeps_the_old_single_pass(three_astronauts: tuple[np.ndarray, list[Box]]) -> None:
    canvas, truth = three_astronauts
    coarse = create_detector("blazeface-coarse", Settings())
    assert len(coarse.detect(canvas)) < len(truth)  # the comparison the benchmark makes


def test_tiles_only_where_the_first_pass_is_too_coarse() -> None:
    assert fine_tile_side(640, 480) is None  # the first pass already sees faces from ~70 px
    assert fine_tile_side(128, 96) is None
    side = fine_tile_side(1280, 720)
    assert side is not None and 48 * 128 / side == pytest.approx(18, abs=0.1)
    assert min_face_px(4000, 3000) == 150  # 48 px of a 1280 px wide view
    phone = fine_tile_side(4000, 3000)
    assert phone is not None and phone == pytest.approx(150 * 128 / 18, abs=1)


def test_fine_tiles_cover_the_image_with_a_third_of_overlap() -> None:
    tiles = fine_tiles(480, 270, 128)
    covered = np.zeros((270, 480), bool)
    for x, y, w, h in tiles:
        assert (w, h) == (128, 128) and x + w <= 480 and y + h <= 270
        covered[y : y + h, x : x + w] = True
    assert covered.all()
    xs, ys = sorted({t[0] for t in tiles}), sorted({t[1] for t in tiles})
    assert all(b - a <= 128 * 2 / 3 for a, b in itertools.pairwise(xs))
    assert all(b - a <= 128 * 2 / 3 for a, b in itertools.pairwise(ys))
    assert fine_tiles(100, 60, 128) == [(0, 0, 60, 60), (40, 0, 60, 60)]


def test_live_frames_use_the_live_detector(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every Live frame pays for detection, so frames go to ``live_detector`` (promising larger faces
    only, for a cheaper fine scale), photos to ``detector``."""
    import moodify
    from moodify.settings import Settings
    from moodify.vision import analyzer

    used: list[str] = []
    real = analyzer._cached_detector

    def spy(name: str, threads: int):  # type: ignore[no-untyped-def]
        used.append(name)
        return real(name, threads)

    monkeypatch.setattr(analyzer, "_cached_detector", spy)
    frame = np.zeros((720, 1280, 3), np.uint8)
    moodify.analyze_frame(frame, settings=Settings(_env_file=None))
    moodify.analyze_frame(frame, settings=Settings(_env_file=None, live_detector="blazeface"))
    assert used == ["blazeface-scales-live", "blazeface"]
