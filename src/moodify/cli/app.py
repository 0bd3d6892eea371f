"""The root Typer app. Each part adds its commands in its own module (see ``__init__``)."""

from __future__ import annotations

from typing import NoReturn

import typer

app = typer.Typer(
    name="moodify",
    help="Moodify: face (and text) -> emotion -> a playlist that matches or steers your mood.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Exit codes shared by every command.
EXIT_OK = 0
EXIT_FAIL = 1  # the command ran but the result is a failure (e.g. a check failed)
EXIT_USAGE = 2  # bad input: unreadable file, unknown user, bad option


def fail(code: int, message: str) -> NoReturn:
    """``moodify: message`` on stderr, then exit with ``code``: how every command reports bad input."""
    typer.echo(f"moodify: {message}", err=True)
    raise typer.Exit(code)
