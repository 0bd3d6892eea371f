"""CLI commands for music: ``recommend`` and ``catalog build``. Parse, call the facade, render."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from moodify.cli.app import EXIT_FAIL, EXIT_USAGE, app, fail, load_settings
from moodify.errors import MoodifyError, NoTracksFound, RegistryError
from moodify.music.playlist_files import playlist_file
from moodify.music.serialize import playlist_json
from moodify.types import MAX_TRACKS, MODES, EmotionScores, Mode, MoodPoint, Playlist

catalog_app = typer.Typer(help="The offline music catalog shipped in the package.", no_args_is_help=True)
app.add_typer(catalog_app, name="catalog")

DEFAULT_SOURCE = Path("../shared/data/mtg-jamendo/autotagging_moodtheme.tsv")
# MTG-Jamendo's genre annotations of the catalogue's tracks (data/mtg-jamendo-genre/README.md).
DEFAULT_GENRES = Path("data/mtg-jamendo-genre/autotagging_genre-catalog.tsv.gz")


def _scores(emotion: str | None, probs: str | None) -> EmotionScores:
    """``--emotion sad`` or probabilities (``happy=0.6,sad=0.4``, also ``happy:0.6``) in either option."""
    if probs:
        return EmotionScores.parse(probs)
    if emotion is None:
        raise ValueError("give --emotion (e.g. sad) or --probs (e.g. happy=0.6,sad=0.4)")
    if "=" in emotion or ":" in emotion:
        return EmotionScores.parse(emotion)
    try:
        return EmotionScores.one_hot(emotion)
    except KeyError as exc:
        raise ValueError(str(exc.args[0])) from None


def _table(playlist: Playlist) -> Table:
    table = Table(title=f"{playlist.emotion} · {playlist.mode} · "
                        f"({playlist.start.valence:+.2f}, {playlist.start.arousal:+.2f}) -> "
                        f"({playlist.target.valence:+.2f}, {playlist.target.arousal:+.2f})")
    for col in ("#", "title", "artist", "tags", "valence", "arousal"):
        table.add_column(col, overflow="fold")
    for i, it in enumerate(playlist.items, 1):
        t = it.track
        tags = ", ".join(t.tags[:3])
        table.add_row(str(i), escape(t.title), escape(t.artist), escape(tags), f"{t.valence:+.2f}", f"{t.arousal:+.2f}")
    return table


@app.command()
def recommend(
    emotion: Annotated[str | None, typer.Option(
        help="An emotion (sad) or probabilities (happy=0.6,sad=0.4).")] = None,
    probs: Annotated[str | None, typer.Option(help="Probabilities, e.g. happy=0.6,sad=0.4.")] = None,
    mode: Annotated[str, typer.Option(help="match | lift | calm | custom.")] = "match",
    n: Annotated[int, typer.Option("--n", help=f"How many tracks (1-{MAX_TRACKS}).")] = 10,
    provider: Annotated[list[str] | None, typer.Option(
        help="Provider(s) in fallback order: deezer, audius, offline, jamendo, local (repeat or comma-separate).")]
    = None,
    seed: Annotated[int | None, typer.Option(help="Same seed, same playlist.")] = None,
    valence: Annotated[float | None, typer.Option(help="Custom target valence (-1..1).")] = None,
    arousal: Annotated[float | None, typer.Option(help="Custom target arousal (-1..1).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object as the last line.")] = False,
    fmt: Annotated[str, typer.Option("--format", help="table | json | m3u8 | xspf (a playlist file on stdout; "
                                                       "warnings go to stderr).")] = "table",
) -> None:
    """Recommend a playlist that matches, lifts or calms a mood, one explained track per step."""
    from moodify import recommend as _recommend

    settings = load_settings()
    if fmt not in ("table", "json", "m3u8", "xspf"):
        fail(EXIT_USAGE, f"unknown --format {fmt!r}; known: table, json, m3u8, xspf")
    try:
        scores = _scores(emotion, probs)
    except ValueError as exc:
        fail(EXIT_USAGE, str(exc))
    if mode not in MODES:
        fail(EXIT_USAGE, f"unknown mode {mode!r}; known: {', '.join(MODES)}")
    if not 1 <= n <= MAX_TRACKS:
        fail(EXIT_USAGE, f"--n must be between 1 and {MAX_TRACKS}, got {n}")
    target = None
    if mode == "custom":
        if valence is None or arousal is None:
            fail(EXIT_USAGE, "--mode custom needs --valence and --arousal (each between -1 and 1)")
        if not (-1 <= valence <= 1 and -1 <= arousal <= 1):
            fail(EXIT_USAGE, "--valence and --arousal must be between -1 and 1")
        target = MoodPoint(valence, arousal)
    names = [p.strip() for item in (provider or []) for p in item.split(",") if p.strip()] or None
    mode_value: Mode = mode  # narrowed by the MODES check above
    try:
        playlist = _recommend(scores, mode_value, n, settings=settings, seed=seed, target=target,
                              providers=names)
    except (RegistryError, ValueError) as exc:
        fail(EXIT_USAGE, str(exc))
    except (NoTracksFound, MoodifyError) as exc:
        fail(EXIT_FAIL, str(exc))
    if as_json or fmt == "json":
        typer.echo(json.dumps(playlist_json(playlist, scores), ensure_ascii=False))
        return
    if fmt in ("m3u8", "xspf"):
        for w in playlist.all_warnings:
            typer.echo(f"warning: {w}", err=True)
        typer.echo(playlist_file(playlist, "m3u8" if fmt == "m3u8" else "xspf", settings), nl=False)
        return
    console = Console()
    console.print(_table(playlist))
    for i, it in enumerate(playlist.items, 1):
        console.print(f"{i:>2}. {it.reason}", highlight=False, markup=False)
        # Attribution for every track: who, what, where, under which licence.
        console.print(f"    {it.track.title} by {it.track.artist} · {it.track.license} · {it.track.url}",
                      highlight=False, soft_wrap=True, markup=False)  # provider text is not markup
    for w in playlist.all_warnings:
        console.print(f"[yellow]warning:[/yellow] {escape(w)}")


@catalog_app.command("build")
def catalog_build(
    source: Annotated[Path, typer.Option(help="MTG-Jamendo autotagging_moodtheme.tsv.")] = DEFAULT_SOURCE,
    genres: Annotated[list[Path] | None, typer.Option(
        "--genres", help="MTG-Jamendo genre annotations (autotagging_genre*.tsv[.gz]); repeat for several. "
                         f"Default: {DEFAULT_GENRES}.")] = None,
    no_genres: Annotated[bool, typer.Option("--no-genres", help="Build without genres.")] = False,
    out: Annotated[Path | None, typer.Option(help="Output .tsv.gz (default: the packaged catalog).")] = None,
) -> None:
    """Rebuild the offline catalog from the MTG-Jamendo mood/theme TSV and its genre annotations."""
    from moodify.music.catalog import build_catalog, shipped_catalog_path

    if no_genres and genres:
        fail(EXIT_USAGE, "--genres and --no-genres contradict each other; pass one")
    genre_files = [] if no_genres else (genres or [DEFAULT_GENRES])
    for path in (source, *genre_files):
        if not path.is_file():
            fail(EXIT_USAGE, f"{path} not found; pass --source path/to/autotagging_moodtheme.tsv and "
                             "--genres path/to/autotagging_genre.tsv (or --no-genres)")
    try:
        path, count = build_catalog(source, out or shipped_catalog_path(), genre_files)
    except (ValueError, UnicodeDecodeError, EOFError) as exc:
        fail(EXIT_USAGE, str(exc))
    except OSError as exc:
        fail(EXIT_FAIL, f"could not write the catalog: {exc}")
    typer.echo(f"wrote {count} tracks to {path} ({path.stat().st_size:,} bytes)")
