"""Classification metrics shared by vision, training and text: numpy only (matplotlib lazily for plots).

Labels are integer class indices; probabilities/logits are (N, C) arrays in the same class order.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from moodify.types import EMOTIONS

log = logging.getLogger(__name__)

ECE_BINS = 15


def confusion_matrix(labels: Sequence[int] | np.ndarray, preds: Sequence[int] | np.ndarray,
                     n_classes: int = len(EMOTIONS)) -> np.ndarray:
    """(C, C) counts; rows are true classes, columns predictions."""
    y, p = _ints(labels), _ints(preds)
    if y.shape != p.shape:
        raise ValueError(f"labels and predictions differ in length: {y.shape} vs {p.shape}")
    if y.size and (min(y.min(), p.min()) < 0 or max(y.max(), p.max()) >= n_classes):
        raise ValueError(f"class indices must be in [0, {n_classes})")
    cm = np.zeros((n_classes, n_classes), dtype=np.int64)
    np.add.at(cm, (y, p), 1)
    return cm


def accuracy(labels: Sequence[int] | np.ndarray, preds: Sequence[int] | np.ndarray) -> float:
    y, p = _ints(labels), _ints(preds)
    return float((y == p).mean()) if y.size else 0.0


@dataclass(frozen=True)
class ClassMetrics:
    name: str
    precision: float
    recall: float
    f1: float
    support: int


def per_class(cm: np.ndarray, classes: Sequence[str] = EMOTIONS) -> list[ClassMetrics]:
    """Precision, recall, F1 and support per class; 0 where undefined (no predictions / no samples)."""
    tp = np.diag(cm).astype(np.float64)
    predicted, actual = cm.sum(axis=0), cm.sum(axis=1)
    precision = np.divide(tp, predicted, out=np.zeros_like(tp), where=predicted > 0)
    recall = np.divide(tp, actual, out=np.zeros_like(tp), where=actual > 0)
    denom = precision + recall
    f1 = np.divide(2 * precision * recall, denom, out=np.zeros_like(tp), where=denom > 0)
    return [ClassMetrics(str(n), float(p), float(r), float(f), int(s))
            for n, p, r, f, s in zip(classes, precision, recall, f1, actual, strict=True)]


def macro_f1(cm: np.ndarray) -> float:
    """Unweighted mean F1 over the classes that occur (in labels or predictions)."""
    present = (cm.sum(axis=0) + cm.sum(axis=1)) > 0
    f1 = np.array([m.f1 for m in per_class(cm, [str(i) for i in range(len(cm))])])
    return float(f1[present].mean()) if present.any() else 0.0


def reliability_bins(probs: np.ndarray, labels: Sequence[int] | np.ndarray,
                     n_bins: int = ECE_BINS) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per equal-width confidence bin: mean confidence, accuracy, count (empty bins: 0, 0, 0)."""
    probs = np.asarray(probs, dtype=np.float64)
    y = _ints(labels)
    conf, pred = probs.max(axis=1), probs.argmax(axis=1)
    correct = (pred == y).astype(np.float64)
    # Bin i holds (i/n, (i+1)/n]; a confidence of exactly 0 joins the first bin.
    idx = np.clip(np.ceil(conf * n_bins).astype(np.int64) - 1, 0, n_bins - 1)
    counts = np.bincount(idx, minlength=n_bins).astype(np.int64)
    safe = np.maximum(counts, 1)
    mean_conf = np.bincount(idx, weights=conf, minlength=n_bins) / safe
    mean_acc = np.bincount(idx, weights=correct, minlength=n_bins) / safe
    return mean_conf, mean_acc, counts


def expected_calibration_error(probs: np.ndarray, labels: Sequence[int] | np.ndarray,
                               n_bins: int = ECE_BINS) -> float:
    """ECE: the count-weighted mean |accuracy - confidence| over equal-width confidence bins."""
    mean_conf, mean_acc, counts = reliability_bins(probs, labels, n_bins)
    total = counts.sum()
    return float((counts * np.abs(mean_acc - mean_conf)).sum() / total) if total else 0.0


def log_softmax(logits: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    z = np.asarray(logits, dtype=np.float64) / temperature
    z = z - z.max(axis=1, keepdims=True)
    return np.asarray(z - np.log(np.exp(z).sum(axis=1, keepdims=True)))


def nll(logits: np.ndarray, labels: Sequence[int] | np.ndarray, temperature: float = 1.0) -> float:
    """Mean negative log-likelihood of the true class under ``softmax(logits / temperature)``."""
    y = _ints(labels)
    return float(-log_softmax(logits, temperature)[np.arange(y.size), y].mean())


def fit_temperature(logits: np.ndarray, labels: Sequence[int] | np.ndarray, *,
                    low: float = 0.05, high: float = 20.0, tol: float = 1e-5) -> float:
    """The temperature minimising validation NLL (Guo et al., 2017).

    NLL is convex in the inverse temperature, so a golden-section search over it finds the optimum.
    """
    if np.asarray(logits).shape[0] == 0:
        raise ValueError("need at least one example to fit a temperature")
    ratio = (np.sqrt(5.0) - 1.0) / 2.0
    a, b = 1.0 / high, 1.0 / low  # search the inverse temperature
    c, d = b - ratio * (b - a), a + ratio * (b - a)
    fc, fd = nll(logits, labels, 1.0 / c), nll(logits, labels, 1.0 / d)
    while b - a > tol:
        if fc < fd:
            b, d, fd = d, c, fc
            c = b - ratio * (b - a)
            fc = nll(logits, labels, 1.0 / c)
        else:
            a, c, fc = c, d, fd
            d = a + ratio * (b - a)
            fd = nll(logits, labels, 1.0 / d)
    return float(2.0 / (a + b))


@dataclass(frozen=True)
class EvaluationReport:
    """Everything ``moodify evaluate`` and training report, ready for JSON."""

    n: int
    accuracy: float
    macro_f1: float
    ece: float
    nll: float | None
    classes: tuple[str, ...]
    per_class: tuple[ClassMetrics, ...]
    confusion: tuple[tuple[int, ...], ...]
    extra: dict[str, object] = field(default_factory=dict)  # e.g. no_face, failed, temperature

    @classmethod
    def from_probabilities(cls, probs: np.ndarray, labels: Sequence[int] | np.ndarray, *,
                           classes: Sequence[str] = EMOTIONS, logits: np.ndarray | None = None,
                           temperature: float = 1.0, **extra: object) -> EvaluationReport:
        probs = np.asarray(probs, dtype=np.float64).reshape(-1, len(classes))
        y = _ints(labels)
        cm = confusion_matrix(y, probs.argmax(axis=1), len(classes))
        return cls(
            n=int(y.size),
            accuracy=accuracy(y, probs.argmax(axis=1)),
            macro_f1=macro_f1(cm),
            ece=expected_calibration_error(probs, y) if y.size else 0.0,
            nll=nll(logits, y, temperature) if logits is not None and y.size else None,
            classes=tuple(classes),
            per_class=tuple(per_class(cm, classes)),
            confusion=tuple(tuple(int(v) for v in row) for row in cm),
            extra={"temperature": temperature, **extra} if logits is not None else dict(extra),
        )

    @property
    def confusion_array(self) -> np.ndarray:
        return np.asarray(self.confusion, dtype=np.int64).reshape(len(self.classes), len(self.classes))

    def to_json(self) -> dict[str, object]:
        return {
            "n": self.n,
            "accuracy": round(self.accuracy, 6),
            "macro_f1": round(self.macro_f1, 6),
            "ece": round(self.ece, 6),
            "nll": None if self.nll is None else round(self.nll, 6),
            "classes": list(self.classes),
            "per_class": {m.name: {"precision": round(m.precision, 6), "recall": round(m.recall, 6),
                                   "f1": round(m.f1, 6), "support": m.support} for m in self.per_class},
            "confusion_matrix": [list(row) for row in self.confusion],
            **self.extra,
        }


def plot_confusion_matrix(cm: np.ndarray, path: Path, classes: Sequence[str] = EMOTIONS,
                          title: str = "Confusion matrix (rows: true, normalised per row)") -> Path:
    plt = _pyplot()
    cm = np.asarray(cm, dtype=np.float64)
    rows = np.maximum(cm.sum(axis=1, keepdims=True), 1)
    norm = cm / rows
    fig, ax = plt.subplots(figsize=(6.4, 5.6), dpi=120)
    im = ax.imshow(norm, cmap="Blues", vmin=0, vmax=1)
    fig.colorbar(im, ax=ax, fraction=0.046, pad=0.04)
    ax.set_xticks(range(len(classes)), labels=list(classes), rotation=45, ha="right")
    ax.set_yticks(range(len(classes)), labels=list(classes))
    ax.set_xlabel("predicted")
    ax.set_ylabel("true")
    ax.set_title(title, fontsize=10)
    for i in range(len(classes)):
        for j in range(len(classes)):
            ax.text(j, i, f"{norm[i, j]:.2f}\n({int(cm[i, j])})", ha="center", va="center", fontsize=6.5,
                    color="white" if norm[i, j] > 0.5 else "black")
    return _save(fig, path)


def plot_reliability(probs: np.ndarray, labels: Sequence[int] | np.ndarray, path: Path,
                     n_bins: int = ECE_BINS, title: str = "Reliability diagram") -> Path:
    plt = _pyplot()
    mean_conf, mean_acc, counts = reliability_bins(probs, labels, n_bins)
    edges = np.linspace(0, 1, n_bins + 1)
    centres = (edges[:-1] + edges[1:]) / 2
    ece = expected_calibration_error(probs, labels, n_bins)
    fig, ax = plt.subplots(figsize=(5.2, 5.2), dpi=120)
    used = counts > 0
    ax.bar(centres[used], mean_acc[used], width=1 / n_bins, edgecolor="black", alpha=0.8, label="accuracy")
    ax.bar(centres[used], (mean_conf - mean_acc)[used], bottom=mean_acc[used], width=1 / n_bins,
           color="salmon", alpha=0.5, edgecolor="red", label="gap to confidence")
    ax.plot([0, 1], [0, 1], "k--", linewidth=1, label="perfect calibration")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_xlabel("confidence")
    ax.set_ylabel("accuracy")
    ax.set_title(f"{title} (ECE {ece:.3f}, {n_bins} bins, n={int(counts.sum())})", fontsize=10)
    ax.legend(loc="upper left", fontsize=8)
    return _save(fig, path)


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")  # files only, never a window
    import matplotlib.pyplot as plt

    return plt


def _save(fig: Any, path: Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.tight_layout()
    fig.savefig(path)
    import matplotlib.pyplot as plt

    plt.close(fig)
    return path


def _ints(values: Sequence[int] | np.ndarray) -> np.ndarray:
    return np.asarray(values, dtype=np.int64).reshape(-1)
