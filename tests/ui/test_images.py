"""The photo shown back with face boxes."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from moodify.errors import ImageError
from moodify.types import Analysis, Box, EmotionScores, Face
from moodify.ui.images import CHOSEN, OTHER, SHOWN_MAX_SIDE, draw_faces


def _jpeg(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.fromarray(np.full((height, width, 3), 20, dtype=np.uint8)).save(out, format="PNG")
    return out.getvalue()


def _near(pixel: object, colour: tuple[int, int, int]) -> bool:
    assert isinstance(pixel, tuple)
    return all(abs(int(a) - b) < 40 for a, b in zip(pixel, colour, strict=False))


def test_boxes_are_drawn_the_chosen_one_highlighted_and_the_photo_scaled() -> None:
    faces = (Face(Box(100, 100, 400, 400), scores=EmotionScores.one_hot("happy")),
             Face(Box(1200, 200, 200, 200), scores=EmotionScores.one_hot("sad")))
    shown = draw_faces(_jpeg(1920, 1080), Analysis(1920, 1080, faces), selected=1)
    image = Image.open(io.BytesIO(shown)).convert("RGB")
    assert max(image.size) == SHOWN_MAX_SIDE
    scale = SHOWN_MAX_SIDE / 1920
    first_edge = image.getpixel((round(100 * scale), round(300 * scale)))
    chosen_edge = image.getpixel((round(1200 * scale), round(300 * scale)))
    assert _near(chosen_edge, CHOSEN) and _near(first_edge, OTHER)
    assert _near(image.getpixel((5, 5)), (20, 20, 20))  # the photo itself is untouched elsewhere


def test_unreadable_bytes_raise_image_error() -> None:
    with pytest.raises(ImageError):
        draw_faces(b"not an image", Analysis(1, 1, ()), selected=0)


def test_boxes_are_thin_and_numbered_outside_the_face() -> None:
    faces = (Face(Box(100, 100, 200, 200), scores=EmotionScores.one_hot("happy")),
             Face(Box(400, 100, 100, 100), scores=EmotionScores.one_hot("sad")))
    image = Image.open(io.BytesIO(draw_faces(_jpeg(640, 480), Analysis(640, 480, faces), selected=0)))
    pixels = np.asarray(image.convert("RGB")).astype(int)
    assert pixels[200, 100].sum() > 400 and pixels[200, 100, 2] > 170  # the chosen box's edge (violet)
    assert _near(tuple(pixels[200, 104]), (20, 20, 20))  # 4 px inside: the face is not covered
    assert _near(tuple(pixels[150, 402]), (20, 20, 20))  # the other box is 1 px
    tag = pixels[85:99, 100:110]  # the number tag sits above the box, not on the face
    assert (np.abs(tag - np.array(CHOSEN)).sum(axis=2) < 90).mean() > 0.3
    inside_top = pixels[102:118, 102:118]
    assert (np.abs(inside_top - 20).max(axis=2) < 40).all()
