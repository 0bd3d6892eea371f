"""CLI commands for training."""

from __future__ import annotations

from moodify.cli.app import app  # noqa: F401
