"""Fit the emotion head on sentence embeddings: softmax regression or a one-hidden-layer MLP.

Plain numpy with Adam, so retraining the head needs no torch. Deterministic for a given seed.
"""

from __future__ import annotations

import itertools
import logging
from dataclasses import dataclass

import numpy as np

from moodify.metrics import confusion_matrix, macro_f1
from moodify.text.classifier import EmotionHead, softmax

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class HeadConfig:
    hidden: int = 256  # 0: plain softmax regression
    epochs: int = 30
    batch_size: int = 256
    learning_rate: float = 5e-4
    weight_decay: float = 1e-4
    class_weight_power: float = 0.5  # 0: none, 1: fully balanced (N / (K * n_c))
    seed: int = 0


def class_weights(targets: np.ndarray, power: float) -> np.ndarray:
    """Per-class loss weights from soft targets: rare classes count more, to lift macro-F1."""
    counts = targets.sum(axis=0)
    balanced = counts.sum() / (len(counts) * np.maximum(counts, 1.0))
    return np.asarray(balanced**power, dtype=np.float32)


def _init(sizes: list[int], rng: np.random.Generator) -> tuple[list[np.ndarray], list[np.ndarray]]:
    weights = [
        rng.normal(0.0, np.sqrt(2.0 / a), size=(a, b)).astype(np.float32)
        for a, b in itertools.pairwise(sizes)
    ]
    biases = [np.zeros(b, dtype=np.float32) for b in sizes[1:]]
    return weights, biases


def _forward(x: np.ndarray, weights: list[np.ndarray], biases: list[np.ndarray]) -> list[np.ndarray]:
    """Activations of every layer; the last one is the logits."""
    acts = [x]
    for i, (w, b) in enumerate(zip(weights, biases, strict=True)):
        z = acts[-1] @ w + b
        acts.append(np.maximum(z, 0.0) if i < len(weights) - 1 else z)
    return acts


def _gradients(
    acts: list[np.ndarray], weights: list[np.ndarray], targets: np.ndarray, row_weight: np.ndarray
) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Backprop of weighted cross-entropy with soft targets."""
    probs = softmax(acts[-1]).astype(np.float32)
    delta = (probs - targets) * row_weight[:, None] / row_weight.sum()
    grads_w: list[np.ndarray] = []
    grads_b: list[np.ndarray] = []
    for i in range(len(weights) - 1, -1, -1):
        grads_w.insert(0, acts[i].T @ delta)
        grads_b.insert(0, delta.sum(axis=0))
        if i:
            delta = (delta @ weights[i].T) * (acts[i] > 0)
    return grads_w, grads_b


def fit_head(
    x: np.ndarray,
    targets: np.ndarray,
    config: HeadConfig,
    dev: tuple[np.ndarray, np.ndarray] | None = None,
) -> EmotionHead:
    """Train on features ``x`` (n, d) and soft ``targets`` (n, k). With ``dev`` (features, labels), keep the
    epoch with the best dev macro-F1 (early stopping).

    Features are standardised for training (their layers have very different scales); the standardisation
    is then folded into the first layer, so the returned head takes raw features.
    """
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-6
    xs = ((x - mean) / scale).astype(np.float32)
    dev_s = None if dev is None else (((dev[0] - mean) / scale).astype(np.float32), dev[1])
    rng = np.random.default_rng(config.seed)
    sizes = [x.shape[1], *([config.hidden] if config.hidden else []), targets.shape[1]]
    weights, biases = _init(sizes, rng)
    params = weights + biases
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    row_weight_all = targets @ class_weights(targets, config.class_weight_power)
    best: tuple[float, EmotionHead] | None = None
    step = 0
    for epoch in range(config.epochs):
        order = rng.permutation(len(xs))
        for start in range(0, len(order), config.batch_size):
            idx = order[start : start + config.batch_size]
            acts = _forward(xs[idx], weights, biases)
            gw, gb = _gradients(acts, weights, targets[idx], row_weight_all[idx])
            step += 1
            for p, g, mi, vi in zip(params, [*gw, *gb], m, v, strict=True):
                g = g + config.weight_decay * p if p.ndim == 2 else g
                mi *= 0.9
                mi += 0.1 * g
                vi *= 0.999
                vi += 0.001 * g * g
                p -= config.learning_rate * (mi / (1 - 0.9**step)) / (np.sqrt(vi / (1 - 0.999**step)) + 1e-8)
        head = EmotionHead(weights=tuple(w.copy() for w in weights), biases=tuple(b.copy() for b in biases))
        if dev_s is not None:
            score = macro_f1(confusion_matrix(dev_s[1], head.logits(dev_s[0]).argmax(axis=1), targets.shape[1]))
            log.debug("epoch %d dev macro-F1 %.4f", epoch + 1, score)
            if best is None or score > best[0]:
                best = (score, head)
    chosen = best[1] if best is not None else EmotionHead(weights=tuple(weights), biases=tuple(biases))
    return fold_standardisation(chosen, mean, scale)


def fold_standardisation(head: EmotionHead, mean: np.ndarray, scale: np.ndarray) -> EmotionHead:
    """The same head applied to raw features: ((x - mean) / scale) @ W + b == x @ W' + b'."""
    w0 = head.weights[0] / scale[:, None]
    b0 = head.biases[0] - (mean / scale) @ head.weights[0]
    return EmotionHead(
        weights=(w0.astype(np.float32), *head.weights[1:]),
        biases=(b0.astype(np.float32), *head.biases[1:]),
        temperature=head.temperature,
    )
