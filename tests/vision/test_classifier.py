"""The ONNX classifier with tiny hand-built models: probabilities, temperature, TTA, class order, errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from moodify.errors import ModelError
from moodify.types import EMOTIONS, EmotionScores
from moodify.vision.classifier import EmotionClassifier, softmax
from moodify.vision.model_card import ModelCard

from .conftest import build_linear_model, random_weights


def _batch(n: int = 4, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).uniform(-1, 1, (n, 1, 48, 48)).astype(np.float32)


def test_class_order_is_fixed() -> None:
    assert EMOTIONS == ("angry", "disgust", "fear", "happy", "sad", "surprise", "neutral")


def test_probabilities_are_a_distribution(tiny_model: Path) -> None:
    clf = EmotionClassifier(tiny_model, tta=False)
    probs = clf.probabilities(_batch(5))
    assert probs.shape == (5, 7)
    np.testing.assert_allclose(probs.sum(axis=1), 1.0, atol=1e-9)
    scores = clf.classify(_batch(2))
    assert all(isinstance(s, EmotionScores) and abs(sum(s.probabilities) - 1) < 1e-9 for s in scores)


def test_logits_match_the_model_math(tmp_path: Path) -> None:
    w, b = random_weights(1)
    clf = EmotionClassifier(build_linear_model(tmp_path / "m.onnx", w, b), tta=False)
    x = _batch(3)
    np.testing.assert_allclose(clf.logits(x), x.reshape(3, -1) @ w + b, rtol=1e-4, atol=1e-4)


def test_temperature_softens_and_sharpens(tmp_path: Path) -> None:
    w, b = random_weights(2)
    path = build_linear_model(tmp_path / "m.onnx", w * 20, b, temperature=1.0)
    x = _batch(8)
    base = EmotionClassifier(path, tta=False)
    hot = EmotionClassifier(path, tta=False, temperature=3.0)
    cold = EmotionClassifier(path, tta=False, temperature=0.3)
    p1, p3, p03 = base.probabilities(x), hot.probabilities(x), cold.probabilities(x)
    assert (p3.max(axis=1) < p1.max(axis=1)).all() and (p03.max(axis=1) > p1.max(axis=1)).all()
    np.testing.assert_array_equal(p1.argmax(axis=1), p3.argmax(axis=1))  # calibration keeps the ranking
    np.testing.assert_allclose(p3, softmax(base.logits(x) / 3.0), atol=1e-6)


def test_temperature_comes_from_the_model_card(tmp_path: Path) -> None:
    w, b = random_weights(3)
    clf = EmotionClassifier(build_linear_model(tmp_path / "m.onnx", w, b, temperature=1.7), tta=False)
    assert clf.temperature == 1.7
    np.testing.assert_allclose(clf.probabilities(_batch(2)), softmax(clf.logits(_batch(2)), 1.7))


def test_tta_averages_the_logits_of_the_mirror(tiny_model: Path) -> None:
    x = _batch(3)
    plain = EmotionClassifier(tiny_model, tta=False)
    tta = EmotionClassifier(tiny_model, tta=True)
    expected = (plain.logits(x) + plain.logits(x[..., ::-1])) / 2
    np.testing.assert_allclose(tta.logits(x), expected, atol=1e-5)
    assert not np.allclose(tta.logits(x), plain.logits(x), atol=1e-3)  # it does change something
    symmetric = (x + x[..., ::-1]) / 2
    np.testing.assert_allclose(tta.logits(symmetric), plain.logits(symmetric), atol=1e-5)


@pytest.mark.parametrize(("card_tta", "expected"), [(None, True), (True, True), (False, False),
                                                    ("horizontal flip, logits averaged", True)])
def test_tta_defaults_to_the_mode_the_card_was_calibrated_in(tmp_path: Path, card_tta: object,
                                                              expected: bool) -> None:
    """The temperature is fitted with or without TTA, so serving follows the card unless told otherwise."""
    path = build_linear_model(tmp_path / "m.onnx", *random_weights(5))
    card = json.loads(path.with_suffix(".json").read_text())
    if card_tta is not None:  # None: a card without the field; the string: how cards before the field said it
        card["tta"] = card_tta
    path.with_suffix(".json").write_text(json.dumps(card))
    assert EmotionClassifier(path).tta is expected
    assert EmotionClassifier(path, tta=not expected).tta is not expected  # an explicit choice wins
    x = _batch(2)
    np.testing.assert_allclose(EmotionClassifier(path).logits(x), EmotionClassifier(path, tta=expected).logits(x))


def test_outputs_are_reordered_to_our_class_order(tmp_path: Path) -> None:
    """A model trained with another label order (and alias names) still reports in EMOTIONS order."""
    order = ("happiness", "anger", "neutral", "sadness", "surprised", "fear", "disgust")
    bias = np.zeros(7)
    bias[0] = 10.0  # the model's first output, which it calls "happiness"
    path = build_linear_model(tmp_path / "m.onnx", np.zeros((48 * 48, 7)), bias, classes=order)
    scores = EmotionClassifier(path, tta=False).classify(_batch(1))[0]
    assert scores.emotion == "happy"


def test_fixed_batch_models_are_run_row_by_row(tmp_path: Path) -> None:
    w, b = random_weights(4)
    fixed = EmotionClassifier(build_linear_model(tmp_path / "f" / "m.onnx", w, b, batch=1), tta=True)
    dynamic = EmotionClassifier(build_linear_model(tmp_path / "d" / "m.onnx", w, b), tta=True)
    x = _batch(5)
    np.testing.assert_allclose(fixed.logits(x), dynamic.logits(x), atol=1e-5)


def test_large_batches_are_chunked(tiny_model: Path) -> None:
    clf = EmotionClassifier(tiny_model, tta=False)
    x = _batch(600)
    np.testing.assert_allclose(clf.logits(x)[590:], clf.logits(x[590:]), atol=1e-5)
    assert clf.logits(x[:0]).shape == (0, 7)


def test_thread_setting_reaches_onnxruntime(tiny_model: Path) -> None:
    clf = EmotionClassifier(tiny_model, threads=2)
    assert clf._session.get_session_options().intra_op_num_threads == 2


def test_wrong_input_shape_is_refused(tiny_model: Path) -> None:
    with pytest.raises(ValueError, match="shape"):
        EmotionClassifier(tiny_model).logits(np.zeros((1, 1, 32, 32), np.float32))


def test_missing_model_is_a_clear_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match=r"does not exist"):
        EmotionClassifier(tmp_path / "nothing.onnx")


def test_broken_model_file_is_a_model_error(tiny_model: Path) -> None:
    tiny_model.write_bytes(b"this is not an onnx model")
    with pytest.raises(ModelError, match="could not load"):
        EmotionClassifier(tiny_model)


@pytest.mark.parametrize("change, match", [
    ({"classes": ["angry", "happy"]}, "need exactly"),
    ({"classes": ["angry", "disgust", "fear", "happy", "sad", "surprise", "bored"]}, "unknown emotion"),
    ({"temperature": 0}, "temperature"),
    ({"input_name": "pixels"}, "names input"),
    ({"input_size": "big"}, "wrong type"),
])
def test_bad_model_cards_are_model_errors(tiny_model: Path, change: dict[str, object], match: str) -> None:
    card_path = tiny_model.with_suffix(".json")
    card = json.loads(card_path.read_text())
    card.update(change)
    card_path.write_text(json.dumps(card))
    with pytest.raises(ModelError, match=match):
        EmotionClassifier(tiny_model)


def test_card_that_is_not_json(tiny_model: Path) -> None:
    tiny_model.with_suffix(".json").write_text("{ not json")
    with pytest.raises(ModelError, match="not valid JSON"):
        ModelCard.read(tiny_model.with_suffix(".json"))


def test_card_keeps_unknown_fields_as_extra(tiny_model: Path) -> None:
    card = ModelCard.read(tiny_model.with_suffix(".json"))
    assert card.extra["trained"] == "2026-01-01" and card.name == "tiny-test"


def test_importing_the_serving_path_loads_neither_onnxruntime_nor_torch() -> None:
    code = ("import sys, moodify, moodify.vision.analyzer, moodify.vision.classifier; "
            "bad = [m for m in ('onnxruntime', 'torch', 'matplotlib') if m in sys.modules]; "
            "assert not bad, bad")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
