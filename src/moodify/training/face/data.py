"""Image-folder datasets (``<split>/<class>/*``) -> arrays, through the serving preprocessing.

Layouts: FER2013 (train/val/test), Kaggle "Balanced RAF-DB 75x75" (class folders named or numbered 1-7),
any ImageFolder. Class names go through :func:`moodify.types.canonical_emotion`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from moodify.errors import ImageError
from moodify.types import EMOTIONS, canonical_emotion
from moodify.vision.preprocess import INPUT_SIZE, MEAN, STD, preprocess

log = logging.getLogger(__name__)

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".bmp", ".webp", ".gif"}
# RAF-DB numbers its basic-emotion folders 1..7 in this order.
RAFDB_NUMBERS = {"1": "surprise", "2": "fear", "3": "disgust", "4": "happy", "5": "sad", "6": "angry", "7": "neutral"}


@dataclass
class Split:
    """Preprocessed images (N, 1, S, S) float32 and labels (N,) int64 in EMOTIONS order."""

    x: np.ndarray
    y: np.ndarray
    paths: list[str]

    def __len__(self) -> int:
        return len(self.y)

    def counts(self) -> np.ndarray:
        return np.bincount(self.y, minlength=len(EMOTIONS))


def class_index(folder_name: str) -> int | None:
    name = RAFDB_NUMBERS.get(folder_name, folder_name)
    try:
        return EMOTIONS.index(canonical_emotion(name))
    except KeyError:
        return None


def list_images(root: Path) -> list[tuple[Path, int]]:
    """Every image under ``root/<class>/`` with its class index; unknown class folders are skipped (logged)."""
    items: list[tuple[Path, int]] = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        idx = class_index(folder.name)
        if idx is None:
            log.warning("skipping folder %s: not an emotion name", folder)
            continue
        items += [(p, idx) for p in sorted(folder.rglob("*")) if p.suffix.lower() in IMAGE_SUFFIXES]
    return items


def load_folder(root: Path, size: int = INPUT_SIZE) -> Split:
    """Decode and preprocess every image of one split (whole image = face crop)."""
    from moodify.vision.image_io import load_image  # the same safe loader the app uses

    items = list_images(root)
    if not items:
        raise FileNotFoundError(f"no images under {root}/<class>/ (classes: {', '.join(EMOTIONS)})")
    xs, ys, paths = [], [], []
    for path, idx in items:
        try:
            rgb = load_image(path.read_bytes())
        except ImageError as exc:
            log.warning("skipping %s: %s", path, exc)
            continue
        xs.append(preprocess(rgb, None, size=size))
        ys.append(idx)
        paths.append(str(path))
    return Split(np.stack(xs)[:, None], np.asarray(ys, dtype=np.int64), paths)


def find_splits(data_dir: Path) -> dict[str, Path]:
    """Locate train/val/test folders; ``validation``/``valid`` count as val. A bare ImageFolder is 'train'."""
    aliases = {"train": "train", "training": "train", "val": "val", "valid": "val", "validation": "val",
               "test": "test", "testing": "test"}
    found = {aliases[p.name.lower()]: p for p in data_dir.iterdir() if p.is_dir() and p.name.lower() in aliases}
    if "train" not in found:
        if any(class_index(p.name) is not None for p in data_dir.iterdir() if p.is_dir()):
            return {"train": data_dir}
        raise FileNotFoundError(f"{data_dir} has no train/ folder and no class folders")
    return found


def stratified_split(split: Split, fraction: float, seed: int) -> tuple[Split, Split]:
    """Carve ``fraction`` of each class out of ``split`` (for datasets without a val split)."""
    rng = np.random.default_rng(seed)
    held = np.zeros(len(split), dtype=bool)
    for c in range(len(EMOTIONS)):
        idx = np.flatnonzero(split.y == c)
        held[rng.permutation(idx)[: round(len(idx) * fraction)]] = True

    def take(mask: np.ndarray) -> Split:
        return Split(split.x[mask], split.y[mask], [p for p, m in zip(split.paths, mask, strict=True) if m])

    return take(~held), take(held)


def load_dataset(data_dir: Path, cache_dir: Path | None = None, seed: int = 0) -> dict[str, Split]:
    """All splits, preprocessed; cached as .npz in ``cache_dir`` because decoding 36k JPEGs takes a while."""
    splits = find_splits(data_dir)
    out: dict[str, Split] = {}
    for name, path in splits.items():
        cache = cache_dir / f"{name}.npz" if cache_dir else None
        if cache and cache.exists():
            z = np.load(cache, allow_pickle=False)
            out[name] = Split(z["x"], z["y"], list(z["paths"]))
            continue
        out[name] = load_folder(path)
        if cache:
            cache.parent.mkdir(parents=True, exist_ok=True)
            np.savez(cache, x=out[name].x, y=out[name].y, paths=np.asarray(out[name].paths))
    if "val" not in out:
        out["train"], out["val"] = stratified_split(out["train"], 0.1, seed)
    return out


def save_npz(splits: dict[str, Split], path: Path, shard_mb: float | None = None) -> list[Path]:
    """Every split as uint8 pixels (the 8-bit gray dataset images round-trip exactly through
    :func:`preprocess`), paths kept as split/class/file. ``shard_mb`` cuts the rows into several files
    ``<stem>-NN.npz`` of about that size (so each fits a size-limited transfer); :func:`load_npz` joins them."""
    rows = [(name, i) for name, split in splits.items() for i in range(len(split))]
    per_shard = len(rows) if not shard_mb else max(1, int(shard_mb * 2**20 // (INPUT_SIZE * INPUT_SIZE)))
    paths = []
    for k, start in enumerate(range(0, len(rows), per_shard)):
        chunk = rows[start : start + per_shard]
        arrays: dict[str, Any] = {}
        for name, split in splits.items():
            idx = np.asarray([i for n, i in chunk if n == name], dtype=np.int64)
            if idx.size:
                arrays[f"x_{name}"] = to_uint8(split.x[idx])
                arrays[f"y_{name}"] = split.y[idx]
                arrays[f"paths_{name}"] = np.asarray(["/".join(Path(split.paths[i]).parts[-3:]) for i in idx])
        target = path if not shard_mb else path.with_name(f"{path.stem}-{k:02d}.npz")
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".tmp.npz")
        np.savez_compressed(tmp, **arrays)
        tmp.replace(target)  # atomic: a half-written file never looks complete
        paths.append(target)
    return paths


def load_npz(path: Path) -> dict[str, Split]:
    """The splits written by :func:`save_npz` (one file, or a folder of shards), as float32 normalised."""
    files = sorted(path.glob("*.npz")) if path.is_dir() else [path]
    if not files:
        raise FileNotFoundError(f"no .npz files in {path}")
    parts: dict[str, list[tuple[np.ndarray, np.ndarray, list[str]]]] = {}
    for file in files:
        with np.load(file, allow_pickle=False) as z:
            for name in (k[2:] for k in z.files if k.startswith("x_")):
                parts.setdefault(name, []).append((z[f"x_{name}"], z[f"y_{name}"], list(z[f"paths_{name}"])))
    return {name: Split(from_uint8(np.concatenate([p[0] for p in ps])), np.concatenate([p[1] for p in ps]).astype(
        np.int64), [str(q) for p in ps for q in p[2]]) for name, ps in parts.items()}


def to_uint8(x: np.ndarray) -> np.ndarray:
    return np.rint((x * STD + MEAN) * 255.0).clip(0, 255).astype(np.uint8)


def from_uint8(x: np.ndarray) -> np.ndarray:
    return ((x.astype(np.float32) / 255.0) - MEAN) / STD
