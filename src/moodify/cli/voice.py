"""``moodify voice FILE``: a recording -> transcript -> emotion from the words (nothing is stored)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from moodify.cli.app import EXIT_FAIL, EXIT_USAGE, app, fail, load_settings
from moodify.errors import ModelError, TextError

TONE = "only the words are read, not the tone of voice"


@app.command()
def voice(
    file: Annotated[Path, typer.Argument(help="A recording of at most 30 s: WAV, FLAC, OGG/Opus, WebM/Opus, MP3.")],
    as_json: Annotated[bool, typer.Option("--json", help="Last line of output: one JSON object.")] = False,
) -> None:
    """Transcribe what was said and classify the words into the 7 emotions. Exit 2 for a recording that
    cannot be read or has no words in it."""
    from moodify.service.voice import NO_WORDS, SILENCE, NoSpeech  # lazy: keeps `moodify --help` fast
    from moodify.text import analyze_text
    from moodify.voice import AudioError, decode_for, open_transcriber

    settings = load_settings()
    try:
        data = file.read_bytes()
    except OSError as exc:
        fail(EXIT_USAGE, f"cannot read {file.name}: {exc.strerror or exc}")
    try:
        audio = decode_for(settings, data)
        if audio.silent:
            raise NoSpeech(SILENCE)
        transcript = open_transcriber(settings).transcribe(audio)
        if not transcript.text.strip():
            raise NoSpeech(NO_WORDS)
        result = analyze_text(transcript.text, settings=settings)
    except (AudioError, TextError) as exc:
        fail(EXIT_USAGE, f"{file.name}: {exc}")
    except ModelError as exc:
        fail(EXIT_FAIL, str(exc))
    typer.echo(f"note: {TONE}", err=True)
    if as_json:
        typer.echo(json.dumps({"transcript": transcript.text, "engine": transcript.engine,
                               "seconds": round(audio.seconds, 3), "elapsed_s": round(transcript.elapsed_s, 3),
                               **result.to_json()}))
        return
    typer.echo(f"heard ({transcript.engine}, {audio.seconds:.1f} s): {transcript.text}")
    table = Table(title=f"{result.emotion} ({result.confidence:.0%})", show_header=False)
    for name, p in sorted(result.scores.as_dict().items(), key=lambda kv: -kv[1]):
        table.add_row(name, f"{p:6.1%}", "█" * round(p * 30))
    Console().print(table)
