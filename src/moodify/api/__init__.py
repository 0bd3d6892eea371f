"""REST API for other clients (FastAPI). ``create_app(settings)`` builds it; ``moodify api`` serves it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from fastapi import FastAPI

    from moodify.settings import Settings


def create_app(settings: Settings, **kwargs: Any) -> FastAPI:
    """See :func:`moodify.api.app.create_app` (imported lazily: FastAPI is the ``api`` extra)."""
    from moodify.api.app import create_app as _create_app

    return _create_app(settings, **kwargs)


__all__ = ["create_app"]
