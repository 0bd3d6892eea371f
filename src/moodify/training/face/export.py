"""Best checkpoint -> ONNX, torch/ORT parity check, temperature fit on val, test metrics, model card."""

from __future__ import annotations

import json
import logging
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import torch

from moodify.metrics import EvaluationReport, fit_temperature, plot_confusion_matrix, plot_reliability
from moodify.training.face.data import Split, load_dataset
from moodify.training.face.model import Ensemble, create_model
from moodify.types import EMOTIONS
from moodify.vision.classifier import EmotionClassifier, softmax
from moodify.vision.preprocess import INPUT_SIZE, MEAN, STD

log = logging.getLogger(__name__)
PARITY_TOLERANCE = 1e-4
PACKAGE_MODEL_DIR = Path(__file__).resolve().parents[2] / "vision" / "models"


@dataclass(frozen=True)
class ExportResult:
    onnx_path: Path
    card_path: Path
    parity_max_abs_diff: float
    temperature: float
    test: EvaluationReport | None


def load_checkpoint(path: Path) -> tuple[torch.nn.Module, str]:
    """``best.pt`` or ``last.pt`` of a run (``last.pt`` keeps its arch in the training config)."""
    ckpt = torch.load(path, weights_only=False, map_location="cpu")
    arch = ckpt["arch"] if "arch" in ckpt else ckpt["config"]["arch"]
    model = create_model(arch)
    model.load_state_dict(ckpt["model"])
    return model.eval(), str(arch)


def load_runs(run_dirs: Sequence[Path], checkpoint: str = "best") -> tuple[torch.nn.Module, str]:
    """A checkpoint of one run, or of several averaged into one :class:`Ensemble`."""
    loaded = [load_checkpoint(run / f"{checkpoint}.pt") for run in run_dirs]
    if len(loaded) == 1:
        return loaded[0]
    return Ensemble([m for m, _ in loaded]).eval(), "+".join(arch for _, arch in loaded)


def to_onnx(model: torch.nn.Module, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    torch.onnx.export(  # the TorchScript exporter: no onnxscript dependency, stable for plain CNNs
        model, (torch.zeros(1, 1, INPUT_SIZE, INPUT_SIZE),), str(path), input_names=["input"],
        output_names=["logits"], dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}},
        opset_version=17, dynamo=False,
    )


def parity(model: torch.nn.Module, classifier: EmotionClassifier, x: np.ndarray) -> float:
    """Max |torch - onnxruntime| over the logits of ``x`` (no TTA on either side)."""
    with torch.no_grad():
        ref = model(torch.from_numpy(x)).numpy()
    plain = EmotionClassifier(classifier.path, tta=False, temperature=1.0)
    return float(np.abs(plain.logits(x) - ref).max())


def export(run_dirs: Path | Sequence[Path], data_dir: Path, out_dir: Path, *, ship: bool = False,
           checkpoint: str = "best", tta: bool = True, splits: dict[str, Split] | None = None) -> ExportResult:
    """Exports ``best.pt`` (or ``last.pt``) of one run, or an ensemble of several; evaluates on the test split
    when there is one. ``tta`` is the serving mode the card prescribes; the temperature is fitted in it.
    ``splits``: the data already loaded (the distillation recipe's .npz), else decoded from ``data_dir``."""
    runs = [run_dirs] if isinstance(run_dirs, Path) else list(run_dirs)
    model, arch = load_runs(runs, checkpoint)
    if splits is None:
        splits = load_dataset(data_dir, cache_dir=runs[0] / "cache")
    onnx_path, card_path = out_dir / "emotion.onnx", out_dir / "emotion.json"
    to_onnx(model, onnx_path)
    _write_card(card_path, arch=arch, temperature=1.0, metrics={}, extra={})
    served = EmotionClassifier(onnx_path, tta=tta, temperature=1.0)  # logits exactly as the app computes them
    diff = parity(model, served, splits["val"].x[:512])
    if diff >= PARITY_TOLERANCE:
        raise RuntimeError(f"ONNX and torch disagree: max abs diff {diff:.2e} >= {PARITY_TOLERANCE}")
    val_logits = served.logits(splits["val"].x)
    temperature = fit_temperature(val_logits, splits["val"].y)
    metrics: dict[str, object] = {"val": _report(val_logits, splits["val"], temperature).to_json()}
    test = None
    if "test" in splits:
        test_logits = served.logits(splits["test"].x)
        test = _report(test_logits, splits["test"], temperature)
        metrics["test"] = test.to_json()
        metrics["test_uncalibrated_ece"] = _report(test_logits, splits["test"], 1.0).ece
        plot_confusion_matrix(test.confusion_array, out_dir / "confusion_matrix.png")
        plot_reliability(softmax(test_logits, temperature), splits["test"].y, out_dir / "reliability.png")
    members = [_run_summary(run) for run in runs]
    extra = {
        "data": str(data_dir), "splits": {k: len(v) for k, v in splits.items()},
        "runs": members, "checkpoint": f"{checkpoint}.pt", "tta": tta,
        "parity_max_abs_diff": diff, "trained": datetime.now(UTC).date().isoformat(),
        "params": sum(p.numel() for p in model.parameters()),
    }
    _write_card(card_path, arch=arch, temperature=temperature, metrics=metrics, extra=extra)
    _write_markdown(out_dir / "emotion.md", arch, temperature, metrics, extra, members)
    if ship:
        PACKAGE_MODEL_DIR.mkdir(parents=True, exist_ok=True)
        for name in ("emotion.onnx", "emotion.json", "emotion.md"):
            shutil.copy2(out_dir / name, PACKAGE_MODEL_DIR / name)
    return ExportResult(onnx_path, card_path, diff, temperature, test)


def _run_summary(run: Path) -> dict[str, object]:
    path = run / "summary.json"
    summary = json.loads(path.read_text()) if path.exists() else {}
    return {"run": run.name, "epochs_run": summary.get("epochs_run"), "best_epoch": summary.get("best_epoch"),
            "best_val_acc": _rounded(summary.get("best_val_acc")), "train_seconds": summary.get("elapsed_s"),
            "train_config": summary.get("config")}


def _rounded(value: object) -> object:
    return round(value, 4) if isinstance(value, float) else value


def _report(logits: np.ndarray, split: Split, temperature: float) -> EvaluationReport:
    return EvaluationReport.from_probabilities(softmax(logits, temperature), split.y, logits=logits,
                                               temperature=temperature)


def _write_card(path: Path, *, arch: str, temperature: float, metrics: dict[str, object],
                extra: dict[str, object]) -> None:
    card = {"name": "moodify-emotion", "arch": arch, "input_size": INPUT_SIZE, "input_name": "input",
            "output_name": "logits", "mean": MEAN, "std": STD, "margin": 0.15, "classes": list(EMOTIONS),
            "temperature": round(float(temperature), 6), "metrics": metrics, **extra}
    path.write_text(json.dumps(card, indent=2) + "\n")


def _write_markdown(path: Path, arch: str, temperature: float, metrics: dict[str, object],
                    extra: dict[str, object], members: list[dict[str, object]]) -> None:
    lines = [
        "# Moodify emotion model", "",
        f"- Architecture: `{arch}` ({extra['params']:,} parameters), input 48x48 grayscale, "
        f"normalised (x/255 - {MEAN}) / {STD}; serving crops the face with the detector's measured framing "
        "(`vision/detectors/base.py`), training uses the dataset crops as they are.",
        f"- Classes (output order): {', '.join(EMOTIONS)}.",
        f"- Data: `{extra['data']}`, splits {extra['splits']}.",
        *[f"- Run `{r['run']}`: {r['epochs_run']} epochs, best on val at {r['best_epoch']} "
          f"(val accuracy {r['best_val_acc']}); exported `{extra['checkpoint']}`." for r in members],
        *(["- The members' log-probabilities are averaged inside the one ONNX graph."] if len(members) > 1 else []),
        f"- Trained {extra['trained']}.",
        f"- Served {'with flip TTA (logits of the face and its mirror averaged)' if extra['tta'] else 'without TTA'};"
        f" temperature fitted on val in that mode: {temperature:.3f}. "
        f"ONNX/torch max abs diff: {extra['parity_max_abs_diff']:.1e}.", "",
    ]
    test = metrics.get("test")
    if isinstance(test, dict):
        lines += [f"## Test ({test['n']} images)", "",
                  f"accuracy {test['accuracy']:.4f}, macro-F1 {test['macro_f1']:.4f}, ECE {test['ece']:.4f} "
                  f"(before temperature scaling {metrics['test_uncalibrated_ece']:.4f})", "",
                  "| class | precision | recall | F1 | support |", "|---|---:|---:|---:|---:|"]
        for name, m in test["per_class"].items():
            lines.append(f"| {name} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} | {m['support']} |")
    path.write_text("\n".join(lines) + "\n")
