"""Photos as phones save them: HEIC (iPhones' default) and AVIF, upright, bounded like JPEG (issue 24).

The HEIC files in data/ were written once with pillow-heif (the app itself only decodes, through pi-heif):
``astronaut.heic`` is scikit-image's astronaut photo (quality 92), ``rotated.heic`` a 40x20 picture (left
half red, right half blue) saved with EXIF orientation 6, which the encoder turned into a HEIF rotation.
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from moodify.errors import ImageError
from moodify.settings import Settings
from moodify.vision.analyzer import analyze
from moodify.vision.image_io import ACCEPTED_IMAGE_TYPES, decode_image, load_image

from .conftest import encode
from .test_image_io import _peak_rss_of_decode

DATA = Path(__file__).parent / "data"


def _with_declared_size(heic: bytes, width: int, height: int) -> bytes:
    """The HEIC with every image-size property ('ispe') claiming ``width`` x ``height``."""
    out, start = bytearray(heic), 0
    while (at := heic.find(b"ispe", start)) >= 0:
        out[at + 8 : at + 16] = width.to_bytes(4, "big") + height.to_bytes(4, "big")
        start = at + 4
    return bytes(out)


def test_upload_pickers_accept_the_phone_formats() -> None:
    assert {"heic", "heif", "avif", "jpg", "jpeg", "png"} <= set(ACCEPTED_IMAGE_TYPES)


def test_heic_photo_decodes_like_its_source(astronaut: np.ndarray) -> None:
    rgb = load_image((DATA / "astronaut.heic").read_bytes())
    assert rgb.shape == astronaut.shape and rgb.dtype == np.uint8
    assert np.abs(rgb.astype(int) - astronaut.astype(int)).mean() < 6  # lossy, but the same picture


def test_heic_rotation_is_applied_once() -> None:
    out = load_image((DATA / "rotated.heic").read_bytes())
    assert out.shape == (40, 20, 3)  # portrait, as EXIF orientation 6 shows it
    assert out[5, 10, 0] > 200 and out[5, 10, 2] < 80  # the stored left (red) is on top
    assert out[35, 10, 2] > 200 and out[35, 10, 0] < 80


def test_avif_exif_orientation_is_applied() -> None:
    img = Image.new("RGB", (40, 20), (0, 0, 255))
    img.paste(Image.new("RGB", (20, 20), (255, 0, 0)), (0, 0))
    exif = Image.Exif()
    exif[0x0112] = 6
    buf = io.BytesIO()
    img.save(buf, format="AVIF", exif=exif.tobytes(), quality=95)
    decoded = decode_image(buf.getvalue())
    assert decoded.rgb.shape == (40, 20, 3) and (decoded.width, decoded.height) == (20, 40)
    assert decoded.rgb[5, 10, 0] > 200 and decoded.rgb[35, 10, 2] > 200


@pytest.mark.parametrize("fmt", ["HEIC", "AVIF"])
def test_phone_photo_gets_the_same_emotion_as_the_jpeg(fmt: str, astronaut: np.ndarray) -> None:
    data = (DATA / "astronaut.heic").read_bytes() if fmt == "HEIC" else encode(astronaut, "AVIF", quality=92)
    settings = Settings()  # the shipped model and default detector
    phone, jpeg = analyze(data, settings=settings), analyze(encode(astronaut, "JPEG", quality=92), settings=settings)
    assert len(phone.faces) == len(jpeg.faces) == 1
    assert phone.faces[0].scores is not None and jpeg.faces[0].scores is not None
    assert phone.faces[0].scores.emotion == jpeg.faces[0].scores.emotion


def test_heic_bomb_over_the_pixel_limit_is_refused_from_its_header(tmp_path: Path) -> None:
    path = tmp_path / "bomb.heic"
    path.write_bytes(_with_declared_size((DATA / "astronaut.heic").read_bytes(), 30000, 30000))
    rss, verdict = _peak_rss_of_decode(str(path))
    assert verdict.startswith("refused") and "120 MP" in verdict, verdict
    assert rss <= 100, rss
    with pytest.raises(ImageError, match="smaller copy"):
        load_image(path.read_bytes())


def test_heic_over_the_decoded_pixel_bound_is_refused_before_decoding() -> None:
    big = _with_declared_size((DATA / "astronaut.heic").read_bytes(), 5000, 5000)  # 25 MP < 120, > 16
    with pytest.raises(ImageError, match="HEIF images are accepted up to 16 MP"):
        load_image(big)
