"""Sentence encoder: all-MiniLM-L6-v2 as an int8 ONNX graph plus its WordPiece tokenizer. No torch.

The graph (exported by :mod:`moodify.training.text.export`) takes ``input_ids`` and ``attention_mask`` and returns
mean-pooled, L2-normalised 384-d embeddings, exactly what sentence-transformers computes.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from moodify.errors import ModelError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Encoded:
    """Embeddings of a batch of texts, with how many tokens each used and whether it was cut."""

    embeddings: np.ndarray  # (n, dim) float32, unit length
    n_tokens: tuple[int, ...]
    truncated: tuple[bool, ...]


class SentenceEncoder:
    """Tokenizer + ONNX session. Build once and reuse: loading costs far more than one sentence."""

    def __init__(
        self, onnx_path: Path, tokenizer_path: Path, *, max_tokens: int = 128, threads: int = 1
    ) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        for path in (onnx_path, tokenizer_path):
            if not path.is_file():
                raise ModelError(f"text model file missing: {path}")
        try:
            self._tokenizer = Tokenizer.from_file(str(tokenizer_path))
            options = ort.SessionOptions()
            options.intra_op_num_threads = threads
            options.inter_op_num_threads = 1
            self._session = ort.InferenceSession(str(onnx_path), options, providers=["CPUExecutionProvider"])
        except Exception as exc:  # onnxruntime and tokenizers raise their own base classes
            raise ModelError(f"cannot load text encoder from {onnx_path.parent}: {exc}") from exc
        # Count [CLS]/[SEP] inside the budget so the graph never sees more than max_tokens positions.
        self._tokenizer.enable_truncation(max_length=max_tokens)
        self._tokenizer.no_padding()
        self.max_tokens = max_tokens
        self.dim = int(self._session.get_outputs()[0].shape[-1])

    def tokenize(self, text: str) -> list[str]:
        """WordPiece tokens of ``text`` without special tokens (used by the language check)."""
        return list(self._tokenizer.encode(text, add_special_tokens=False).tokens)

    def encode(self, texts: Sequence[str], *, batch_size: int = 1) -> Encoded:
        """Embed ``texts``, one at a time by default.

        The int8 graph scales activations per batch (and padding counts), so a sentence embedded in a batch
        differs slightly from the same sentence alone (cosine ~0.97-0.99). Serving embeds one sentence, so
        training embeds one at a time too, to fit the head on exactly what serving computes. On CPU this
        costs about the same as batching (~1 ms per sentence either way).
        """
        encodings = self._tokenizer.encode_batch(list(texts))
        lengths = [len(e.ids) for e in encodings]
        order = np.argsort(lengths, kind="stable")
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(order), batch_size):
            chunk = order[start : start + batch_size]
            out[chunk] = self._run([encodings[i] for i in chunk])
        truncated = tuple(bool(e.overflowing) for e in encodings)
        return Encoded(embeddings=out, n_tokens=tuple(lengths), truncated=truncated)

    def _run(self, encodings: list[Any]) -> np.ndarray:
        width = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(encodings), width), dtype=np.int64)
        mask = np.zeros_like(ids)
        for row, e in enumerate(encodings):
            ids[row, : len(e.ids)] = e.ids
            mask[row, : len(e.ids)] = 1
        result = self._session.run(None, {"input_ids": ids, "attention_mask": mask})[0]
        return np.asarray(result, dtype=np.float32)
