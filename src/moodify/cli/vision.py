"""CLI commands for vision: ``moodify detect`` (photos -> faces -> emotions) and ``moodify evaluate``."""

from __future__ import annotations

import json
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from moodify.cli.app import EXIT_FAIL, EXIT_OK, EXIT_USAGE, app, fail, load_settings
from moodify.errors import DatasetError, ImageError, ModelError, RegistryError
from moodify.settings import Settings

if TYPE_CHECKING:
    from moodify.vision.analyzer import Crop

CropOption = Annotated[str, typer.Option("--crop", help="detect: find faces; none: the image is a face crop.",
                                         case_sensitive=False)]
DetectorOption = Annotated[str | None, typer.Option("--detector",
                                                    help="Face detector by name (default: settings).")]
TtaOption = Annotated[bool | None, typer.Option("--tta/--no-tta", help="Average with the mirrored face.")]


def _settings(detector: str | None, tta: bool | None) -> Settings:
    overrides: dict[str, Any] = {}
    if detector:
        overrides["detector"] = detector
    if tta is not None:
        overrides["tta"] = tta
    return load_settings(**overrides)


def _check_crop(crop: str) -> Crop:
    if crop.lower() == "detect":
        return "detect"
    if crop.lower() == "none":
        return "none"
    fail(EXIT_USAGE, f"--crop must be 'detect' or 'none', got {crop!r}")


@app.command()
def detect(
    images: Annotated[list[Path], typer.Argument(help="Image files (JPEG, PNG, WebP, HEIC/HEIF, AVIF, BMP, GIF).")],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per image, one per line.")] = False,
    crop: CropOption = "detect",
    detector: DetectorOption = None,
    tta: TtaOption = None,
    text: Annotated[str | None, typer.Option("--text", help="How you feel, in words: fused with the largest "
                                                            "face (see docs/text.md).")] = None,
) -> None:
    """Find every face in each photo and its emotion. Exit 2 if any input could not be read."""
    from moodify.cli.text import add_fusion, print_fusion, text_reading
    from moodify.vision.analyzer import analyze  # lazy: keeps `moodify --help` fast

    text_result = text_reading(text) if text is not None else None

    mode = _check_crop(crop)
    settings = _settings(detector, tta)
    console = Console(soft_wrap=True)  # long paths stay on one line
    unreadable = 0
    for path in images:
        record: dict[str, Any] = {"path": str(path), "faces": [], "error": None}
        try:
            result = analyze(read_image(path, settings), settings=settings, crop=mode)
            record["faces"] = [face.to_json() for face in result.faces]
            record["width"], record["height"] = result.width, result.height
            if text_result is not None:
                add_fusion(record, result.faces, text_result)
        except ImageError as exc:
            unreadable += 1
            record["error"] = str(exc)
            typer.echo(f"moodify detect: {path}: {exc}", err=True)
        except (ModelError, RegistryError) as exc:
            fail(EXIT_FAIL, str(exc))
        if as_json:
            typer.echo(json.dumps(record))
        else:
            _print_faces(console, record)
            print_fusion(console, record)
    raise typer.Exit(EXIT_USAGE if unreadable else EXIT_OK)


def read_image(path: Path, settings: Settings) -> bytes:
    """Paths are a CLI concern: the library only takes bytes. Refuse huge files before reading them."""
    try:
        if not path.is_file():
            raise ImageError("no such file" if not path.exists() else "not a regular file")
        size = path.stat().st_size
        if size > settings.max_image_bytes:
            raise ImageError(f"the file is {size / 2**20:.1f} MB, more than the "
                             f"{settings.max_image_bytes / 2**20:.1f} MB limit")
        return path.read_bytes()
    except OSError as exc:
        raise ImageError(f"cannot read the file ({exc.strerror or exc})") from exc


def _print_faces(console: Console, record: dict[str, Any]) -> None:
    if record["error"]:
        console.print(f"[bold]{record['path']}[/]: [red]{record['error']}[/]")
        return
    faces = record["faces"]
    if not faces:
        console.print(f"[bold]{record['path']}[/]: no face found")
        return
    table = Table(title=f"{record['path']} ({record['width']}x{record['height']})", title_justify="left")
    for column in ("face", "box x,y,w,h", "emotion", "confidence", "runner-up"):
        table.add_column(column)
    for i, face in enumerate(faces, 1):
        ranked = sorted(face["probabilities"].items(), key=lambda kv: -kv[1])
        table.add_row(str(i), ",".join(map(str, face["box"])), face["emotion"], f"{face['confidence']:.0%}",
                      f"{ranked[1][0]} {ranked[1][1]:.0%}")
    console.print(table)


@app.command()
def evaluate(
    data: Annotated[Path, typer.Option("--data", help="Folder of <class>/<images> (e.g. fer2013/test).")],
    crop: CropOption = "none",
    out: Annotated[Path | None, typer.Option("--out", help="Write report.json and PNG plots here.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Last stdout line: the report as JSON.")] = False,
    per_class: Annotated[int | None, typer.Option(
        "--per-class", min=1, help="Stratified subset: at most N images per class.")] = None,
    seed: Annotated[int, typer.Option("--seed", help="Seed for --per-class.")] = 0,
    detector: DetectorOption = None,
    tta: TtaOption = None,
) -> None:
    """Accuracy, macro-F1, per-class precision/recall/F1 and calibration (ECE) of the shipped model."""
    from moodify.metrics import plot_confusion_matrix, plot_reliability
    from moodify.vision.evaluation import evaluate as run_evaluation
    from moodify.vision.evaluation import list_labelled_images, stratified_subset

    mode = _check_crop(crop)
    settings = _settings(detector, tta)
    console = Console(stderr=as_json, soft_wrap=True)  # with --json, stdout carries only the JSON line
    try:
        items = list_labelled_images(data)
        if per_class:
            items = stratified_subset(items, per_class, seed)
        status = console.status(f"evaluating {len(items)} images ...") if console.is_terminal else nullcontext()
        with status:
            result = run_evaluation(items, settings=settings, crop=mode)
    except DatasetError as exc:
        fail(EXIT_USAGE, str(exc))
    except (ModelError, RegistryError) as exc:
        fail(EXIT_FAIL, str(exc))
    report, failures = result.report, result.failures
    for failure in failures[:5]:
        console.print(f"[yellow]skipped[/] {failure.path}: {failure.reason}")
    if len(failures) > 5:
        console.print(f"[yellow]... and {len(failures) - 5} more skipped[/]")
    _print_report(console, report)
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        (out / "report.json").write_text(json.dumps(report.to_json(), indent=2) + "\n", encoding="utf-8")
        plot_confusion_matrix(report.confusion_array, out / "confusion_matrix.png", report.classes)
        plot_reliability(result.probabilities, result.labels, out / "reliability.png")
        console.print(f"wrote report.json, confusion_matrix.png and reliability.png to {out}")
    if as_json:
        typer.echo(json.dumps(report.to_json()))


def _print_report(console: Console, report: Any) -> None:
    extra = report.extra
    console.print(f"[bold]{report.n}[/] images scored of {extra.get('images')} "
                  f"(no face: {extra.get('no_face')}, unreadable: {extra.get('unreadable')}); "
                  f"model {extra.get('model')}, crop={extra.get('crop')}, "
                  f"TTA={'on' if extra.get('tta') else 'off'}")
    nll = "n/a" if report.nll is None else f"{report.nll:.3f}"
    console.print(f"accuracy [bold]{report.accuracy:.2%}[/]   macro-F1 [bold]{report.macro_f1:.3f}[/]   "
                  f"ECE [bold]{report.ece:.3f}[/]   NLL {nll}")
    table = Table(title="per class")
    for column in ("class", "precision", "recall", "F1", "support"):
        table.add_column(column, justify="right" if column != "class" else "left")
    for m in report.per_class:
        table.add_row(m.name, f"{m.precision:.3f}", f"{m.recall:.3f}", f"{m.f1:.3f}", str(m.support))
    console.print(table)

