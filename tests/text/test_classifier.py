from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from moodify.errors import ModelError
from moodify.text.classifier import EmotionHead, softmax


def _head(temperature: float = 1.0) -> EmotionHead:
    rng = np.random.default_rng(0)
    return EmotionHead(weights=(rng.normal(size=(8, 5)).astype(np.float32), rng.normal(size=(5, 7)).astype(np.float32)),
                       biases=(np.zeros(5, np.float32), np.ones(7, np.float32)), temperature=temperature)


def test_mlp_forward_matches_manual_computation() -> None:
    head = _head()
    x = np.random.default_rng(1).normal(size=(3, 8)).astype(np.float32)
    manual = np.maximum(x @ head.weights[0] + head.biases[0], 0) @ head.weights[1] + head.biases[1]
    np.testing.assert_allclose(head.logits(x), manual, rtol=1e-5)
    probs = head.probabilities(x)
    np.testing.assert_allclose(probs.sum(axis=1), 1.0)
    assert probs.shape == (3, 7)


def test_temperature_softens_but_keeps_the_ranking() -> None:
    x = np.random.default_rng(2).normal(size=(4, 8)).astype(np.float32)
    sharp, soft = _head(1.0).probabilities(x), _head(3.0).probabilities(x)
    assert (sharp.argmax(1) == soft.argmax(1)).all()
    assert (soft.max(1) < sharp.max(1)).all()


def test_save_load_round_trip(tmp_path: Path) -> None:
    head = _head(1.7)
    head.save(tmp_path / "head.npz")
    back = EmotionHead.load(tmp_path / "head.npz")
    assert back.temperature == pytest.approx(1.7)
    x = np.ones((1, 8), np.float32)
    np.testing.assert_allclose(back.logits(x), head.logits(x), rtol=1e-6)


def test_broken_files_raise_model_error(tmp_path: Path) -> None:
    (tmp_path / "bad.npz").write_bytes(b"not numpy")
    with pytest.raises(ModelError):
        EmotionHead.load(tmp_path / "bad.npz")
    with pytest.raises(ModelError):
        EmotionHead.load(tmp_path / "missing.npz")
    with pytest.raises(ModelError, match="temperature"):
        _head(0.0)


def test_softmax_is_stable_for_huge_logits() -> None:
    p = softmax(np.array([[1e4, 0.0, -1e4]]))
    assert np.isfinite(p).all() and p[0, 0] == pytest.approx(1.0)
