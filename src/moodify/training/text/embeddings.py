"""Embed the GoEmotions splits once and cache them under ``runs/`` (keyed by the encoder's hash)."""

from __future__ import annotations

import hashlib
import logging
import time
from pathlib import Path

import numpy as np

from moodify.text.encoder import SentenceEncoder
from moodify.training.text.data import Example, read_split

log = logging.getLogger(__name__)


def file_digest(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def embed_split(
    data_root: Path, split: str, encoder: SentenceEncoder, encoder_digest: str, cache_dir: Path
) -> tuple[np.ndarray, list[Example]]:
    """(embeddings, examples) for one split; computed on first use, then read from the cache."""
    examples = read_split(data_root, split)
    cache = cache_dir / f"goemotions-{split}-{encoder_digest[:12]}-{encoder.max_tokens}-single.npy"
    if cache.is_file():
        emb = np.load(cache)
        if emb.shape[0] == len(examples):
            return emb, examples
        log.warning("cache %s has %d rows, split has %d: re-embedding", cache, emb.shape[0], len(examples))
    start = time.perf_counter()
    emb = encoder.encode([e.text for e in examples]).embeddings
    log.info("embedded %s: %d texts in %.0f s", split, len(examples), time.perf_counter() - start)
    cache_dir.mkdir(parents=True, exist_ok=True)
    np.save(cache, emb)
    return emb, examples
