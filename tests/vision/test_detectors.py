"""Face detectors on real photos: one face where there is one, none where there is none, largest first."""

from __future__ import annotations

import itertools

import cv2
import numpy as np
import pytest

from moodify.errors import RegistryError
from moodify.settings import Settings
from moodify.types import Box
from moodify.vision.detectors import DETECTORS, FaceDetector, create_detector
from moodify.vision.detectors.base import clip_box, iou, largest_first, nms
from moodify.vision.detectors.blazeface import FULL, SHORT, anchors

ALL = ["blazeface-scales", "blazeface-scales-live", "blazeface-pyramid", "blazeface-pyramid-live", "blazeface",
       "blazeface-coarse", "blazeface-full", "haar", "ssd"]
ASTRONAUT_FACE = np.array([176, 62, 276, 178])  # x0, y0, x1, y1 of Eileen Collins' face (by eye)


@pytest.fixture(scope="module", params=ALL)
def detector(request: pytest.FixtureRequest) -> FaceDetector:
    return create_detector(request.param, Settings())


def _corners(box: Box) -> np.ndarray:
    return np.array([box.x, box.y, box.x + box.w, box.y + box.h], dtype=np.float64)


def test_registry_lists_the_built_ins_and_refuses_unknown_names() -> None:
    create_detector("haar", Settings())  # loads the built-ins
    assert set(ALL) <= set(DETECTORS.names())
    with pytest.raises(RegistryError, match=r"known: .*blazeface"):
        create_detector("yolo-nonexistent", Settings())


def test_default_detector_is_registered() -> None:
    assert Settings().detector in DETECTORS.names()


def test_real_photo_with_one_face(detector: FaceDetector, astronaut: np.ndarray) -> None:
    assert isinstance(detector, FaceDetector)
    faces = detector.detect(astronaut)
    assert len(faces) == 1, detector.name
    assert iou(ASTRONAUT_FACE, _corners(faces[0].box)[None])[0] > 0.5
    assert 0 < faces[0].score <= 1


def test_default_finds_no_face_in_photos_without_people(no_face_photos: dict[str, np.ndarray]) -> None:
    det = create_detector(Settings().detector, Settings())
    for name, photo in no_face_photos.items():
        assert det.detect(np.ascontiguousarray(photo)) == [], name
    assert det.detect(np.full((480, 640, 3), 128, np.uint8)) == []


def test_tiny_and_odd_images_do_not_crash(detector: FaceDetector) -> None:
    for shape in [(1, 1, 3), (3, 500, 3), (500, 2, 3)]:
        assert detector.detect(np.zeros(shape, np.uint8)) == []


def test_several_faces_largest_first(astronaut: np.ndarray) -> None:
    face = astronaut[30:230, 130:330]  # the face with some context
    canvas = np.full((720, 1280, 3), 235, np.uint8)
    canvas[40:340, 60:360] = cv2.resize(face, (300, 300))
    canvas[230:680, 700:1150] = cv2.resize(face, (450, 450))
    for name in ("blazeface-scales", "blazeface-scales-live", "blazeface-pyramid", "blazeface-pyramid-live",
                 "blazeface", "blazeface-coarse", "blazeface-full", "ssd"):
        faces = create_detector(name, Settings()).detect(canvas)
        assert len(faces) == 2, name
        assert faces[0].box.area > faces[1].box.area
        assert faces[0].box.x > 600 and faces[1].box.x < 300


def test_face_cut_by_the_border_gives_a_box_inside_the_image(astronaut: np.ndarray) -> None:
    shifted = np.ascontiguousarray(astronaut[:, 200:])  # the face's left part is cut off
    for face in create_detector("blazeface", Settings()).detect(shifted):
        b = face.box
        assert b.x >= 0 and b.y >= 0 and b.x + b.w <= shifted.shape[1] and b.y + b.h <= shifted.shape[0]


def test_blazeface_anchor_counts_match_the_models() -> None:
    assert anchors(SHORT).shape == (896, 2)
    assert anchors(FULL).shape == (2304, 2)
    assert anchors(SHORT).min() > 0 and anchors(SHORT).max() < 1


def test_helpers() -> None:
    assert clip_box(-5, -5, 10, 10, 8, 8) == Box(0, 0, 8, 8)
    assert clip_box(7.6, 0, 9, 9, 8, 8) is None  # nothing left inside
    boxes = np.array([[0, 0, 10, 10], [1, 1, 11, 11], [50, 50, 60, 60]], dtype=np.float64)
    assert nms(boxes, np.array([0.9, 0.8, 0.7]), 0.5) == [0, 2]
    from moodify.types import Face

    small, big = Face(Box(0, 0, 5, 5)), Face(Box(0, 0, 9, 9))
    assert largest_first([small, big]) == [big, small]


def test_square_windows_cover_the_image_with_overlap() -> None:
    from moodify.vision.detectors.blazeface import square_windows

    assert square_windows(512, 512) == [(0, 0, 512, 512)]
    assert square_windows(640, 480) == [(0, 0, 480, 480), (160, 0, 480, 480)]
    assert square_windows(480, 640) == [(0, 0, 480, 480), (0, 160, 480, 480)]
    assert square_windows(1280, 720, enabled=False) == [(0, 0, 1280, 720)]
    wins = square_windows(1280, 720)
    assert wins[0][0] == 0 and wins[-1][0] + 720 == 1280
    assert all(b[0] - a[0] <= 720 * 2 / 3 for a, b in itertools.pairwise(wins))
