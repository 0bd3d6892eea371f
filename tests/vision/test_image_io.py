"""The loader: every accepted format decodes to upright RGB uint8; everything else is a clear ImageError."""

from __future__ import annotations

import io
import struct
import time
import zlib

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from moodify.errors import ImageError
from moodify.vision.image_io import load_image

from .conftest import encode

RED, BLUE = (255, 0, 0), (0, 0, 255)


def _solid(w: int, h: int, colour: int | tuple[int, ...] = RED, mode: str = "RGB") -> Image.Image:
    return Image.new(mode, (w, h), colour)


def _save(img: Image.Image, fmt: str, **params: object) -> bytes:
    buf = io.BytesIO()
    img.save(buf, format=fmt, **params)
    return buf.getvalue()


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "BMP", "GIF"])
def test_each_supported_format_decodes_to_rgb_uint8(fmt: str) -> None:
    arr = np.zeros((30, 40, 3), dtype=np.uint8)
    arr[:, :20] = RED
    out = load_image(encode(arr, fmt))
    assert out.shape == (30, 40, 3) and out.dtype == np.uint8
    assert out[15, 5, 0] > 200 and out[15, 5, 2] < 60  # left stays red: no channel swap
    assert out[15, 35].max() < 60


def test_gif_takes_the_first_frame() -> None:
    frames = [_solid(16, 16, RED).convert("P"), _solid(16, 16, BLUE).convert("P")]
    data = _save(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    out = load_image(data)
    assert tuple(out[8, 8]) == RED


def test_exif_orientation_is_applied() -> None:
    # Stored 40 wide x 20 high: left half red, right half blue. Orientation 6 = display rotated 90° clockwise.
    img = _solid(40, 20, BLUE)
    img.paste(_solid(20, 20, RED), (0, 0))
    exif = Image.Exif()
    exif[0x0112] = 6
    out = load_image(_save(img, "JPEG", exif=exif.tobytes(), quality=95))
    assert out.shape == (40, 20, 3)  # now portrait
    assert out[5, 10, 0] > 200 and out[5, 10, 2] < 80  # the stored left (red) is now on top
    assert out[35, 10, 2] > 200 and out[35, 10, 0] < 80


def test_transparency_is_composited_on_white() -> None:
    clear = _save(_solid(8, 8, (255, 0, 0, 0), "RGBA"), "PNG")
    assert (load_image(clear) == 255).all()
    half = load_image(_save(_solid(8, 8, (255, 0, 0, 128), "RGBA"), "PNG"))
    assert tuple(half[4, 4]) == pytest.approx((255, 127, 127), abs=2)


def test_gray_alpha_and_palette_with_transparency() -> None:
    la = load_image(_save(_solid(8, 8, (0, 0), "LA"), "PNG"))
    assert (la == 255).all()
    pal = _solid(8, 8, RED).convert("P")
    pal.info["transparency"] = 0
    out = load_image(_save(pal, "PNG", transparency=0))
    assert out.shape == (8, 8, 3) and out.dtype == np.uint8


def test_one_pixel_image() -> None:
    out = load_image(encode(np.full((1, 1, 3), 77, dtype=np.uint8), "PNG"))
    assert out.shape == (1, 1, 3) and out[0, 0, 0] == 77


def test_sixteen_bit_png_keeps_its_range() -> None:
    arr = np.array([[0, 32768, 65535]], dtype=np.uint16)
    data = _save(Image.fromarray(arr), "PNG")
    assert Image.open(io.BytesIO(data)).mode.startswith("I")
    out = load_image(data)
    assert out.shape == (1, 3, 3)
    assert list(out[0, :, 0]) == [0, 127, 255]


def test_dark_sixteen_bit_png_is_not_mistaken_for_eight_bit() -> None:
    arr = np.full((2, 2), 200, dtype=np.uint16)  # very dark in 16-bit terms
    assert load_image(_save(Image.fromarray(arr), "PNG")).max() == 0


def test_cmyk_jpeg_is_converted() -> None:
    out = load_image(_save(_solid(10, 10, (0, 255, 255, 0), "CMYK"), "JPEG", quality=95))
    assert out.shape == (10, 10, 3)
    assert out[5, 5, 0] > 200 and out[5, 5, 1] < 60 and out[5, 5, 2] < 60


def test_gray_image_becomes_three_equal_channels() -> None:
    out = load_image(_save(_solid(6, 4, 90, "L"), "PNG"))
    assert out.shape == (4, 6, 3) and (out == 90).all()


def test_text_file_named_jpg_is_refused_clearly() -> None:
    with pytest.raises(ImageError, match="not a readable image"):
        load_image(b"hello, I am a text file pretending to be a photo\n")


def test_unsupported_format_is_refused() -> None:
    with pytest.raises(ImageError, match="not a readable image"):
        load_image(_save(_solid(8, 8), "TIFF"))


def test_truncated_jpeg_is_refused() -> None:
    rng = np.random.default_rng(0)
    data = encode(rng.integers(0, 255, (200, 200, 3), dtype=np.uint8), "JPEG")
    with pytest.raises(ImageError, match="damaged or truncated"):
        load_image(data[: len(data) // 2])


def test_empty_and_non_bytes_input() -> None:
    with pytest.raises(ImageError, match="empty"):
        load_image(b"")
    with pytest.raises(ImageError, match="expected image bytes"):
        load_image("photo.jpg")  # type: ignore[arg-type]


def test_too_many_bytes_is_refused_before_decoding() -> None:
    data = encode(np.zeros((50, 50, 3), dtype=np.uint8), "PNG")
    with pytest.raises(ImageError, match="limit"):
        load_image(data, max_bytes=len(data) - 1)
    assert load_image(data, max_bytes=len(data)).shape == (50, 50, 3)


def _png_with_declared_size(width: int, height: int) -> bytes:
    """A valid 1x1 PNG whose header is rewritten to declare width x height (a decompression bomb)."""
    data = bytearray(_save(_solid(1, 1, 0, "L"), "PNG"))
    ihdr = bytearray(data[12:29])  # b"IHDR" + 13 bytes
    ihdr[4:12] = struct.pack(">II", width, height)
    data[12:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(ihdr)) & 0xFFFFFFFF)
    return bytes(data)


def test_decompression_bomb_is_refused_from_the_header() -> None:
    bomb = _png_with_declared_size(100_000, 100_000)  # 10 gigapixels declared in 70 bytes
    start = time.perf_counter()
    with pytest.raises(ImageError, match=r"smaller copy") as refused:
        load_image(bomb)
    assert "bomb" not in str(refused.value)  # worded without blame
    assert time.perf_counter() - start < 1.0  # refused without decoding (a decode would need 10 GB)
    assert Image.MAX_IMAGE_PIXELS == 120_000_000  # PIL's own guard is set too


def test_pixel_limit_applies_to_real_images() -> None:
    data = encode(np.zeros((100, 100, 3), dtype=np.uint8), "PNG")
    with pytest.raises(ImageError, match="MP"):
        load_image(data, max_pixels=9_999)
    assert load_image(data, max_pixels=10_000).shape == (100, 100, 3)


_SEEDS = [encode(np.full((12, 12, 3), 128, dtype=np.uint8), f) for f in ("JPEG", "PNG", "GIF", "BMP", "WEBP")]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(_SEEDS), st.integers(0, 200), st.binary(min_size=1, max_size=16))
def test_corrupted_files_only_ever_raise_image_error(seed: bytes, pos: int, junk: bytes) -> None:
    pos = min(pos, len(seed) - 1)
    corrupted = seed[:pos] + junk + seed[pos + len(junk):]
    try:
        out = load_image(corrupted)
    except ImageError:
        return
    assert out.ndim == 3 and out.shape[2] == 3 and out.dtype == np.uint8


def test_decode_with_max_side_keeps_the_full_size_and_orientation() -> None:
    from moodify.vision.image_io import decode_image

    img = _solid(3000, 2000, BLUE)
    img.paste(_solid(1500, 2000, RED), (0, 0))
    exif = Image.Exif()
    exif[0x0112] = 6  # rotated 90° clockwise for display: 2000 wide x 3000 high
    data = _save(img, "JPEG", exif=exif.tobytes(), quality=90)
    full = decode_image(data)
    small = decode_image(data, max_side=800)
    assert full.rgb.shape == (3000, 2000, 3) and (full.width, full.height) == (2000, 3000)
    assert max(small.rgb.shape[:2]) == 800 and (small.width, small.height) == (2000, 3000)
    assert small.scale == pytest.approx((2000 / small.rgb.shape[1], 3000 / small.rgb.shape[0]))
    assert small.rgb[50, 260, 0] > 200 and small.rgb[750, 260, 2] > 200  # red on top, blue below
    png = decode_image(_save(_solid(1000, 500), "PNG"), max_side=100)
    assert png.rgb.shape == (50, 100, 3) and (png.width, png.height) == (1000, 500)
    assert decode_image(_save(_solid(60, 40), "PNG"), max_side=100).rgb.shape == (40, 60, 3)


def _peak_rss_of_decode(path: str) -> float:
    """MiB of peak RSS above the idle (imports done) level, for one decode in a fresh subprocess."""
    import subprocess
    import sys

    code = (
        "import resource, sys\n"
        "from moodify.vision.image_io import decode_image\n"
        "from moodify.errors import ImageError\n"
        "data = open(sys.argv[1], 'rb').read()\n"
        "idle = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "try:\n"
        "    d = decode_image(data, max_bytes=200 << 20)\n"
        "    print('ok', d.width, d.height, d.rgb.shape[1], d.rgb.shape[0])\n"
        "except ImageError as e:\n"
        "    print('refused', e)\n"
        "print((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - idle) / 1024)\n"
    )
    out = subprocess.run([sys.executable, "-c", code, path], capture_output=True, text=True, check=True,
                         timeout=120).stdout.splitlines()
    return float(out[-1]), out[0]  # type: ignore[return-value]


def test_lossless_webp_bomb_under_the_pixel_limit_costs_little(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "wide.webp"
    Image.new("RGB", (16383, 2441), (200, 10, 10)).save(path, format="WEBP", lossless=True)
    rss, verdict = _peak_rss_of_decode(str(path))
    assert rss <= 100, (rss, verdict)  # was ~650 MiB per request
    assert verdict.startswith("refused") and "JPEG" in verdict


def test_48_mp_phone_jpeg_is_accepted_within_the_bound(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "phone.jpg"
    Image.new("RGB", (8000, 6000), (90, 120, 150)).save(path, format="JPEG", quality=80)
    rss, verdict = _peak_rss_of_decode(str(path))
    assert verdict.startswith("ok 8000 6000"), verdict
    assert rss <= 100, rss


@pytest.mark.parametrize("limit", [1, 3])
def test_no_more_images_are_decoded_at_once_than_the_setting_allows(limit: int,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    from moodify.settings import Settings
    from moodify.vision import analyzer, image_io

    inside, most = 0, 0
    lock = threading.Lock()
    real = image_io._decode

    def slow_decode(*args: object) -> image_io.DecodedImage:
        nonlocal inside, most
        with lock:
            inside += 1
            most = max(most, inside)
        time.sleep(0.05)
        with lock:
            inside -= 1
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(image_io, "_decode", slow_decode)
    settings = Settings(max_concurrent_decodes=limit, _env_file=None)
    data = encode(np.full((40, 40, 3), 128, np.uint8), "PNG")
    threads = [threading.Thread(target=analyzer.analyze, args=(data,), kwargs={"settings": settings})
               for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert most == limit


def _peak_rss_of_analyses(paths: list[str]) -> tuple[float, list[str]]:
    """MiB of peak RSS above the warm idle level (models loaded, files read) while ``analyze`` reads every
    path at once, each in its own thread, in a fresh subprocess; and each analysis' outcome.

    The peak is sampled from /proc every millisecond: ``ru_maxrss`` would hide the analyses behind the
    higher peak of loading the models.
    """
    import subprocess
    import sys

    code = (
        "import sys, threading, io, time, os\n"
        "from PIL import Image\n"
        "from moodify.settings import Settings\n"
        "from moodify.vision.analyzer import analyze\n"
        "from moodify.errors import ImageError\n"
        "page = os.sysconf('SC_PAGE_SIZE')\n"
        "def rss():\n"
        "    with open('/proc/self/statm') as f: return int(f.read().split()[1]) * page\n"
        "settings = Settings(_env_file=None, max_image_bytes=200 << 20)\n"
        "warm = io.BytesIO(); Image.new('RGB', (64, 64)).save(warm, format='PNG')\n"
        "analyze(warm.getvalue(), settings=settings)\n"
        "datas = [open(p, 'rb').read() for p in sys.argv[1:]]\n"
        "idle = rss(); peak = [idle]; done = threading.Event()\n"
        "def sample():\n"
        "    while not done.is_set(): peak[0] = max(peak[0], rss()); time.sleep(0.001)\n"
        "sampler = threading.Thread(target=sample); sampler.start()\n"
        "out = [''] * len(datas)\n"
        "def run(i):\n"
        "    try:\n"
        "        a = analyze(datas[i], settings=settings)\n"
        "        out[i] = f'ok {a.width} {a.height}'\n"
        "    except ImageError as e:\n"
        "        out[i] = f'refused {e}'\n"
        "threads = [threading.Thread(target=run, args=(i,)) for i in range(len(datas))]\n"
        "[t.start() for t in threads]; [t.join() for t in threads]\n"
        "done.set(); sampler.join()\n"
        "print('|'.join(out))\n"
        "print((peak[0] - idle) / 2**20)\n"
    )
    lines = subprocess.run([sys.executable, "-c", code, *paths], capture_output=True, text=True, check=True,
                           timeout=300).stdout.splitlines()
    return float(lines[-1]), lines[-2].split("|")


def test_a_100_mp_phone_photo_is_analysed_within_the_bound(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "huge.jpg"
    Image.new("RGB", (10000, 10000), (90, 120, 150)).save(path, format="JPEG", quality=70)
    rss, outcome = _peak_rss_of_analyses([str(path)])
    assert outcome == ["ok 10000 10000"]
    assert rss <= 100, rss


def test_eight_large_images_at_once_stay_within_400_mib(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The issue's target: 8 accepted images at once <= 400 MiB above idle (4 decode, 4 wait their turn)."""
    jpeg, png = tmp_path / "phone.jpg", tmp_path / "scan.png"
    Image.new("RGB", (8000, 6000), (90, 120, 150)).save(jpeg, format="JPEG", quality=80)
    Image.effect_noise((4000, 4000), 40).convert("RGB").save(png, format="PNG", compress_level=1)  # 16 MP
    rss, outcome = _peak_rss_of_analyses([str(jpeg), str(png)] * 4)
    assert outcome == ["ok 8000 6000", "ok 4000 4000"] * 4
    assert rss <= 400, rss


@pytest.mark.parametrize("mode", ["RGB", "P", "RGBA"])
def test_a_16_mp_png_is_analysed_within_the_bound(tmp_path, mode: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "scan.png"
    image = Image.effect_noise((4000, 4000), 40).convert("RGB")
    if mode == "P":
        image = image.quantize(64)
    elif mode == "RGBA":
        image.putalpha(200)
    image.save(path, format="PNG", compress_level=1)
    rss, outcome = _peak_rss_of_analyses([str(path)])
    assert outcome == ["ok 4000 4000"]
    assert rss <= 100, rss  # was ~150 MiB: a full-size array before downscaling


@pytest.mark.parametrize("mode", ["RGB", "RGBA", "L"])
def test_reducing_in_bands_gives_the_whole_reduce(mode: str) -> None:
    from moodify.vision.image_io import _reduce_in_strips

    image = Image.effect_noise((1003, 777), 60).convert(mode)  # sizes that don't divide by the factor
    for factor in (2, 3, 5):
        banded = _reduce_in_strips(image, factor, rows=16)
        assert banded.size == image.reduce(factor).size
        assert np.array_equal(np.asarray(banded), np.asarray(image.reduce(factor)))


def _scan_bomb(side: int, repeats: int) -> bytes:
    """A grey progressive JPEG whose last scan (SOS segment up to EOI) is repeated ``repeats`` times: each
    copy is a few dozen bytes, yet the decoder walks every block of the image once per scan (issue 22)."""
    data = _save(_solid(side, side, (128, 128, 128)), "JPEG", progressive=True, quality=90)
    last_sos = data.rindex(b"\xff\xda")
    scan = data[last_sos:-2]
    return data[:-2] + scan * repeats + b"\xff\xd9"


def test_progressive_jpeg_scan_bomb_is_refused_before_decoding() -> None:
    from moodify.vision.image_io import MAX_JPEG_SCANS, count_jpeg_scans

    bomb = _scan_bomb(2000, 2000)
    assert len(bomb) < 200_000 and count_jpeg_scans(bomb) > 2000
    with pytest.raises(ImageError, match="scans"):
        load_image(bomb)
    # An ordinary progressive photo (PIL/libjpeg's script: 10 scans) still decodes.
    ordinary = _save(_solid(64, 48, (10, 200, 30)), "JPEG", progressive=True)
    assert 1 < count_jpeg_scans(ordinary) <= MAX_JPEG_SCANS
    assert load_image(ordinary).shape == (48, 64, 3)


def test_scan_counting_skips_segments_and_entropy_data() -> None:
    from moodify.vision.image_io import count_jpeg_scans

    # An APP segment full of fake SOS markers and an EXIF thumbnail (a JPEG with its own SOS) don't count.
    baseline = _save(_solid(32, 32, RED), "JPEG")
    app = b"\xff\xe9" + struct.pack(">H", 2 + 400) + b"\xff\xda" * 200
    assert count_jpeg_scans(baseline[:2] + app + baseline[2:]) == 1
    thumbnail = _save(_solid(16, 16, BLUE), "JPEG", progressive=True)
    exif = b"\xff\xe1" + struct.pack(">H", 2 + 6 + len(thumbnail)) + b"Exif\0\0" + thumbnail
    assert count_jpeg_scans(baseline[:2] + exif + baseline[2:]) == 1
    assert count_jpeg_scans(b"not a jpeg") == 0


def test_a_decode_past_its_cpu_deadline_is_stopped() -> None:
    from moodify.vision.image_io import decode_image

    photo = _save(Image.effect_noise((2400, 1800), 60).convert("RGB"), "JPEG", progressive=True)
    with pytest.raises(ImageError, match="too long"):
        decode_image(photo, max_cpu_s=0.001)
    assert decode_image(photo, max_cpu_s=30.0).rgb.shape == (1800, 2400, 3)
