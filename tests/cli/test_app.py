from __future__ import annotations

import typer.main

from moodify.cli import app


def test_every_command_name_is_registered_once() -> None:
    """Two modules registering the same name would silently shadow one command (``export`` once did)."""
    names = [typer.main.get_command_name(c.name or c.callback.__name__) for c in app.registered_commands
             if c.callback is not None]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)
    assert {"export", "export-model", "train", "detect", "evaluate"} <= set(names)
