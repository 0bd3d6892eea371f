"""The photo shown back with face boxes."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from moodify.errors import ImageError
from moodify.types import Analysis, Box, EmotionScores, Face
from moodify.ui.images import CHOSEN, NUMBER_PX, OTHER, SHOWN_MAX_SIDE, draw_faces


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
    assert _near(tuple(pixels[200, 100]), CHOSEN)  # the chosen box's line
    assert _near(tuple(pixels[200, 106]), (20, 20, 20))  # a few px inside: the face is not covered
    assert _near(tuple(pixels[150, 404]), (20, 20, 20))  # the other box is thinner
    tag = pixels[60:98, 96:130]  # the number tag sits above the box, not on the face
    assert (np.abs(tag - np.array(CHOSEN)).sum(axis=2) < 90).mean() > 0.3
    inside_top = pixels[106:118, 106:118]
    assert (np.abs(inside_top - 20).max(axis=2) < 40).all()


def _luminance(rgb: np.ndarray) -> np.ndarray:
    c = rgb / 255.0
    linear = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return linear @ np.array([0.2126, 0.7152, 0.0722])


def _contrast(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    la, lb = _luminance(a), _luminance(b)
    return (np.maximum(la, lb) + 0.05) / (np.minimum(la, lb) + 0.05)


@pytest.mark.parametrize("background", [(g, g, g) for g in range(0, 256, 17)]
                         + [(255, 0, 0), (0, 160, 0), (0, 0, 255), (196, 181, 253), (120, 90, 200)])
@pytest.mark.parametrize("selected", [0, 1])
def test_every_box_has_a_contrast_of_at_least_3_to_1_on_any_photo(background: tuple[int, int, int],
                                                                   selected: int) -> None:
    """Issue 25: measured on the rendered JPEG, the box's light line or its dark halo stands out >= 3:1
    from the photo around it (WCAG non-text contrast), whatever the photo's colour."""
    out = io.BytesIO()
    Image.new("RGB", (480, 360), background).save(out, format="PNG")
    faces = (Face(Box(100, 100, 120, 120), scores=EmotionScores.one_hot("happy")),
             Face(Box(300, 120, 100, 100), scores=EmotionScores.one_hot("sad")))
    pixels = np.asarray(Image.open(io.BytesIO(draw_faces(out.getvalue(), Analysis(480, 360, faces),
                                                          selected=selected))).convert("RGB")).astype(float)
    bg = np.array(background, dtype=float)
    for box in (faces[0].box, faces[1].box):
        row = pixels[box.y + box.h // 2, box.x - 6: box.x + 6]  # across the left edge, photo to face
        best = _contrast(row, np.broadcast_to(bg, row.shape)).max()
        assert best >= 3.0, (background, box, best)


def test_face_numbers_are_at_least_14_px_tall() -> None:
    faces = (Face(Box(100, 120, 120, 120), scores=EmotionScores.one_hot("happy")),
             Face(Box(300, 120, 100, 100), scores=EmotionScores.one_hot("sad")))
    image = Image.open(io.BytesIO(draw_faces(_jpeg(480, 360), Analysis(480, 360, faces), selected=0)))
    pixels = np.asarray(image.convert("RGB")).astype(int)
    tag = pixels[80:118, 97:135]  # the tag above the first box: light, with dark digits in it
    light = (np.abs(tag - np.array(CHOSEN)).sum(axis=2) < 90)
    rows = np.where(light.any(axis=1))[0]
    inside = tag[rows.min() + 2: rows.max() - 1, 2:-2]
    dark_rows = np.where((inside.sum(axis=2) < 200).any(axis=1))[0]
    assert dark_rows.max() - dark_rows.min() + 1 >= NUMBER_PX, dark_rows
