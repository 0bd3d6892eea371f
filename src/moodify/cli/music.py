"""CLI commands for music: ``recommend`` and ``catalog build``. Parse, call the facade, render."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from moodify.cli.app import EXIT_FAIL, EXIT_USAGE, app
from moodify.errors import MoodifyError, NoTracksFound, RegistryError
from moodify.music.serialize import playlist_json
from moodify.types import EMOTIONS, EmotionScores, Mode, MoodPoint, Playlist

catalog_app = typer.Typer(help="The offline music catalog shipped in the package.", no_args_is_help=True)
app.add_typer(catalog_app, name="catalog")

DEFAULT_SOURCE = Path("../shared/data/mtg-jamendo/autotagging_moodtheme.tsv")
_MODES = ("match", "lift", "calm", "custom")


def _fail(message: str, code: int = EXIT_USAGE) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def parse_probs(text: str) -> EmotionScores:
    """``happy=0.6,sad=0.4`` -> scores (missing emotions get 0, the rest is renormalised)."""
    probs: dict[str, float] = {}
    for part in (p.strip() for p in text.split(",") if p.strip()):
        name, sep, value = part.partition("=")
        if not sep:
            raise ValueError(f"{part!r} is not emotion=probability")
        try:
            probs[name.strip()] = float(value)
        except ValueError:
            raise ValueError(f"{value!r} is not a number (in {part!r})") from None
        if not 0 <= probs[name.strip()] <= 1:
            raise ValueError(f"probability for {name.strip()} must be between 0 and 1")
    if not probs:
        raise ValueError("no probabilities given")
    try:
        return EmotionScores.from_mapping(probs)
    except KeyError as exc:
        raise ValueError(str(exc.args[0])) from None


def _scores(emotion: str | None, probs: str | None) -> EmotionScores:
    if probs:
        return parse_probs(probs)
    if emotion is None:
        raise ValueError("give --emotion (e.g. sad) or --probs (e.g. happy=0.6,sad=0.4)")
    if "=" in emotion:
        return parse_probs(emotion)
    try:
        return EmotionScores.one_hot(emotion)
    except KeyError:
        raise ValueError(f"unknown emotion {emotion!r}; known: {', '.join(EMOTIONS)}") from None


def _table(playlist: Playlist) -> Table:
    table = Table(title=f"{playlist.emotion} · {playlist.mode} · "
                        f"({playlist.start.valence:+.2f}, {playlist.start.arousal:+.2f}) -> "
                        f"({playlist.target.valence:+.2f}, {playlist.target.arousal:+.2f})")
    for col in ("#", "title", "artist", "tags", "valence", "arousal"):
        table.add_column(col, overflow="fold")
    for i, it in enumerate(playlist.items, 1):
        t = it.track
        tags = ", ".join(t.tags[:3])
        table.add_row(str(i), t.title, t.artist, tags, f"{t.valence:+.2f}", f"{t.arousal:+.2f}")
    return table


@app.command()
def recommend(
    emotion: Annotated[str | None, typer.Option(
        help="An emotion (sad) or probabilities (happy=0.6,sad=0.4).")] = None,
    probs: Annotated[str | None, typer.Option(help="Probabilities, e.g. happy=0.6,sad=0.4.")] = None,
    mode: Annotated[str, typer.Option(help="match | lift | calm | custom.")] = "match",
    n: Annotated[int, typer.Option("--n", help="How many tracks (1-100).")] = 10,
    provider: Annotated[list[str] | None, typer.Option(
        help="Provider(s) in fallback order: offline, audius, jamendo, local (repeat or comma-separate).")]
    = None,
    seed: Annotated[int | None, typer.Option(help="Same seed, same playlist.")] = None,
    valence: Annotated[float | None, typer.Option(help="Custom target valence (-1..1).")] = None,
    arousal: Annotated[float | None, typer.Option(help="Custom target arousal (-1..1).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object as the last line.")] = False,
) -> None:
    """Recommend a playlist that matches, lifts or calms a mood, one explained track per step."""
    from moodify import recommend as _recommend
    from moodify.settings import get_settings

    try:
        scores = _scores(emotion, probs)
    except ValueError as exc:
        raise _fail(str(exc)) from None
    if mode not in _MODES:
        raise _fail(f"unknown mode {mode!r}; known: {', '.join(_MODES)}")
    target = None
    if mode == "custom":
        if valence is None or arousal is None:
            raise _fail("--mode custom needs --valence and --arousal (each between -1 and 1)")
        if not (-1 <= valence <= 1 and -1 <= arousal <= 1):
            raise _fail("--valence and --arousal must be between -1 and 1")
        target = MoodPoint(valence, arousal)
    names = [p.strip() for item in (provider or []) for p in item.split(",") if p.strip()] or None
    mode_value: Mode = mode  # type: ignore[assignment]  # checked against _MODES above
    try:
        playlist = _recommend(scores, mode_value, n, settings=get_settings(), seed=seed, target=target,
                              providers=names)
    except (RegistryError, ValueError) as exc:
        raise _fail(str(exc)) from None
    except NoTracksFound as exc:
        raise _fail(str(exc), EXIT_FAIL) from None
    except MoodifyError as exc:
        raise _fail(str(exc), EXIT_FAIL) from None
    if as_json:
        typer.echo(json.dumps(playlist_json(playlist, scores), ensure_ascii=False))
        return
    console = Console()
    console.print(_table(playlist))
    for i, it in enumerate(playlist.items, 1):
        console.print(f"{i:>2}. {it.reason}", highlight=False)
        # Attribution for every track: who, what, where, under which licence.
        console.print(f"    {it.track.title} by {it.track.artist} · {it.track.license} · {it.track.url}",
                      highlight=False, soft_wrap=True)
    for w in playlist.warnings:
        console.print(f"[yellow]warning:[/yellow] {w}")


@catalog_app.command("build")
def catalog_build(
    source: Annotated[Path, typer.Option(help="MTG-Jamendo autotagging_moodtheme.tsv.")] = DEFAULT_SOURCE,
    out: Annotated[Path | None, typer.Option(help="Output .tsv.gz (default: the packaged catalog).")] = None,
) -> None:
    """Rebuild the offline catalog from the MTG-Jamendo mood/theme TSV."""
    from moodify.music.catalog import build_catalog, shipped_catalog_path

    if not source.is_file():
        raise _fail(f"{source} not found; pass --source path/to/autotagging_moodtheme.tsv")
    try:
        path, count = build_catalog(source, out or shipped_catalog_path())
    except (ValueError, UnicodeDecodeError) as exc:
        raise _fail(str(exc)) from None
    except OSError as exc:
        raise _fail(f"could not write the catalog: {exc}", EXIT_FAIL) from None
    typer.echo(f"wrote {count} tracks to {path} ({path.stat().st_size:,} bytes)")
