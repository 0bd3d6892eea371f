"""Fixtures for the application layer: a real SQLite store and local auth in tmp, the shipped models."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from moodify.service import Context, open_context
from moodify.settings import Settings
from moodify.store import User

PASSWORD = "correct horse battery staple"


def make_settings(directory: Path) -> Settings:
    return Settings(data_dir=directory, store="sql", auth="local", providers=["offline"], music_dir=None,
                    api_rate_limit_per_min=10_000)


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[Context]:
    context = open_context(make_settings(tmp_path))
    yield context
    context.store.close()


@pytest.fixture
def ann(ctx: Context) -> User:
    return ctx.auth.sign_up("ann@example.org", PASSWORD).user


@pytest.fixture(scope="session")
def face_jpeg() -> bytes:
    """A real photo with one face (Eileen Collins, NASA, public domain; shipped by scikit-image)."""
    from skimage import data

    out = io.BytesIO()
    Image.fromarray(np.ascontiguousarray(data.astronaut())).save(out, format="JPEG", quality=90)
    return out.getvalue()
