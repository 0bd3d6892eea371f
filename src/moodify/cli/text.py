"""CLI commands for text: ``moodify text`` (a sentence -> emotion) and ``moodify train-text``."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from moodify.cli.app import EXIT_FAIL, EXIT_USAGE, app
from moodify.errors import ModelError, TextError
from moodify.settings import Settings

DEFAULT_DATA = Path("../shared/data/goemotions")


def _fail(code: int, message: str) -> None:
    typer.echo(f"moodify: {message}", err=True)
    raise typer.Exit(code)


def _settings() -> Settings:
    try:
        return Settings()
    except ValueError as exc:  # a bad MOODIFY_* value
        _fail(EXIT_USAGE, f"bad settings: {exc}")
        raise AssertionError("unreachable") from exc


@app.command()
def text(
    sentence: Annotated[str, typer.Argument(help="What you feel, in English ('-' reads standard input).")],
    as_json: Annotated[bool, typer.Option("--json", help="Last line of output: one JSON object.")] = False,
) -> None:
    """Classify a sentence into the 7 emotions. Exit 2 when the text is empty."""
    from moodify.text import analyze_text  # lazy: keeps `moodify --help` fast

    if sentence == "-":
        sentence = sys.stdin.read()
    try:
        result = analyze_text(sentence, settings=_settings())
    except TextError as exc:
        _fail(EXIT_USAGE, str(exc))
        raise AssertionError("unreachable") from exc
    except ModelError as exc:
        _fail(EXIT_FAIL, str(exc))
        raise AssertionError("unreachable") from exc
    for notice in result.notices:
        typer.echo(f"note: {notice}", err=True)
    if as_json:
        typer.echo(json.dumps(result.to_json()))
        return
    table = Table(title=f"{result.emotion} ({result.confidence:.0%})", show_header=False)
    for name, p in sorted(result.scores.as_dict().items(), key=lambda kv: -kv[1]):
        table.add_row(name, f"{p:6.1%}", "█" * round(p * 30))
    Console().print(table)


@app.command("train-text")
def train_text(
    data: Annotated[
        Path, typer.Option(help="GoEmotions folder (train/dev/test.tsv, emotions.txt, ekman_mapping.json).")
    ] = DEFAULT_DATA,
    out: Annotated[
        Path, typer.Option(help="Where the model files go; src/moodify/text/models ships them.")
    ] = Path("runs/text/model"),
    work: Annotated[Path, typer.Option(help="Fine-tuned weights, fp32 ONNX, embedding cache.")] = Path(
        "runs/text"
    ),
    finetune: Annotated[
        bool, typer.Option("--finetune/--frozen", help="Fine-tune the encoder (needs the train extra).")
    ] = True,
    epochs: Annotated[int, typer.Option(min=1, help="Fine-tuning epochs.")] = 1,
    retrain: Annotated[bool, typer.Option(help="Fine-tune again even if WORK has a result.")] = False,
    fp32: Annotated[
        bool, typer.Option("--fp32/--no-fp32", help="Also score the fp32 encoder (int8 cost).")
    ] = True,
    as_json: Annotated[bool, typer.Option("--json", help="Last line of output: one JSON object.")] = False,
) -> None:
    """Reproduce the text model: fine-tune, export int8 ONNX, fit + calibrate the head, test figures."""
    from moodify.text.finetune import FinetuneConfig
    from moodify.text.train import TrainTextConfig
    from moodify.text.train import train_text as run

    for name in ("train.tsv", "dev.tsv", "test.tsv", "emotions.txt", "ekman_mapping.json"):
        if not (data / name).is_file():
            _fail(EXIT_USAGE, f"{data / name} not found: point --data at the GoEmotions folder")
    logging.getLogger("moodify").setLevel(logging.INFO)
    config = TrainTextConfig(
        data_dir=data,
        out_dir=out,
        work_dir=work,
        finetune=FinetuneConfig(epochs=epochs) if finetune else None,
        reuse_finetuned=not retrain,
        measure_fp32=fp32,
    )
    try:
        metrics = run(config)
    except (ImportError, RuntimeError) as exc:
        _fail(EXIT_FAIL, f"training failed: {exc}")
    _print_metrics(metrics, as_json)


def _print_metrics(metrics: dict[str, Any], as_json: bool) -> None:
    int8 = metrics["int8"]["test_single_class"]
    summary: dict[str, Any] = {
        "accuracy": int8["accuracy"],
        "macro_f1": int8["macro_f1"],
        "ece": int8["ece"],
        "n": int8["n"],
        "any_label_accuracy": metrics["int8"]["test_any_label_accuracy"],
    }
    if "fp32" in metrics:
        summary["fp32_macro_f1"] = metrics["fp32"]["test_single_class"]["macro_f1"]
    if as_json:
        typer.echo(json.dumps(summary))
        return
    table = Table(title="GoEmotions test (single-class rows), int8 encoder")
    for col in ("class", "precision", "recall", "F1", "support"):
        table.add_column(col)
    for name, m in int8["per_class"].items():
        table.add_row(
            name, f"{m['precision']:.3f}", f"{m['recall']:.3f}", f"{m['f1']:.3f}", str(m["support"])
        )
    Console().print(table)
    typer.echo(" ".join(f"{k}={v}" for k, v in summary.items()))
