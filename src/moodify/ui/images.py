"""The photo shown back to the user, with a box around each face (the chosen one highlighted)."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFont

from moodify.types import Analysis
from moodify.vision.image_io import load_image

SHOWN_MAX_SIDE = 960  # the page never needs more; keeps the session small
CHOSEN = (196, 181, 253)  # the app's accent, light (violet-300): the face the mood is read from
OTHER = (226, 232, 240)  # the other faces: near white, thinner
HALO = (17, 17, 27)  # a dark line on each side of the light one: one of the two contrasts >= 3:1 on any photo
NUMBER_PX = 14  # the smallest height of a face's number on the shown photo


def draw_faces(data: bytes, analysis: Analysis, selected: int) -> bytes:
    """JPEG of the photo (orientation fixed, like the analyser sees it) with numbered face boxes.

    Each box is a light line between two dark halos, so it stands out on a dark photo (the light line)
    and on a light one (the halo); the chosen face's line is the accent and twice as thick."""
    image = Image.fromarray(load_image(data))  # the same upright RGB the analyser saw
    scale = min(1.0, SHOWN_MAX_SIDE / max(image.size))
    if scale < 1.0:
        image = image.resize((round(image.width * scale), round(image.height * scale)))
    draw = ImageDraw.Draw(image)
    unit = max(1, round(max(image.size) / 480))  # 2 px on a full-size shown photo
    for number, face in enumerate(analysis.faces):
        chosen = number == selected
        box = face.box
        x0, y0 = box.x * scale, box.y * scale
        x1, y1 = (box.x + box.w) * scale, (box.y + box.h) * scale
        line = 2 * unit if chosen else unit
        draw.rectangle((x0 - line, y0 - line, x1 + line, y1 + line), outline=HALO, width=unit)  # outer halo
        draw.rectangle((x0, y0, x1, y1), outline=CHOSEN if chosen else OTHER, width=line)
        draw.rectangle((x0 + line, y0 + line, x1 - line, y1 - line), outline=HALO, width=unit)  # inner halo
        if len(analysis.faces) > 1:
            _number_tag(draw, number + 1, x0 - line - unit, y0 - line - unit, CHOSEN if chosen else OTHER)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85)
    return out.getvalue()


def _number_tag(draw: ImageDraw.ImageDraw, number: int, x0: float, y0: float, colour: tuple[int, int, int]) -> None:
    """The face's number (digits at least ``NUMBER_PX`` tall, dark on the box's light colour, framed by the
    halo) on a tag just above its box (inside it only at the photo's top edge)."""
    label = str(number)
    font = ImageFont.load_default(size=20)  # digits 14 px tall
    left, top, right, bottom = draw.textbbox((0, 0), label, font=font)
    w, h = right - left + 10, bottom - top + 8
    ty = y0 - h if y0 >= h else y0
    draw.rectangle((x0, ty, x0 + w, ty + h), fill=colour, outline=HALO, width=1)
    draw.text((x0 + 5 - left, ty + 4 - top), label, fill=HALO, font=font)
