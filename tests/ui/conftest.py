"""Fixtures for the Streamlit app: real store (SQLite in tmp), real auth and music; a scripted analyser.

The analyser is scripted so the flows (one face, several faces, low confidence, no face) can be chosen;
it still decodes the bytes with Moodify's real loader, so bad files fail exactly as in the app. The
browser test (``test_browser.py``) runs everything real, the shipped model included.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image

from moodify.service import Context, open_context
from moodify.settings import Settings
from moodify.types import Analysis, Box, EmotionScores, Face
from moodify.ui.services import CONTEXT_KEY
from moodify.vision.image_io import load_image

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "src" / "moodify" / "ui" / "app.py"
CHROMIUM = Path("/usr/bin/chromium")
SHOTS = ROOT / "screenshots"  # git-ignored: what the browser tests saw, for a person to look at


def scores(**probs: float) -> EmotionScores:
    return EmotionScores.from_mapping(probs)


@dataclass
class ScriptedAnalyzer:
    """Returns the faces it was given (boxes scaled to the image), after really decoding the bytes."""

    faces: list[tuple[Box, EmotionScores]] = field(
        default_factory=lambda: [(Box(100, 60, 200, 220), scores(happy=0.82, neutral=0.12, surprise=0.06))])
    calls: int = 0

    def __call__(self, image: bytes, *, settings: Settings | None = None, **_: Any) -> Analysis:
        rgb = load_image(image, max_bytes=settings.max_image_bytes if settings else 20 << 20)
        self.calls += 1
        height, width = rgb.shape[:2]
        return Analysis(width=width, height=height,
                        faces=tuple(Face(box=b, score=0.99, scores=s) for b, s in self.faces))


def photo_bytes(fmt: str = "JPEG", size: tuple[int, int] = (512, 512), seed: int = 0) -> bytes:
    rng = np.random.default_rng(seed)
    pixels = rng.integers(0, 255, size=(size[1], size[0], 3), dtype=np.uint8)
    out = io.BytesIO()
    Image.fromarray(pixels).save(out, format=fmt)
    return out.getvalue()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path, store="sql", auth="local", providers=["offline"], music_dir=None,
                    min_password_length=10)


@pytest.fixture
def analyzer() -> ScriptedAnalyzer:
    return ScriptedAnalyzer()


@pytest.fixture
def svc(settings: Settings, analyzer: ScriptedAnalyzer) -> Iterator[Context]:
    ctx = open_context(settings)
    ctx.analyze = analyzer
    yield ctx
    ctx.store.close()


@pytest.fixture
def make_app(svc: Context) -> Callable[[], Any]:
    from streamlit.testing.v1 import AppTest

    def make() -> AppTest:
        at = AppTest.from_file(str(APP), default_timeout=60)
        at.session_state[CONTEXT_KEY] = svc
        return at

    return make


def all_text(at: Any) -> str:
    """Everything the page shows as text (markdown, captions, alerts, titles, HTML bodies, labels)."""
    parts: list[str] = []
    for node in at.main:  # AppTest walks the whole tree, nested blocks included
        for attr in ("value", "label"):
            value = getattr(node, attr, None)
            if isinstance(value, str):
                parts.append(value)
        body = getattr(getattr(node, "proto", None), "body", None)
        if isinstance(body, str):
            parts.append(body)
    # Markdown escapes (layout.md) are how the page shows "(" and "#"; compare what a person reads.
    return re.sub(r"\\([\\`*_{}\[\]()#+\-.!|~<>])", r"\1", "\n".join(parts))


@pytest.fixture(scope="module")
def pw() -> Iterator[Any]:
    """Playwright, for the browser tests (Debian chromium; ``scripts/ensure-browser.sh`` installs it)."""
    if not CHROMIUM.exists():
        pytest.fail("Debian chromium is missing: run scripts/ensure-browser.sh", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="module")
def browser(pw: Any) -> Iterator[Any]:
    """One headless chromium per test module, with the flags that keep it off the network."""
    from tests.browser import CHROMIUM_ARGS

    chromium = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()
