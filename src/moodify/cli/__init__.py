"""``moodify`` command line. Thin adapters: parse, call the facade, render. Only this package prints."""

from __future__ import annotations

import logging

# Each module registers its commands on ``app`` when imported. One module per part, so parts don't collide.
from moodify.cli import music as _music  # noqa: F401
from moodify.cli import serve as _serve  # noqa: F401
from moodify.cli import store as _store  # noqa: F401
from moodify.cli import text as _text  # noqa: F401
from moodify.cli import training as _training  # noqa: F401
from moodify.cli import vision as _vision  # noqa: F401
from moodify.cli import voice as _voice  # noqa: F401
from moodify.cli.app import app


def main() -> None:
    # Levels come from Settings (see cli.app.load_settings); here only where log lines go and how they look.
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    app()


__all__ = ["app", "main"]
