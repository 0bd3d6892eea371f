from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from moodify.errors import ModelError
from moodify.settings import Settings
from moodify.text.model import CARD, SHIPPED_DIR, TextModel, TextModelCard, load_text_model
from moodify.types import EMOTIONS


def test_shipped_card_lists_our_classes_and_its_figures() -> None:
    card = TextModelCard.read(SHIPPED_DIR)
    assert card.labels == EMOTIONS
    figures = card.metrics["int8"]["test_single_class"]
    assert figures["n"] == 4968
    assert figures["macro_f1"] >= 0.55  # the target; the paper's BERT-base reaches 0.64


def test_shipped_files_are_small_enough_to_ship() -> None:
    total = sum(p.stat().st_size for p in SHIPPED_DIR.iterdir() if p.is_file())
    assert total < 26 * 1024 * 1024


def test_wrong_labels_are_refused(tmp_path: Path) -> None:
    raw = json.loads((SHIPPED_DIR / CARD).read_text())
    raw["labels"] = list(reversed(raw["labels"]))
    (tmp_path / CARD).write_text(json.dumps(raw))
    with pytest.raises(ModelError, match="labels"):
        TextModelCard.read(tmp_path)


def test_missing_card_or_files_raise_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="card"):
        TextModel.load(tmp_path)
    shutil.copy(SHIPPED_DIR / CARD, tmp_path / CARD)
    with pytest.raises(ModelError, match="missing"):
        TextModel.load(tmp_path)


def test_loaded_once_per_settings(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    assert load_text_model(settings) is load_text_model(Settings(data_dir=tmp_path / "other"))
