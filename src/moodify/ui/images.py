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
    width = max(2, round(max(image.size) / 200))
    for number, face in enumerate(analysis.faces):
        box = face.box
        x0, y0 = box.x * scale, box.y * scale
        x1, y1 = (box.x + box.w) * scale, (box.y + box.h) * scale
        colour = CHOSEN if number == selected else OTHER
        line = width if number == selected else width // 2 + 1
        draw.rectangle((x0, y0, x1, y1), outline=colour, width=line)
        if len(analysis.faces) > 1:
            draw.text((x0 + width + 2, y0 + width + 2), str(number + 1), fill=colour)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85)
    return out.getvalue()
