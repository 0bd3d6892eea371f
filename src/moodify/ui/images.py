"""The photo shown back to the user, with a box around each face (the chosen one highlighted)."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw

from moodify.types import Analysis
from moodify.vision.image_io import load_image

SHOWN_MAX_SIDE = 960  # the page never needs more; keeps the session small
CHOSEN = (167, 139, 250)  # the app's accent (violet)
OTHER = (148, 163, 184)


def draw_faces(data: bytes, analysis: Analysis, selected: int) -> bytes:
    """JPEG of the photo (orientation fixed, like the analyser sees it) with numbered face boxes."""
    image = Image.fromarray(load_image(data))  # the same upright RGB the analyser saw
    scale = min(1.0, SHOWN_MAX_SIDE / max(image.size))
    if scale < 1.0:
        image = image.resize((round(image.width * scale), round(image.height * scale)))
    draw = ImageDraw.Draw(image)
    chosen_line = max(1, round(max(image.size) / 480))  # 2 px on the shown photo: a frame, not a mask
    for number, face in enumerate(analysis.faces):
        box = face.box
        x0, y0 = box.x * scale, box.y * scale
        x1, y1 = (box.x + box.w) * scale, (box.y + box.h) * scale
        colour = CHOSEN if number == selected else OTHER
        draw.rectangle((x0, y0, x1, y1), outline=colour, width=chosen_line if number == selected else 1)
        if len(analysis.faces) > 1:
            _number_tag(draw, number + 1, x0, y0, colour)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85)
    return out.getvalue()


def _number_tag(draw: ImageDraw.ImageDraw, number: int, x0: float, y0: float, colour: tuple[int, int, int]) -> None:
    """The face's number on a small tag just above its box (inside it only at the photo's top edge)."""
    label = str(number)
    left, top, right, bottom = draw.textbbox((0, 0), label)
    w, h = right - left + 6, bottom - top + 4
    ty = y0 - h if y0 >= h else y0
    draw.rectangle((x0, ty, x0 + w, ty + h), fill=colour)
    draw.text((x0 + 3 - left, ty + 2 - top), label, fill=(17, 17, 27))
