"""Vision benchmarks: face-detector recall/precision on real faces, latency per detector, import time.

Run: ``python -m benchmarks vision`` (or ``python -m benchmarks.bench_vision --quick``); with
``--detection`` only the detectors' part runs and replaces that part of ``results/vision.json``.

Detection suite (all faces are real photographs; canvases are real photos without people):
- ``astronaut``: scikit-image's astronaut photo, one face (box by eye);
- ``fer``: FER2013 test crops (48x48 face crops, 40 per class) upscaled to 120-320 px and pasted
  on 640x480 backgrounds cut from scikit-image photos without people;
- ``lfw``: the 100 LFW faces in ``skimage.data.lfw_subset()`` (25x25) upscaled the same way;
- ``collage``: 1280x720 canvases with 2-4 FER faces of 100-300 px;
- ``group``: scikit-image's astronaut photo pasted 2-4 times at different sizes on 1280x720 canvases and on
  phone-size 4000x3000 ones (faces 47-293 px, each at least 48 px when the photo is shown 1280 px wide;
  the box scaled from the one by eye);
- ``group_collage``: 1280x720 canvases with 3-6 FER faces of 48-300 px;
- ``tight``: FER2013 test crops alone, the face filling the image, at 48 px and upscaled to 384 px (a selfie
  cropped to the face; issue 24);
- ``small``: the astronaut photo pasted so that her face is 24-40 px on 640x480 canvases;
- ``negatives``: 18 scikit-image photos without a human face plus 100 canvases with LFW non-faces;
- ``negatives_large``: the same 18 photos resized to 1280x720 and 960x1280, sizes where BlazeFace's
  second pass (tiles) runs; the native photos are mostly too small for it.
A ground-truth face counts as found when a detection's centre lies inside it with IoU >= 0.2
(detectors disagree on how much forehead and chin a box holds); other detections are false positives.
"""

from __future__ import annotations

import io
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from moodify.settings import Settings
from moodify.types import EMOTIONS, Box
from moodify.vision.detectors import create_detector
from moodify.vision.detectors.base import FaceDetector

REPO = Path(__file__).resolve().parents[1]
DETECTORS = ("blazeface-scales", "blazeface-scales-live", "blazeface-pyramid", "blazeface-pyramid-live", "blazeface",
             "blazeface-coarse", "blazeface-full", "haar", "ssd")
NEGATIVE_PHOTOS = ("coffee", "rocket", "chelsea", "cat", "hubble_deep_field", "immunohistochemistry", "coins",
                   "moon", "page", "horse", "clock", "text", "brick", "grass", "gravel", "colorwheel", "logo",
                   "retina")
BACKGROUNDS = ("coffee", "rocket", "chelsea", "brick", "grass", "gravel", "hubble_deep_field", "horse")


def shared_dir() -> Path:
    return Path(os.environ.get("MOODIFY_SHARED_DIR", REPO.parent / "shared")).resolve()


@dataclass
class Sample:
    kind: str
    image: np.ndarray  # RGB uint8
    faces: list[Box] = field(default_factory=list)
    label: str = ""  # emotion of the (first) face, when known


def _rgb(img: np.ndarray) -> np.ndarray:
    if img.ndim == 2:
        img = np.stack([img] * 3, axis=-1)
    if img.shape[2] == 4:
        img = img[:, :, :3]
    if img.dtype != np.uint8:
        img = (np.clip(img, 0, 1) * 255).astype(np.uint8) if img.max() <= 1.0 else img.astype(np.uint8)
    return np.ascontiguousarray(img)


def _skimage(name: str) -> np.ndarray:
    from skimage import data

    return _rgb(getattr(data, name)())


def _background(rng: np.random.Generator, width: int, height: int) -> np.ndarray:
    photo = _skimage(str(rng.choice(BACKGROUNDS)))
    return cv2.resize(photo, (width, height), interpolation=cv2.INTER_LINEAR)


def _paste(canvas: np.ndarray, face: np.ndarray, side: int, rng: np.random.Generator,
           taken: list[Box]) -> Box | None:
    """Paste ``face`` resized to ``side`` somewhere free on the canvas; its box, or None if no room."""
    h, w = canvas.shape[:2]
    for _ in range(50):
        x, y = int(rng.integers(0, w - side)), int(rng.integers(0, h - side))
        box = Box(x, y, side, side)
        if all(_iou(box, t) == 0 for t in taken):
            canvas[y : y + side, x : x + side] = cv2.resize(_rgb(face), (side, side),
                                                            interpolation=cv2.INTER_CUBIC)
            return box
    return None


def _fer_faces(per_class: int, rng: np.random.Generator) -> list[tuple[np.ndarray, str]]:
    from PIL import Image

    root = shared_dir() / "data" / "fer2013" / "test"
    out: list[tuple[np.ndarray, str]] = []
    for emotion in EMOTIONS:
        files = sorted((root / emotion).glob("*.jpg"))
        for i in rng.permutation(len(files))[:per_class]:
            out.append((np.asarray(Image.open(files[i]).convert("L")), emotion))
    return out


def detection_suite(seed: int = 0, fer_per_class: int = 40) -> list[Sample]:
    from skimage import data

    rng = np.random.default_rng(seed)
    samples = [Sample("astronaut", _skimage("astronaut"), [ASTRONAUT_FACE])]
    for face, emotion in _fer_faces(fer_per_class, rng):
        canvas = _background(rng, 640, 480)
        box = _paste(canvas, face, int(rng.integers(120, 321)), rng, [])
        samples.append(Sample("fer", canvas, [box] if box else [], emotion))
    lfw = data.lfw_subset()  # 100 faces then 100 non-faces, 25x25 float
    for i, crop in enumerate(lfw):
        canvas = _background(rng, 640, 480)
        box = _paste(canvas, (crop * 255).astype(np.uint8), int(rng.integers(120, 321)), rng, [])
        samples.append(Sample("lfw" if i < 100 else "negatives", canvas, [box] if box and i < 100 else []))
    fer = _fer_faces(6, rng)
    samples += [_collage("collage", fer, rng, faces=(2, 5), sides=(100, 301)) for _ in range(40)]
    samples += [Sample("negatives", _skimage(name)) for name in NEGATIVE_PHOTOS]
    samples += [Sample("negatives_large", cv2.resize(_skimage(name), size, interpolation=cv2.INTER_AREA))
                for name in NEGATIVE_PHOTOS for size in ((1280, 720), (960, 1280))]
    return samples + group_suite(rng) + tight_suite(rng) + small_suite(rng)


def tight_suite(rng: np.random.Generator, per_class: int = 10) -> list[Sample]:
    """FER2013 test crops as they are (48 px) and upscaled to 384 px: the face is the whole image."""
    out = []
    for face, emotion in _fer_faces(per_class, rng):
        for side in (48, 384):
            crop = cv2.resize(_rgb(face), (side, side), interpolation=cv2.INTER_CUBIC)
            out.append(Sample("tight", crop, [Box(0, 0, side, side)], emotion))
    return out


def small_suite(rng: np.random.Generator, count: int = 24) -> list[Sample]:
    """Faces of 24-40 px (the astronaut photo pasted at 1/5 of that x 5) on 640x480 real backgrounds."""
    out = []
    for i in range(count):
        canvas = _background(rng, 640, 480)
        side = round((24 + 16 * i / (count - 1)) * 512 / ASTRONAUT_FACE.w)
        x, y = int(rng.integers(0, 640 - side)), int(rng.integers(0, 480 - side))
        out.append(Sample("small", canvas, [paste_photo(canvas, x, y, side)]))
    return out


ASTRONAUT_FACE = Box(176, 62, 100, 116)  # in the 512x512 photo, by eye
# (canvas width, height, [(x, y, side of the pasted 512x512 photo)]): faces are 0.2 x the side.
GROUP_PHOTOS = (
    (1280, 720, [(0, 150, 420), (430, 150, 420), (860, 150, 420)]),  # three astronauts, faces 82 px
    (1280, 720, [(20, 100, 512), (700, 200, 300)]),  # faces 100 and 59 px
    (1280, 720, [(0, 300, 240), (300, 300, 300), (650, 300, 360), (1030, 300, 250)]),  # faces 47-70 px
    (4000, 3000, [(100, 800, 1500), (1800, 1200, 1000), (3000, 1500, 800)]),  # faces 293, 195, 156 px
    (4000, 3000, [(100, 600, 1300), (1500, 900, 900), (2500, 1000, 800), (3200, 1600, 780)]),  # faces 254-152 px
)


def paste_photo(canvas: np.ndarray, x: int, y: int, side: int) -> Box:
    """Paste the whole astronaut photo resized to ``side`` at (x, y); the box of its face there."""
    canvas[y : y + side, x : x + side] = cv2.resize(_skimage("astronaut"), (side, side),
                                                    interpolation=cv2.INTER_AREA)
    k, f = side / 512, ASTRONAUT_FACE
    return Box(round(x + f.x * k), round(y + f.y * k), round(f.w * k), round(f.h * k))


def group_suite(rng: np.random.Generator, collages: int = 30) -> list[Sample]:
    """Group photos: several real faces of 48-300 px on one canvas (issue 15)."""
    samples = []
    for width, height, places in GROUP_PHOTOS:
        canvas = _background(rng, width, height)
        samples.append(Sample("group", canvas, [paste_photo(canvas, x, y, side) for x, y, side in places]))
    fer = _fer_faces(6, rng)
    return samples + [_collage("group_collage", fer, rng, faces=(3, 7), sides=(48, 301)) for _ in range(collages)]


def _collage(kind: str, fer: list[tuple[np.ndarray, str]], rng: np.random.Generator, *,
             faces: tuple[int, int], sides: tuple[int, int]) -> Sample:
    """A 1280x720 real background with ``faces`` (low, high) FER faces of ``sides`` (low, high) px."""
    canvas = _background(rng, 1280, 720)
    boxes: list[Box] = []
    for j in rng.permutation(len(fer))[: int(rng.integers(*faces))]:
        box = _paste(canvas, fer[j][0], int(rng.integers(*sides)), rng, boxes)
        if box:
            boxes.append(box)
    return Sample(kind, canvas, boxes)


def _iou(a: Box, b: Box) -> float:
    ix = max(0, min(a.x + a.w, b.x + b.w) - max(a.x, b.x))
    iy = max(0, min(a.y + a.h, b.y + b.h) - max(a.y, b.y))
    inter = ix * iy
    return inter / float(a.area + b.area - inter) if inter else 0.0


def _matches(gt: Box, det: Box) -> bool:
    cx, cy = det.x + det.w / 2, det.y + det.h / 2
    return gt.x <= cx <= gt.x + gt.w and gt.y <= cy <= gt.y + gt.h and _iou(gt, det) >= 0.2


def score_detector(detector: FaceDetector, suite: list[Sample]) -> dict[str, Any]:
    found: dict[str, list[int]] = {}
    false_pos: dict[str, int] = {}
    by_emotion: dict[str, list[int]] = {}
    times = []
    for s in suite:
        start = time.perf_counter()
        dets = [f.box for f in detector.detect(s.image)]
        times.append(time.perf_counter() - start)
        hit = [any(_matches(g, d) for d in dets) for g in s.faces]
        found.setdefault(s.kind, [0, 0])
        found[s.kind][0] += sum(hit)
        found[s.kind][1] += len(s.faces)
        unmatched = sum(not any(_matches(g, d) for g in s.faces) for d in dets)
        false_pos[s.kind] = false_pos.get(s.kind, 0) + unmatched
        if s.label:
            by_emotion.setdefault(s.label, [0, 0])
            by_emotion[s.label][0] += sum(hit)
            by_emotion[s.label][1] += len(s.faces)
    tp = sum(v[0] for v in found.values())
    total = sum(v[1] for v in found.values())
    fp = sum(false_pos.values())
    return {
        "recall": round(tp / total, 4),
        "precision": round(tp / max(tp + fp, 1), 4),
        "faces": total,
        "false_positives": fp,
        "false_positives_on_negatives": false_pos.get("negatives", 0),
        "false_positives_by_set": {k: v for k, v in sorted(false_pos.items()) if v},
        "recall_by_set": {k: round(v[0] / v[1], 4) for k, v in found.items() if v[1]},
        "recall_by_emotion": {k: round(v[0] / v[1], 4) for k, v in sorted(by_emotion.items())},
        "ms_per_image_mean": round(1000 * statistics.fmean(times), 2),
    }


def _photo(width: int, height: int, seed: int = 1) -> np.ndarray:
    """A real face (the astronaut's head, 40% of the height) on a real background."""
    rng = np.random.default_rng(seed)
    canvas = _background(rng, width, height)
    head = _skimage("astronaut")[20:260, 110:350]
    side = int(height * 0.4)
    x, y = (width - side) // 2, (height - side) // 3
    canvas[y : y + side, x : x + side] = cv2.resize(head, (side, side), interpolation=cv2.INTER_AREA)
    return canvas


def _jpeg(rgb: np.ndarray) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.fromarray(rgb).save(buf, format="JPEG", quality=90)
    return buf.getvalue()


def _percentiles(fn: Callable[[], object], repeat: int, warmup: int = 5) -> dict[str, float]:
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    # min is the best guess of the unloaded cost when other jobs share the 2 cores.
    return {"p50_ms": round(times[len(times) // 2], 2), "p95_ms": round(times[int(len(times) * 0.95) - 1], 2),
            "min_ms": round(times[0], 2), "n": repeat}


def latency(repeat: int) -> dict[str, Any]:
    from moodify.vision.classifier import default_model_path

    if not default_model_path().is_file():
        return {"skipped": f"no shipped model at {default_model_path()}"}
    out: dict[str, Any] = {"what": "p50/p95 over JPEG bytes -> analyze() (decode, detect, preprocess, "
                                   "classify with flip TTA), one thread"}
    for width, height in ((640, 480), (1280, 720), (1280, 960), (4032, 3024)):
        out[f"{width}x{height}"] = _latency_at(width, height, repeat if width < 4000 else max(5, repeat // 3))
    return out


def _latency_at(width: int, height: int, repeat: int) -> dict[str, Any]:
    from moodify.vision.analyzer import analyze, default_classifier
    from moodify.vision.preprocess import preprocess_batch

    rgb = _photo(width, height)
    data = _jpeg(rgb)
    row: dict[str, Any] = {}
    for name in DETECTORS:
        settings = Settings(detector=name)
        try:
            detector = create_detector(name, settings)
        except Exception as exc:  # e.g. the ssd weights package is not installed
            row[name] = {"skipped": str(exc)}
            continue
        row[name] = {
            "faces_found": len(detector.detect(rgb)),
            "end_to_end": _percentiles(partial(analyze, data, settings=settings), repeat),
            "detect_only": _percentiles(partial(detector.detect, rgb), repeat),
        }
    clf = default_classifier(Settings())
    batch = preprocess_batch(rgb, [Box(width // 3, height // 4, height // 3, height // 3)])
    row["decode_only"] = _percentiles(lambda: _decode(data), repeat)
    row["classify_only_tta"] = _percentiles(lambda: clf.logits(batch), repeat)
    return row


def _decode(data: bytes) -> None:
    from moodify.vision.image_io import load_image

    load_image(data)


def import_time(runs: int = 5) -> dict[str, Any]:
    """Cold ``import`` in fresh interpreters (first run discarded: it warms the OS file cache)."""
    res: dict[str, dict[str, Any]] = {}
    for module in ("moodify.vision", "moodify.vision.analyzer"):
        code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
        times = [float(subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                                      text=True).stdout) for _ in range(runs + 1)][1:]
        res[module] = {"median_s": round(statistics.median(times), 3), "max_s": round(max(times), 3)}
    code = ("import time; t = time.perf_counter(); import moodify.vision.analyzer as a; "
            "from moodify.settings import Settings; s = Settings(); a.default_detector(s); "
            "a.default_classifier(s); print(time.perf_counter() - t)")
    runs_ = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True) for _ in range(3)]
    if any(r.returncode for r in runs_):
        res["import_and_load_models"] = {"failed": runs_[0].stderr.strip().splitlines()[-1]}
    else:
        times = [float(r.stdout) for r in runs_]
        res["import_and_load_models"] = {"median_s": round(statistics.median(times), 3)}
    return res


def onnx_vs_torch(repeat: int) -> dict[str, Any]:
    """The newest training checkpoint in torch and, exported from it, in onnxruntime: the same weights.

    Batch of 2 (one face + its mirror, as TTA runs), one thread each; also their max abs difference.
    """
    import json
    import tempfile

    checkpoints = sorted(REPO.glob("runs/**/best.pt"), key=lambda p: p.stat().st_mtime)
    try:
        import torch

        from moodify.training.face.export import load_checkpoint, to_onnx
    except ImportError as exc:
        return {"skipped": f"needs the `train` extra ({exc})"}
    if not checkpoints:
        return {"skipped": "no runs/**/best.pt checkpoint"}
    from moodify.vision.classifier import EmotionClassifier

    model, arch = load_checkpoint(checkpoints[-1])
    torch.set_num_threads(1)
    x = np.random.default_rng(0).uniform(-1, 1, (2, 1, 48, 48)).astype(np.float32)
    tensor = torch.from_numpy(x)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "model.onnx"
        to_onnx(model, path)
        path.with_suffix(".json").write_text(json.dumps({"name": arch, "classes": list(EMOTIONS)}))
        clf = EmotionClassifier(path, tta=False)
        with torch.inference_mode():
            torch_ms = _percentiles(lambda: model(tensor), repeat)
            diff = float(np.abs(model(tensor).numpy() - clf.logits(x)).max())
        onnx_ms = _percentiles(lambda: clf.logits(x), repeat)
    return {"checkpoint": str(checkpoints[-1].relative_to(REPO)), "arch": arch, "threads": 1,
            "torch": torch_ms, "onnxruntime": onnx_ms, "max_abs_diff": diff}


FER_SCRIPT = r"""
import json, sys, time
import numpy as np
from PIL import Image
t0 = time.perf_counter()
from fer.fer import FER
detector = FER(mtcnn=False)  # its default: OpenCV Haar faces + its Keras/TFLite emotion model
startup = time.perf_counter() - t0
job = json.loads(open(sys.argv[1]).read())
out = {"fer_version": __import__("fer").__version__, "import_and_init_s": round(startup, 2)}
for name, path in job["photos"].items():
    bgr = np.ascontiguousarray(np.asarray(Image.open(path).convert("RGB"))[:, :, ::-1])
    for _ in range(3):
        detector.detect_emotions(bgr)
    times = []
    for _ in range(job["repeat"]):
        t = time.perf_counter(); faces = detector.detect_emotions(bgr); times.append(1000 * (time.perf_counter() - t))
    times.sort()
    out[name] = {"faces_found": len(faces), "p50_ms": round(times[len(times) // 2], 2),
                 "p95_ms": round(times[int(len(times) * 0.95) - 1], 2)}
labels = ["angry", "disgust", "fear", "happy", "sad", "surprise", "neutral"]
right = 0
for path, label in job["crops"]:
    gray = np.asarray(Image.open(path).convert("L"))
    res = detector.detect_emotions(np.stack([gray] * 3, axis=-1), face_rectangles=[(0, 0, 48, 48)])
    right += bool(res) and max(res[0]["emotions"], key=res[0]["emotions"].get) == label
out["fer2013_test_balanced_accuracy"] = round(right / len(job["crops"]), 4)
out["fer2013_test_n"] = len(job["crops"])
print(json.dumps(out))
"""


def fer_baseline(repeat: int) -> dict[str, Any]:
    """The peer library ``fer`` on the same photos, in its own throwaway venv (we never depend on it).

    Set ``MOODIFY_FER_PYTHON`` to that venv's python (docs/vision.md says how it was built).
    """
    import json
    import tempfile

    from PIL import Image

    from moodify.vision.evaluation import balanced_subset, list_labelled_images

    python = os.environ.get("MOODIFY_FER_PYTHON")
    if not python:
        return {"skipped": "set MOODIFY_FER_PYTHON to a python with `fer` installed (see docs/vision.md)"}
    items = balanced_subset(list_labelled_images(shared_dir() / "data" / "fer2013" / "test"), 700, seed=0)
    with tempfile.TemporaryDirectory() as tmp:
        photos = {}
        for width, height in ((640, 480), (1280, 720)):
            photos[f"{width}x{height}"] = str(Path(tmp) / f"{width}x{height}.png")
            Image.fromarray(_photo(width, height)).save(photos[f"{width}x{height}"])
        job = Path(tmp) / "job.json"
        job.write_text(json.dumps({"photos": photos, "repeat": repeat,
                                   "crops": [(str(it.path), EMOTIONS[it.label]) for it in items]}))
        script = Path(tmp) / "fer_job.py"
        script.write_text(FER_SCRIPT)
        proc = subprocess.run([python, str(script), str(job)], capture_output=True, text=True, timeout=1800)
    if proc.returncode != 0:
        return {"failed": proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else "no output"}
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


def shipped_model_accuracy() -> dict[str, Any]:
    """The shipped model on the same balanced 700 FER2013 test images as the unit test and ``fer``."""
    from moodify.vision.classifier import default_model_path
    from moodify.vision.evaluation import balanced_subset, evaluate, list_labelled_images

    if not default_model_path().is_file():
        return {"skipped": "no shipped model"}
    items = balanced_subset(list_labelled_images(shared_dir() / "data" / "fer2013" / "test"), 700, seed=0)
    out = {}
    for tta in (False, True):
        report = evaluate(items, settings=Settings(tta=tta), crop="none").report
        out["tta" if tta else "no_tta"] = {"accuracy": round(report.accuracy, 4),
                                           "macro_f1": round(report.macro_f1, 4), "ece": round(report.ece, 4)}
    return out


def framing_accuracy(per_class: int = 60) -> dict[str, Any]:
    """Shipped-model accuracy on FER2013 test crops pasted into photos, found by each detector.

    ``none``: the pasted square itself (the training path); ``framed``: the detector's box through its
    measured Framing (what the app does); ``margin15``: the box plus 15 % per side; ``margin0``: the box.
    Only faces the detector found are scored, so the columns compare framing, not recall.
    """
    from moodify.vision.classifier import EmotionClassifier, default_model_path
    from moodify.vision.preprocess import preprocess

    if not default_model_path().is_file():
        return {"skipped": "no shipped model"}
    clf = EmotionClassifier(tta=True)
    suite = [s for s in detection_suite(fer_per_class=per_class) if s.kind == "fer" and s.faces]
    out: dict[str, Any] = {}
    for name in ("blazeface", "ssd", "haar"):
        try:
            det = create_detector(name, Settings())
        except Exception as exc:
            out[name] = {"skipped": str(exc)}
            continue
        crops: dict[str, list[np.ndarray]] = {"none": [], "framed": [], "margin15": [], "margin0": []}
        labels = []
        for s in suite:
            hits = [f.box for f in det.detect(s.image) if _matches(s.faces[0], f.box)]
            if not hits:
                continue
            labels.append(EMOTIONS.index(s.label))
            crops["none"].append(preprocess(s.image, s.faces[0], margin=0.0))
            crops["framed"].append(preprocess(s.image, det.framing.crop_box(hits[0]), margin=0.0))
            crops["margin15"].append(preprocess(s.image, hits[0], margin=0.15))
            crops["margin0"].append(preprocess(s.image, hits[0], margin=0.0))
        y = np.asarray(labels)
        out[name] = {"faces": len(y)} | {
            k: round(float((clf.probabilities(np.stack(v)[:, None]).argmax(1) == y).mean()), 4)
            for k, v in crops.items()}
    return out


def alignment_accuracy(per_class: int = 100, seed: int = 11) -> dict[str, Any]:
    """Shipped-model accuracy with and without turning the eye line level (issue 24), held-out faces.

    FER2013 test crops (the model never trained on them) pasted at 120-320 px on 640x480 real backgrounds,
    each photo used twice: as it is ("upright") and turned by 10-25 degrees either way about the face
    ("tilted", the background turning with it). ``blazeface-scales`` finds the face; the same face is
    classified with ``align=False`` and ``align=True``; only found faces are scored (paired).
    """
    from PIL import Image

    from moodify.vision.analyzer import classifier_input, default_classifier

    rng = np.random.default_rng(seed)
    settings = Settings(detector="blazeface-scales")
    det = create_detector("blazeface-scales", settings)
    clf = default_classifier(settings)
    root = shared_dir() / "data" / "fer2013" / "test"
    hits: dict[str, list[tuple[bool, bool]]] = {"upright": [], "tilted": []}
    photos = 0
    for label, emotion in enumerate(EMOTIONS):
        files = sorted((root / emotion).glob("*.jpg"))
        for i in rng.permutation(len(files))[:per_class]:
            crop = np.asarray(Image.open(files[i]).convert("RGB"))
            side = int(rng.integers(120, 321))
            canvas = _background(rng, 640, 480)
            x, y = int(rng.integers(60, 640 - side - 60)), int(rng.integers(60, 480 - side - 60))
            canvas[y : y + side, x : x + side] = cv2.resize(crop, (side, side), interpolation=cv2.INTER_CUBIC)
            tilt = float(rng.uniform(10, 25) * rng.choice([-1, 1]))
            photos += 1
            for kind, angle in (("upright", 0.0), ("tilted", tilt)):
                turn = cv2.getRotationMatrix2D((x + side / 2, y + side / 2), angle, 1.0)
                image = cv2.warpAffine(canvas, turn, (640, 480), borderMode=cv2.BORDER_REFLECT)
                truth = Box(x, y, side, side)
                faces = [f for f in det.detect(image) if _matches(truth, f.box)]
                if not faces:
                    continue
                plain, level = (classifier_input(image, faces[:1], crop="detect", detector=det, settings=settings,
                                                 classifier=clf, align=align) for align in (False, True))
                hits[kind].append((int(clf.probabilities(plain).argmax()) == label,
                                   int(clf.probabilities(level).argmax()) == label))
    out: dict[str, Any] = {"photos": photos, "per_class": per_class, "seed": seed}
    for kind, pairs in hits.items():
        plain_ok = np.array([p for p, _ in pairs])
        level_ok = np.array([a for _, a in pairs])
        out[kind] = {"faces_found": len(pairs), "accuracy_plain": round(float(plain_ok.mean()), 4),
                     "accuracy_aligned": round(float(level_ok.mean()), 4),
                     "only_aligned_right": int((level_ok & ~plain_ok).sum()),
                     "only_plain_right": int((plain_ok & ~level_ok).sum())}
    return out


def detection(quick: bool = False) -> dict[str, Any]:
    """Recall/precision of every detector on the suite, and the detectors' latency."""
    cv2.setNumThreads(1)  # measured like the app runs: one request, one core
    suite = detection_suite(fer_per_class=10 if quick else 40)
    scores = {}
    for name in DETECTORS:
        try:
            scores[name] = score_detector(create_detector(name, Settings()), suite)
        except Exception as exc:
            scores[name] = {"skipped": str(exc)}
        print(name, scores[name], flush=True)
    return {
        "detection": scores,
        "detection_suite": {kind: sum(len(s.faces) for s in suite if s.kind == kind)
                            for kind in sorted({s.kind for s in suite})}
                           | {"negative_images": sum(s.kind == "negatives" for s in suite),
                              "negatives_large_images": sum(s.kind == "negatives_large" for s in suite)},
        "latency": latency(20 if quick else 40),
    }


def rerun_detection(quick: bool = False) -> None:
    """Replace the detection and latency parts of ``results/vision.json``, keeping the rest of it."""
    import json
    from datetime import UTC, datetime

    path = REPO / "benchmarks" / "results" / "vision.json"
    record = json.loads(path.read_text())
    record["results"] |= detection(quick)
    record["detection_rerun_when"] = datetime.now(UTC).isoformat(timespec="seconds")
    record["detection_rerun_mode"] = "quick" if quick else "full"
    path.write_text(json.dumps(record, indent=2) + "\n")


def rerun_alignment(per_class: int) -> None:
    """Replace the alignment part of ``results/vision.json``, keeping the rest of it."""
    import json
    from datetime import UTC, datetime

    path = REPO / "benchmarks" / "results" / "vision.json"
    record = json.loads(path.read_text())
    record["results"]["alignment"] = alignment_accuracy(per_class) | {
        "when": datetime.now(UTC).isoformat(timespec="seconds")}
    path.write_text(json.dumps(record, indent=2) + "\n")


def main(quick: bool = False) -> dict[str, Any]:
    return detection(quick) | {
        "onnx_vs_torch": onnx_vs_torch(20 if quick else 200),
        "import_time": import_time(3 if quick else 5),
        "fer2013_test_balanced_700": shipped_model_accuracy(),
        "framing_accuracy": framing_accuracy(20 if quick else 60),
        "alignment": alignment_accuracy(40 if quick else 100),
        "fer_baseline": fer_baseline(10 if quick else 30),
        "targets": {"p50_ms_640x480_end_to_end": 10, "import_s": 0.5},
    }


if __name__ == "__main__":
    import json

    if "--detection" in sys.argv:  # only the detectors' part, merged into results/vision.json
        rerun_detection(quick="--quick" in sys.argv)
    elif "--alignment" in sys.argv:  # only the alignment experiment, merged into results/vision.json
        rerun_alignment(per_class=40 if "--quick" in sys.argv else 100)
    else:
        print(json.dumps(main(quick="--quick" in sys.argv), indent=2))
