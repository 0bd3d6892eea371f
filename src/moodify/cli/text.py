"""CLI commands for text: ``moodify text`` (a sentence -> emotion) and ``moodify train-text``."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from moodify.cli.app import EXIT_FAIL, EXIT_USAGE, app, fail, load_settings
from moodify.errors import ModelError, TextError
from moodify.settings import Settings

if TYPE_CHECKING:
    from moodify.text import TextAnalysis
    from moodify.types import Face

DEFAULT_DATA = Path("../shared/data/goemotions")


def _settings() -> Settings:
    return load_settings()


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
        fail(EXIT_USAGE, str(exc))
    except ModelError as exc:
        fail(EXIT_FAIL, str(exc))
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
        bool,
        typer.Option("--finetune/--frozen", help="Fine-tune the whole encoder first (slow on CPU; the shipped "
                                                 "model is --frozen)."),
    ] = False,
    epochs: Annotated[int, typer.Option(min=1, help="Fine-tuning epochs.")] = 1,
    retrain: Annotated[bool, typer.Option(help="Fine-tune again even if WORK has a result.")] = False,
    layers: Annotated[str, typer.Option(help="Earlier layers whose means join the embedding "
                                             "('' for none).")] = "1,2,3,4,5",
    fp32: Annotated[
        bool, typer.Option("--fp32/--no-fp32", help="Also score the fp32 encoder (int8 cost).")
    ] = True,
    as_json: Annotated[bool, typer.Option("--json", help="Last line of output: one JSON object.")] = False,
) -> None:
    """Reproduce the text model: export int8 ONNX (after --finetune), fit + calibrate the head, test figures."""
    from moodify.training.text.finetune import FinetuneConfig
    from moodify.training.text.train import TrainTextConfig
    from moodify.training.text.train import train_text as run

    for name in ("train.tsv", "dev.tsv", "test.tsv", "emotions.txt", "ekman_mapping.json"):
        if not (data / name).is_file():
            fail(EXIT_USAGE, f"{data / name} not found: point --data at the GoEmotions folder")
    try:
        extra_layers = tuple(int(x) for x in layers.split(",") if x.strip())
    except ValueError:
        fail(EXIT_USAGE, f"--layers must be comma-separated layer numbers 1-5, got {layers!r}")
    if any(not 1 <= i <= 5 for i in extra_layers):
        fail(EXIT_USAGE, f"--layers must be comma-separated layer numbers 1-5, got {layers!r}")
    logging.getLogger("moodify").setLevel(logging.INFO)
    config = TrainTextConfig(
        data_dir=data,
        out_dir=out,
        work_dir=work,
        finetune=FinetuneConfig(epochs=epochs) if finetune else None,
        reuse_finetuned=not retrain,
        extra_layers=extra_layers,
        measure_fp32=fp32,
    )
    try:
        metrics = run(config)
    except (ImportError, RuntimeError) as exc:
        fail(EXIT_FAIL, f"training failed: {exc}")
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


# --- used by `moodify detect IMAGE --text "..."` (cli/vision.py) ----------------------------------------
def text_reading(sentence: str) -> TextAnalysis:
    """Analyse the ``--text`` sentence once for all images; exit 2 when it is empty."""
    from moodify.text import analyze_text

    try:
        result = analyze_text(sentence, settings=_settings())
    except TextError as exc:
        fail(EXIT_USAGE, f"--text: {exc}")
    except ModelError as exc:
        fail(EXIT_FAIL, str(exc))
    for notice in result.notices:
        typer.echo(f"note: --text: {notice}", err=True)
    return result


def add_fusion(record: dict[str, Any], faces: Sequence[Face], text_result: TextAnalysis) -> None:
    """Put the text's reading, and its fusion with the largest face, into a ``detect`` record."""
    from moodify.text import fuse

    record["text"] = text_result.to_json()
    record["fused"] = fuse(faces[0], text_result).to_json() if faces and faces[0].scores else None


def print_fusion(console: Console, record: dict[str, Any]) -> None:
    text, fused = record.get("text"), record.get("fused")
    if not text:
        return
    line = f"  text: {text['emotion']} ({text['confidence']:.0%})"
    if fused:
        weights = fused["weights"]
        line += (f"  ->  face + text: [bold]{fused['emotion']}[/] ({fused['confidence']:.0%}; weights "
                 f"face {weights['face']:.2f}, text {weights['text']:.2f})")
    else:
        line += "  (no face to fuse with)"
    console.print(line)
