"""CLI commands for training: ``moodify train`` (needs the ``train`` extra: torch on CPU)."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Annotated

import typer

from moodify.cli.app import EXIT_USAGE, app, fail


@app.command()
def train(
    data: Annotated[Path, typer.Option("--data", help="Image folders <split>/<class>/* (or <class>/*).")],
    out: Annotated[Path, typer.Option("--out", help="Run folder: checkpoints, history, exported model.")],
    epochs: Annotated[int, typer.Option("--epochs", min=1)] = 30,
    arch: Annotated[str, typer.Option("--arch", help="vgg-xs, vgg-t, vgg-s1, vgg-s or vgg-m.")] = "vgg-s",
    batch_size: Annotated[int, typer.Option("--batch-size", min=1)] = 128,
    lr: Annotated[float, typer.Option("--lr")] = 3e-3,
    time_budget: Annotated[float | None, typer.Option("--time-budget-min",
                                                      help="End the LR schedule after this many minutes.")] = None,
    threads: Annotated[int, typer.Option("--threads", min=1)] = 2,
    seed: Annotated[int, typer.Option("--seed")] = 0,
    patience: Annotated[int, typer.Option("--patience", min=1, help="Epochs without a better val before stopping.")]
    = 10,
    ship: Annotated[bool, typer.Option("--ship", help="Copy the exported model into the package.")] = False,
    export_only: Annotated[bool, typer.Option("--export-only", help="Skip training; export the best checkpoint.")]
    = False,
    recipe: Annotated[str, typer.Option("--recipe", help="plain (one net) or distil (teachers -> vgg-s student, "
                                        "see docs/training.md).")] = "plain",
    budget_min: Annotated[float, typer.Option("--budget-min", min=0.1, help="distil: wall-clock minutes for the "
                                              "whole recipe; epochs are planned from it.")] = 9.0,
    device: Annotated[str, typer.Option("--device", help="distil: auto, cpu or cuda.")] = "auto",
    teachers: Annotated[list[str] | None, typer.Option("--teacher", help="distil: ARCH[@SIZE][:SEED], repeat "
                                                       "(default: vgg-l@48:1, vgg-l@64:2, resnet-18@48:3).")] = None,
) -> None:
    """Train (or resume) an emotion CNN, then export it to ONNX with a model card and test metrics.

    ``--recipe distil`` runs the distillation recipe instead (``--data`` may then be its .npz)."""
    if recipe == "distil":
        _distil(data, out, budget_min, device, teachers or [], threads, seed, ship)
        return
    if recipe != "plain":
        fail(EXIT_USAGE, f"--recipe must be plain or distil, not {recipe!r}")
    try:
        from moodify.training.face.train import TrainConfig
        from moodify.training.face.train import train as run_training
    except ImportError as exc:
        fail(EXIT_USAGE, f"training needs the 'train' extra (pip install 'moodify[train]'): {exc}")
    if not data.is_dir():
        fail(EXIT_USAGE, f"--data {data} is not a folder")
    logging.getLogger("moodify").setLevel(logging.INFO)
    if arch not in _arch_names():
        fail(EXIT_USAGE, f"unknown --arch {arch!r}; known: {', '.join(_arch_names())}")
    if not export_only:
        cfg = TrainConfig(data=data, out=out, arch=arch, epochs=epochs, batch_size=batch_size, lr=lr,
                          time_budget_s=time_budget * 60 if time_budget else None, threads=threads, seed=seed,
                          patience=patience)
        try:
            run_training(cfg)
        except FileNotFoundError as exc:
            fail(EXIT_USAGE, str(exc))
    _export(out, data, out / "model", ship)


def _distil(data: Path, out: Path, budget_min: float, device: str, teachers: list[str], threads: int, seed: int,
            ship: bool) -> None:
    try:
        from moodify.training.face.recipe import DEFAULT_TEACHERS, BudgetError, RecipeConfig, TeacherSpec, run
    except ImportError as exc:
        fail(EXIT_USAGE, f"training needs the 'train' extra (pip install 'moodify[train]'): {exc}")
    if not data.exists():
        fail(EXIT_USAGE, f"--data {data} does not exist")
    if device not in ("auto", "cpu", "cuda"):
        fail(EXIT_USAGE, f"--device must be auto, cpu or cuda, not {device!r}")
    try:
        specs = tuple(TeacherSpec.parse(t) for t in teachers)
    except ValueError as exc:
        fail(EXIT_USAGE, str(exc))
    unknown = sorted({s.arch for s in specs} - set(_arch_names()))
    if unknown:
        fail(EXIT_USAGE, f"unknown teacher arch {', '.join(unknown)}; known: {', '.join(_arch_names())}")
    logging.getLogger("moodify").setLevel(logging.INFO)
    cfg = RecipeConfig(data=data, out=out, budget_min=budget_min, device=device, threads=threads, seed=seed,
                       ship=ship, teachers=specs or DEFAULT_TEACHERS)
    try:
        result = run(cfg)
    except (BudgetError, FileNotFoundError, ValueError) as exc:
        fail(EXIT_USAGE, str(exc))
    typer.echo(json.dumps({"student_val": result.student_val, "shipped_model_val": result.shipped_model_val,
                           "beats_shipped": result.beats_shipped, "shipped": result.shipped, "test": result.test,
                           "wall_s": result.wall_s, "out": str(out)}))


@app.command("export-model")
def export_model(
    runs: Annotated[list[Path], typer.Option("--run", help="Run folder with best.pt; repeat to export an ensemble.")],
    data: Annotated[Path, typer.Option("--data", help="The image folders the runs were trained on.")],
    out: Annotated[Path, typer.Option("--out", help="Where to write emotion.onnx, the card and plots.")],
    ship: Annotated[bool, typer.Option("--ship", help="Copy the exported model into the package.")] = False,
    checkpoint: Annotated[str, typer.Option("--checkpoint", help="best (by val, no TTA) or last (end of schedule).")]
    = "best",
    tta: Annotated[bool, typer.Option("--tta/--no-tta", help="Serve with flip TTA; the card records it and the "
                                      "temperature is fitted in that mode.")] = True,
) -> None:
    """Export trained runs to one ONNX model (several runs: their averaged log-probabilities), card and metrics."""
    if checkpoint not in ("best", "last"):
        fail(EXIT_USAGE, f"--checkpoint must be best or last, not {checkpoint!r}")
    missing = [str(r) for r in runs if not (r / f"{checkpoint}.pt").is_file()]
    if missing:
        fail(EXIT_USAGE, f"no {checkpoint}.pt in {', '.join(missing)}")
    if not data.is_dir():
        fail(EXIT_USAGE, f"--data {data} is not a folder")
    _export(runs, data, out, ship, checkpoint, tta)


def _export(runs: Path | list[Path], data: Path, out: Path, ship: bool, checkpoint: str = "best",
            tta: bool = True) -> None:
    try:
        from moodify.training.face.export import export
    except ImportError as exc:
        fail(EXIT_USAGE, f"exporting needs the 'train' extra (pip install 'moodify[train]'): {exc}")
    logging.getLogger("moodify").setLevel(logging.INFO)
    result = export(runs, data, out, ship=ship, checkpoint=checkpoint, tta=tta)
    summary = {"onnx": str(result.onnx_path), "temperature": result.temperature,
               "parity_max_abs_diff": result.parity_max_abs_diff}
    if result.test is not None:
        summary |= {k: result.test.to_json()[k] for k in ("accuracy", "macro_f1", "ece", "n")}
    typer.echo(json.dumps(summary))


def _arch_names() -> list[str]:
    from moodify.training.face.model import ARCHS

    return ARCHS.names()
