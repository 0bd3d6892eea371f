"""Text fixtures: the shipped model (loaded once per session) and a tiny GoEmotions-format folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from moodify.settings import Settings
from moodify.text.model import SHIPPED_DIR, TextModel

FINE = ["admiration", "amusement", "anger", "annoyance", "approval", "caring", "confusion", "curiosity", "desire",
        "disappointment", "disapproval", "disgust", "embarrassment", "excitement", "fear", "gratitude", "grief",
        "joy", "love", "nervousness", "optimism", "pride", "realization", "relief", "remorse", "sadness",
        "surprise", "neutral"]
EKMAN = {
    "anger": ["anger", "annoyance", "disapproval"], "disgust": ["disgust"], "fear": ["fear", "nervousness"],
    "joy": ["joy", "amusement", "approval", "excitement", "gratitude", "love", "optimism", "relief", "pride",
            "admiration", "desire", "caring"],
    "sadness": ["sadness", "disappointment", "embarrassment", "grief", "remorse"],
    "surprise": ["surprise", "realization", "confusion", "curiosity"],
}


@pytest.fixture(scope="session")
def text_model() -> TextModel:
    return TextModel.load(SHIPPED_DIR)


@pytest.fixture
def text_settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path, text_model_dir=SHIPPED_DIR)


def write_goemotions(root: Path, rows: dict[str, list[tuple[str, str]]]) -> Path:
    """A folder in the real format: no header, CSV quoting, label ids, ids; no trailing newline in emotions."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "emotions.txt").write_text("\n".join(FINE), encoding="utf-8")
    (root / "ekman_mapping.json").write_text(json.dumps(EKMAN), encoding="utf-8")
    for split, items in rows.items():
        lines = []
        for i, (text, labels) in enumerate(items):
            quoted = '"' + text.replace('"', '""') + '"' if '"' in text else text
            lines.append(f"{quoted}\t{labels}\t{split}{i}")
        (root / f"{split}.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root
