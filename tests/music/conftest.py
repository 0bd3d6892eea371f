"""Fixtures for music tests (helpers and fake payloads live in ``fakes.py``)."""

from __future__ import annotations

import pytest

from moodify.music.http import HttpClient
from moodify.settings import Settings

from .fakes import make_settings


@pytest.fixture
def settings(tmp_path) -> Settings:  # type: ignore[no-untyped-def]
    return make_settings(tmp_path)


@pytest.fixture
def fast_http(settings: Settings) -> HttpClient:
    """No real sleeping between retries."""
    return HttpClient(settings, backoff_s=0.0, sleep=lambda s: None)
