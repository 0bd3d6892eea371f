"""The root Typer app. Each part adds its commands in its own module (see ``__init__``)."""

from __future__ import annotations

import logging
from typing import Any, NoReturn

import typer

from moodify.settings import Settings

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


def load_settings(**overrides: Any) -> Settings:
    """The one way a command gets its Settings: ``MOODIFY_*`` plus the command's options.

    A bad value is reported like any bad input (exit 2). An explicit ``MOODIFY_LOG_LEVEL`` sets the level of
    Moodify's loggers; otherwise the CLI stays at warnings, so its own output is not drowned in logs.
    """
    try:
        settings = Settings(**overrides)
    except ValueError as exc:  # pydantic's ValidationError is a ValueError
        fail(EXIT_USAGE, f"bad settings: {exc}")
    if "log_level" in settings.model_fields_set:
        logging.getLogger("moodify").setLevel(settings.log_level.upper())
    return settings
