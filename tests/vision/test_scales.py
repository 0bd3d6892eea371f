"""``blazeface-scales``: the any-size model copy, its anchor grid, the scales it runs, its keypoints."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import cv2
import numpy as np

from moodify.settings import Settings
from moodify.vision.detectors import create_detector
from moodify.vision.detectors.blazeface import SHORT, anchors
from moodify.vision.detectors.scales import grid_anchors, min_face_px, scales
from moodify.vision.onnx_session import open_session

MODELS = Path(str(files("moodify.vision.detectors") / "models"))


def test_the_any_size_copy_gives_the_shipped_models_outputs_at_128_px(astronaut: np.ndarray) -> None:
    image = cv2.resize(astronaut, (128, 128), interpolation=cv2.INTER_AREA)
    tensor = np.ascontiguousarray((image.astype(np.float32) / 127.5 - 1.0).transpose(2, 0, 1)[None])
    fixed = open_session(MODELS / "blazeface_short_range.onnx").run(None, {"input": tensor})
    any_size = open_session(MODELS / "blazeface_short_range_any.onnx").run(None, {"input": tensor})
    for a, b in zip(fixed, any_size, strict=True):
        assert a.shape == b.shape
        assert np.abs(a - b).max() < 1e-3
    # the same anchors as MediaPipe's, in input pixels
    np.testing.assert_allclose(grid_anchors(128, 128), anchors(SHORT) * 128, atol=1e-4)


def test_the_any_size_copy_runs_on_a_wide_input() -> None:
    session = open_session(MODELS / "blazeface_short_range_any.onnx")
    regressors, logits = session.run(None, {"input": np.zeros((1, 3, 96, 320), np.float32)})
    assert regressors.shape == (1, len(grid_anchors(96, 320)), 16)
    assert logits.shape == (1, len(grid_anchors(96, 320)), 1)


def test_scales_reach_the_smallest_promised_face_and_end_with_the_zoomed_out_views() -> None:
    plan = scales(640, 480)
    assert [s.factor for s in plan[:-3]] == sorted((s.factor for s in plan[:-3]), reverse=True)
    assert plan[0].factor == 18 / 24  # a 24 px face becomes 18 px in the model's input
    assert [round(s.factor * 640 / 128, 2) for s in plan[-3:]] == [0.4, 0.6, 0.8]
    assert all(s.canvas == 128 for s in plan[-3:])
    assert min_face_px(1280, 720) == 48 and min_face_px(1280, 720, live=True) == 72
    assert scales(1280, 720, live=True)[0].factor == 18 / 72 < scales(1280, 720)[0].factor == 18 / 48


def test_faces_keep_six_keypoints_in_image_pixels(astronaut: np.ndarray) -> None:
    face = create_detector("blazeface-scales", Settings()).detect(astronaut)[0]
    assert face.landmarks is not None and len(face.landmarks) == 6
    right_eye, left_eye, nose, mouth = face.landmarks[:4]
    b = face.box
    for x, y in (right_eye, left_eye, nose, mouth):
        assert b.x <= x <= b.x + b.w and b.y <= y <= b.y + b.h
    assert right_eye[0] < nose[0] < left_eye[0]  # the person's right eye is on the image's left
    assert max(right_eye[1], left_eye[1]) < nose[1] < mouth[1]


def test_alignment_turns_a_tilted_face_upright(astronaut: np.ndarray) -> None:
    """The astronaut's face turned by 20 degrees: the keypoints measure the turn, and the aligned crop is
    closer to the upright face's crop than the plain crop is."""
    from moodify.vision.preprocess import aligned, eye_angle, preprocess

    detector = create_detector("blazeface-scales", Settings())
    upright = detector.detect(astronaut)[0]
    centre = (upright.box.x + upright.box.w / 2, upright.box.y + upright.box.h / 2)
    turned = cv2.warpAffine(astronaut, cv2.getRotationMatrix2D(centre, 20, 1.0), (512, 512),
                            borderMode=cv2.BORDER_REFLECT)
    face = detector.detect(turned)[0]
    assert face.landmarks is not None and upright.landmarks is not None
    assert abs(eye_angle(face.landmarks) - eye_angle(upright.landmarks) + 20) < 6
    square = detector.framing.crop_box(face.box)
    reference = preprocess(astronaut, detector.framing.crop_box(upright.box), margin=0.0)
    plain = preprocess(turned, square, margin=0.0)
    straightened = aligned(turned, square, eye_angle(face.landmarks))
    assert np.abs(straightened - reference).mean() < 0.7 * np.abs(plain - reference).mean()
    np.testing.assert_array_equal(aligned(astronaut, square, 0.0), preprocess(astronaut, square, margin=0.0))
