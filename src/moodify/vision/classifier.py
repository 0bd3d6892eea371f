"""The emotion classifier: preprocessed face crops -> calibrated probabilities for the 7 emotions."""

from __future__ import annotations

import logging
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from moodify.errors import ModelError
from moodify.types import EMOTIONS, EmotionScores
from moodify.vision.model_card import ModelCard
from moodify.vision.onnx_session import open_session
from moodify.vision.preprocess import MEAN, STD

if TYPE_CHECKING:
    from moodify.settings import Settings

log = logging.getLogger(__name__)

BATCH = 256  # rows per ORT call: large enough to amortise the call, small enough for little memory


def default_model_path() -> Path:
    """The model shipped inside the package."""
    return Path(str(files("moodify.vision") / "models" / "emotion.onnx"))


class EmotionClassifier:
    """Runs the ONNX model with onnxruntime.

    Input: float32 (N, 1, S, S) from :func:`moodify.vision.preprocess.preprocess_batch`.
    Optional horizontal-flip test-time augmentation averages the logits of the crop and its mirror (default:
    as the model card says, because the card's temperature was fitted in that mode);
    a temperature fitted on validation data (from the model card) calibrates the softmax.
    """

    def __init__(self, model_path: Path | None = None, *, threads: int = 1, tta: bool | None = None,
                 temperature: float | None = None) -> None:
        self.path = model_path or default_model_path()
        if not self.path.is_file():
            raise ModelError(f"the emotion model {self.path} does not exist; set MOODIFY_MODEL_PATH or "
                             "reinstall moodify (the default model ships inside the package)")
        self.card = ModelCard.read(self.path.with_suffix(".json"))
        self.tta = self.card.tta if tta is None else tta
        self.temperature = self.card.temperature if temperature is None else float(temperature)
        if not self.temperature > 0:
            raise ModelError(f"temperature must be > 0, got {self.temperature}")
        self._session: Any = open_session(self.path, threads=threads, what="emotion model")
        self._check_io()
        self._order = self.card.order

    @classmethod
    def from_settings(cls, settings: Settings) -> EmotionClassifier:
        return cls(settings.model_path, threads=settings.ort_threads, tta=settings.tta)

    @property
    def input_size(self) -> int:
        return self.card.input_size

    def _check_io(self) -> None:
        inputs = {i.name: i for i in self._session.get_inputs()}
        outputs = {o.name for o in self._session.get_outputs()}
        if self.card.input_name not in inputs or self.card.output_name not in outputs:
            raise ModelError(f"{self.path}: the model card names input {self.card.input_name!r} and "
                             f"output {self.card.output_name!r}, the model has {sorted(inputs)} -> "
                             f"{sorted(outputs)}")
        batch_dim = inputs[self.card.input_name].shape[0]
        self._fixed_batch = batch_dim if isinstance(batch_dim, int) else None

    def logits(self, batch: np.ndarray) -> np.ndarray:
        """(N, 1, S, S) -> (N, 7) logits in :data:`EMOTIONS` order (flip-averaged when TTA is on)."""
        x = self._normalise(batch)
        if x.shape[0] == 0:
            return np.zeros((0, len(EMOTIONS)), dtype=np.float32)
        if not self.tta:
            return self._run(x)[:, self._order]
        n = x.shape[0]
        both = self._run(np.concatenate([x, x[..., ::-1]]))  # crop and mirror in one call
        return ((both[:n] + both[n:]) / 2.0)[:, self._order]

    def probabilities(self, batch: np.ndarray) -> np.ndarray:
        """(N, 1, S, S) -> (N, 7) temperature-scaled softmax probabilities."""
        return softmax(self.logits(batch), self.temperature)

    def classify(self, batch: np.ndarray) -> list[EmotionScores]:
        return [EmotionScores.from_array(p) for p in self.probabilities(batch)]

    def _normalise(self, batch: np.ndarray) -> np.ndarray:
        size = self.card.input_size
        if batch.ndim != 4 or batch.shape[1:] != (1, size, size):
            raise ValueError(f"expected a batch of shape (N, 1, {size}, {size}), got {batch.shape}")
        x = batch.astype(np.float32, copy=False)
        if (self.card.mean, self.card.std) != (MEAN, STD):  # the model was trained with other statistics
            x = ((x * STD + MEAN) - self.card.mean) / self.card.std
        return x

    def _run(self, x: np.ndarray) -> np.ndarray:
        step = self._fixed_batch or BATCH
        parts = []
        for start in range(0, x.shape[0], step):
            chunk = x[start : start + step]
            if self._fixed_batch and chunk.shape[0] < step:
                chunk = np.concatenate([chunk, np.zeros((step - chunk.shape[0], *chunk.shape[1:]),
                                                        dtype=chunk.dtype)])
            (out,) = self._session.run([self.card.output_name], {self.card.input_name: chunk})
            parts.append(np.asarray(out, dtype=np.float32)[: min(step, x.shape[0] - start)])
        logits = np.concatenate(parts)
        if logits.ndim != 2 or logits.shape[1] != len(EMOTIONS):
            raise ModelError(f"{self.path}: expected ({x.shape[0]}, {len(EMOTIONS)}) logits, "
                             f"got {logits.shape}")
        return logits


def softmax(logits: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    """Row-wise softmax of ``logits / temperature``, numerically stable."""
    z = np.asarray(logits, dtype=np.float64) / temperature
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return np.asarray(e / e.sum(axis=-1, keepdims=True))
