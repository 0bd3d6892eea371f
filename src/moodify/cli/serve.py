"""CLI commands for serve."""

from __future__ import annotations

from moodify.cli.app import app  # noqa: F401
