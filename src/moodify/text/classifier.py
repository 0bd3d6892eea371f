"""The trained head on top of the sentence embeddings: a small MLP (or linear layer) in plain numpy."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from moodify.errors import ModelError


def softmax(logits: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    z = np.asarray(logits, dtype=np.float64) / temperature
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return np.asarray(e / e.sum(axis=-1, keepdims=True))


@dataclass(frozen=True)
class EmotionHead:
    """Dense layers with ReLU between them; the last layer gives one logit per class.

    ``temperature`` comes from temperature scaling on the dev split, so probabilities are calibrated.
    """

    weights: tuple[np.ndarray, ...]
    biases: tuple[np.ndarray, ...]
    temperature: float = 1.0

    def __post_init__(self) -> None:
        if not self.weights or len(self.weights) != len(self.biases):
            raise ModelError("text head needs one bias per weight matrix")
        if self.temperature <= 0:
            raise ModelError(f"temperature must be positive, got {self.temperature}")

    @property
    def n_classes(self) -> int:
        return int(self.weights[-1].shape[1])

    def logits(self, embeddings: np.ndarray) -> np.ndarray:
        x = np.asarray(embeddings, dtype=np.float32)
        for i, (w, b) in enumerate(zip(self.weights, self.biases, strict=True)):
            x = x @ w + b
            if i < len(self.weights) - 1:
                x = np.maximum(x, 0.0)
        return x

    def probabilities(self, embeddings: np.ndarray) -> np.ndarray:
        return softmax(self.logits(embeddings), self.temperature)

    def save(self, path: Path) -> None:
        arrays: dict[str, np.ndarray] = {"temperature": np.asarray(self.temperature)}
        for i, (w, b) in enumerate(zip(self.weights, self.biases, strict=True)):
            arrays[f"w{i}"] = w.astype(np.float32)
            arrays[f"b{i}"] = b.astype(np.float32)
        np.savez_compressed(path, **arrays)  # type: ignore[arg-type]

    @classmethod
    def load(cls, path: Path) -> EmotionHead:
        try:
            with np.load(path) as data:
                n = sum(1 for k in data.files if k.startswith("w"))
                weights = tuple(data[f"w{i}"] for i in range(n))
                biases = tuple(data[f"b{i}"] for i in range(n))
                temperature = float(data["temperature"])
        except (OSError, KeyError, ValueError) as exc:
            raise ModelError(f"cannot read text head {path}: {exc}") from exc
        return cls(weights=weights, biases=biases, temperature=temperature)
