"""Safe image decoding: bytes in, RGB uint8 (H, W, 3) out, or an :class:`ImageError` that says why.

Limits are checked before any pixel is decoded: the byte count first, then the size the header
declares, so a decompression bomb (a tiny file that expands to gigapixels) is refused without cost.
"""

from __future__ import annotations

import ctypes
import io
import logging
import re
import threading
import time
import warnings
from dataclasses import dataclass
from functools import cache

import cv2
import numpy as np
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

from moodify.errors import ImageError

log = logging.getLogger(__name__)

# Decoders we allow (PIL would try dozens). Camera MPO files open through the JPEG decoder; HEIF (iPhone
# photos) through pi-heif's plugin, AVIF through Pillow's own.
FORMATS: tuple[str, ...] = ("JPEG", "PNG", "WEBP", "HEIF", "AVIF", "BMP", "GIF")
SUPPORTED = "JPEG, PNG, WebP, HEIC, AVIF, BMP or GIF"
# File name extensions of those formats, for upload pickers (the UI's file_uploader).
ACCEPTED_IMAGE_TYPES: tuple[str, ...] = ("jpg", "jpeg", "png", "webp", "heic", "heif", "avif", "bmp", "gif")
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
DEFAULT_MAX_PIXELS = 120_000_000  # phone photos up to 100+ MP: JPEGs are decoded at reduced size
# What one image may cost: no more than this many pixels are ever decoded (~16 MP x 4 bytes x ~1.5 copies
# < 100 MiB). JPEGs larger than this are decoded straight from the DCT at 1/2, 1/4 or 1/8 size; other
# formats can't be decoded reduced, so beyond this they are refused.
MAX_DECODED_PIXELS = 16_000_000
MAX_CONCURRENT_DECODES = 4  # per process: 4 x < 100 MiB (MOODIFY_MAX_CONCURRENT_DECODES)
# A progressive JPEG's decoder walks every block of the image once per scan, whatever the scan holds: a
# 156 KB grey 4000x4000 JPEG with its last scan repeated 2,000 times cost ~11 s of CPU (docs/security.md).
# Encoders write 1 (baseline) to ~10-12 scans (libjpeg's and mozjpeg's progressive scripts).
MAX_JPEG_SCANS = 32
# CPU seconds one decode may take (MOODIFY_MAX_DECODE_CPU_S): the backstop for costs no header shows.
# A 100 MP progressive phone photo takes ~1 s here.
MAX_DECODE_CPU_S = 3.0
# Bytes fed to the decoder between two deadline checks: past the scan limit, a block of 4 KB of repeated
# scans cost up to 1.6 s, 16 KB up to 4 s; ordinary photos decode as fast in 4 KB blocks as in 64 KB.
_DECODE_BLOCK = 4 * 1024


@cache
def _decode_gate(limit: int) -> threading.BoundedSemaphore:
    """One semaphore per limit, shared by every caller in the process that uses that limit."""
    return threading.BoundedSemaphore(max(1, limit))

# A truncated file must be an error, not a half-grey picture that gets a confident emotion.
ImageFile.LOAD_TRUNCATED_IMAGES = False


@dataclass(frozen=True)
class DecodedImage:
    """Pixels, possibly downscaled, and the size of the full upright image they stand for."""

    rgb: np.ndarray  # (h, w, 3) uint8
    width: int  # full size, after EXIF orientation
    height: int

    @property
    def scale(self) -> tuple[float, float]:
        """Multiply pixel coordinates in ``rgb`` by these to get full-size coordinates."""
        return self.width / self.rgb.shape[1], self.height / self.rgb.shape[0]


def load_image(data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES,
               max_pixels: int = DEFAULT_MAX_PIXELS) -> np.ndarray:
    """Decode ``data`` to an upright RGB uint8 array (H, W, 3).

    Applies EXIF orientation, composites transparency on white, converts CMYK, palette, gray and
    16-bit images; takes the first frame of animations. Raises :class:`ImageError` otherwise.
    """
    return decode_image(data, max_bytes=max_bytes, max_pixels=max_pixels).rgb


def decode_image(data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES, max_pixels: int = DEFAULT_MAX_PIXELS,
                 max_side: int | None = None, max_concurrent: int = MAX_CONCURRENT_DECODES,
                 max_cpu_s: float = MAX_DECODE_CPU_S) -> DecodedImage:
    """Like :func:`load_image`, optionally no larger than ``max_side`` on the longer side.

    At most ``max_concurrent`` images are decoded at once in this process (others wait their turn), so
    memory stays bounded however many requests arrive together. A decode that has used ``max_cpu_s``
    seconds of this thread's CPU is stopped (checked every few KB the decoder reads).

    JPEGs are then decoded at 1/2, 1/4 or 1/8 scale straight from the DCT (a 12 MP phone photo in
    ~50 ms instead of ~300 ms); other formats are decoded fully and downscaled.
    """
    if not isinstance(data, bytes | bytearray | memoryview):
        raise ImageError(f"expected image bytes, got {type(data).__name__}")
    size = len(data)
    if size == 0:
        raise ImageError("the file is empty")
    if size > max_bytes:
        raise ImageError(f"the file is {_mb(size)}, more than the {_mb(max_bytes)} limit")
    _large_buffers_go_back_to_the_os()
    with _decode_gate(max_concurrent):
        return _decode(bytes(data), max_pixels, max_side, max_cpu_s)


# glibc's M_MMAP_THRESHOLD (malloc.h): allocations from this size up get their own mapping.
_M_MMAP_THRESHOLD, _OWN_MAPPING_FROM = -3, 4 << 20


@cache
def _large_buffers_go_back_to_the_os() -> None:
    """Fix glibc's mmap threshold at 4 MiB, once per process, so a decoded photo's pixels are unmapped
    when freed. By default glibc raises the threshold after each large free (up to 32 MiB), and the next
    photos' blocks then land in per-thread heaps that keep their pages: 8 large photos at once peaked
    at 350-410 MiB instead of 260-320 (tests/vision/test_image_io.py). Not glibc: nothing to do."""
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return
    if not mallopt(_M_MMAP_THRESHOLD, _OWN_MAPPING_FROM):
        log.debug("mallopt(M_MMAP_THRESHOLD) refused; large image buffers stay pooled")


def _decode(data: bytes, max_pixels: int, max_side: int | None, max_cpu_s: float) -> DecodedImage:
    img = _open(data, max_pixels, max_cpu_s)
    width, height = img.size
    try:
        if _orientation(img) in _TRANSPOSING:
            width, height = height, width
        if img.format == "JPEG":
            _reduce_jpeg(img, max_side)
        elif width * height > MAX_DECODED_PIXELS:
            raise ImageError(f"this {img.format} image is {width}x{height} ({width * height / 1e6:.0f} MP); "
                             f"{img.format} images are accepted up to {MAX_DECODED_PIXELS / 1e6:g} MP "
                             "(JPEG photos up to the full limit): please send a JPEG or a smaller copy")
        img.load()
        ImageOps.exif_transpose(img, in_place=True)  # in place: no copy for the usual upright photo
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
        raise ImageError(f"the {img.format} image is damaged or truncated ({exc})") from exc
    rgb = _to_rgb(_reduce_decoded(img, max_side))
    if max_side and max(rgb.shape[:2]) > max_side:
        ratio = max_side / max(rgb.shape[:2])
        target = (max(1, round(rgb.shape[1] * ratio)), max(1, round(rgb.shape[0] * ratio)))
        # Under 2x here (JPEGs were reduced in the DCT, others by an integer box filter), where bilinear reads
        # each output pixel's 2x2 sources; OpenCV's area filter at a non-integer factor takes its slow path,
        # several times bilinear's cost (figures in docs/vision.md).
        rgb = np.asarray(cv2.resize(rgb, target, interpolation=cv2.INTER_LINEAR))
    return DecodedImage(rgb, width, height)


_TRANSPOSING = (5, 6, 7, 8)  # EXIF orientations that swap width and height


def _reduce_jpeg(img: Image.Image, max_side: int | None) -> None:
    """Ask the JPEG decoder for a DCT-scaled decode: no larger than ``max_side`` if given, and never more
    than MAX_DECODED_PIXELS (draft picks the largest 1/2^k scale at least the requested size)."""
    w, h = img.size
    ratio = 1.0
    if max_side and max(w, h) > max_side:
        ratio = max_side / max(w, h)
    if w * h * ratio * ratio > MAX_DECODED_PIXELS:
        ratio = (MAX_DECODED_PIXELS / (w * h)) ** 0.5 / 2  # /2: draft may round up to the next scale
    if ratio < 1.0:
        img.draft("RGB", (max(1, round(w * ratio)), max(1, round(h * ratio))))


def _reduce_decoded(img: Image.Image, max_side: int | None) -> Image.Image:
    """A box-filtered integer reduction of a decoded image still at least twice ``max_side`` (in practice
    not a JPEG: those were already reduced in the DCT), done by PIL before any conversion: a 16 MP PNG
    would otherwise be copied to a full-size array (and RGBA composited at full size), ~150 MiB instead
    of ~65."""
    factor = max(img.size) // max_side if max_side else 1
    if factor < 2:
        return img
    img = _without_palette(img)  # palette indices can't be averaged
    return _reduce_in_strips(img, factor) if img.mode in _REDUCIBLE else img


def _without_palette(img: Image.Image) -> Image.Image:
    """Palette and palette-alpha images as RGB(A); any other image as it is."""
    if img.mode == "P":
        return img.convert("RGBA" if "transparency" in img.info else "RGB")
    if img.mode in ("PA", "La"):
        return img.convert("RGBA")
    return img


def _reduce_in_strips(img: Image.Image, factor: int, rows: int = 64) -> Image.Image:
    """``img.reduce(factor)`` a band of ``rows`` output rows at a time: PIL's reduce of RGBA premultiplies
    a full-size copy first (+64 MiB at 16 MP); per band the extra memory is one band. Bands start at
    multiples of ``factor``, so the boxes, and the result, are those of one whole reduce."""
    width, height = img.size
    out = Image.new(img.mode, (-(-width // factor), -(-height // factor)))
    step = rows * factor
    for top in range(0, height, step):
        out.paste(img.crop((0, top, width, min(height, top + step))).reduce(factor), (0, top // factor))
    return out


_REDUCIBLE = ("RGB", "RGBA", "L", "LA", "I", "F")


def _orientation(img: Image.Image) -> int:
    try:
        return int(img.getexif().get(0x0112, 1))
    except (TypeError, ValueError):
        return 1


@cache
def _register_heif() -> None:
    """pi-heif's opener (pillow-heif's decoder without its GPL encoder), once per process. It applies the
    HEIF's rotation and mirroring while decoding and resets the EXIF orientation to 1, so ``exif_transpose``
    leaves those pixels as they are."""
    from pi_heif import register_heif_opener

    register_heif_opener()


def _open(data: bytes, max_pixels: int, max_cpu_s: float = MAX_DECODE_CPU_S) -> Image.Image:
    # PIL's own guard (an error past 2x its limit) backs up ours below, which fires at 1x. It is process-wide,
    # so a caller's lower limit (a test's 20,000 px) must not leak into every later Image.open in the process.
    Image.MAX_IMAGE_PIXELS = max(max_pixels, DEFAULT_MAX_PIXELS)
    _register_heif()
    scans = count_jpeg_scans(data)
    if scans > MAX_JPEG_SCANS:
        raise ImageError(f"this JPEG has {scans} scans (photos have up to about 12; {MAX_JPEG_SCANS} are "
                         "accepted); please save it again as an ordinary JPEG")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # ours reports it below
            img = Image.open(_DeadlineReader(data, max_cpu_s), formats=FORMATS)
            img.decodermaxblock = _DECODE_BLOCK
    except Image.DecompressionBombError as exc:
        raise ImageError(f"the image is far larger than the limit of {max_pixels / 1e6:g} MP; please "
                         "send a smaller copy") from exc
    except UnidentifiedImageError as exc:
        raise ImageError(f"not a readable image; send a {SUPPORTED} file") from exc
    except (OSError, ValueError, SyntaxError, EOFError) as exc:
        raise ImageError(f"the image header is damaged ({exc})") from exc
    w, h = img.size
    if w < 1 or h < 1:
        raise ImageError(f"the image has no pixels ({w}x{h})")
    if w * h > max_pixels:
        raise ImageError(f"the image is {w}x{h} ({w * h / 1e6:.1f} MP), over the limit of "
                         f"{max_pixels / 1e6:g} MP; please send a smaller copy")
    return img


class _DeadlineReader(io.BytesIO):
    """The file as the decoder reads it, refusing to hand over more once the decode's CPU time is spent.

    PIL feeds its decoders block by block from ``read``, so a decode that costs far more than its bytes
    (a scan bomb, a codec's worst case) stops within one block of its deadline."""

    def __init__(self, data: bytes, max_cpu_s: float) -> None:
        super().__init__(data)
        self._deadline = time.thread_time() + max_cpu_s
        self._max_cpu_s = max_cpu_s

    def read(self, size: int | None = -1, /) -> bytes:
        if time.thread_time() > self._deadline:
            raise ImageError(f"the image took too long to decode (over {self._max_cpu_s:g} s of CPU); "
                             "please send an ordinary photo")
        return super().read(size)


# After 0xFF in a scan's entropy-coded data: 0x00 (a stuffed byte) and RST0-7 belong to the scan, fill
# bytes (0xFF) may precede the next marker; anything else is the next marker.
_NEXT_MARKER = re.compile(rb"\xff+[^\x00\xd0-\xd7\xff]")
_STANDALONE = frozenset({0x01, *range(0xD0, 0xD8)})  # markers without a length field


def count_jpeg_scans(data: bytes) -> int:
    """How many scans (SOS segments) the first image of a JPEG has; 0 for anything else.

    Walks the segments by their lengths (an APP segment's or EXIF thumbnail's bytes are skipped) and
    a scan's entropy-coded data to the next marker, up to EOI. Costs one pass over the bytes, no decoding.
    """
    if not data.startswith(b"\xff\xd8"):
        return 0
    scans, pos, end = 0, 2, len(data)
    while pos + 4 <= end:
        if data[pos] != 0xFF:
            return scans  # damaged: PIL will say so
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker == 0xD9:
            return scans
        if marker in _STANDALONE:
            pos += 2
            continue
        pos += 2 + int.from_bytes(data[pos + 2 : pos + 4], "big")
        if marker == 0xDA:
            scans += 1
            found = _NEXT_MARKER.search(data, pos)
            if found is None:
                return scans
            pos = found.end() - 2
    return scans


def _to_rgb(img: Image.Image) -> np.ndarray:
    mode = img.mode
    if mode == "RGB":
        return np.asarray(img, dtype=np.uint8)
    if mode in ("I;16", "I;16L", "I;16B", "I;16N", "I", "F"):
        return _gray_to_rgb(_high_depth_to_8bit(np.asarray(img), sixteen=mode.startswith("I;16")))
    img = _without_palette(img)
    if img.mode in ("RGBA", "LA", "RGBa"):
        rgba = img.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        img = Image.alpha_composite(white, rgba)
    return np.asarray(img.convert("RGB"), dtype=np.uint8)


def _high_depth_to_8bit(arr: np.ndarray, *, sixteen: bool) -> np.ndarray:
    """16-bit (or 32-bit int / float) gray -> uint8. ``I`` mode is ambiguous, so its range is guessed."""
    if arr.dtype.kind == "f":
        top = 1.0 if float(np.nanmax(arr, initial=0.0)) <= 1.0 else 255.0
        return np.clip(np.nan_to_num(arr) / top * 255.0, 0, 255).astype(np.uint8)
    wide = arr.astype(np.int64)
    top = 65535 if sixteen or int(wide.max(initial=0)) > 255 else 255
    return np.clip(wide * 255 // top, 0, 255).astype(np.uint8)


def _gray_to_rgb(gray: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(np.repeat(gray[:, :, None], 3, axis=2))


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"
