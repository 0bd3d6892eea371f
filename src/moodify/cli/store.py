"""CLI commands for store."""

from __future__ import annotations

from moodify.cli.app import app  # noqa: F401
