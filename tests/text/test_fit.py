from __future__ import annotations

import numpy as np

from moodify.training.text.fit import HeadConfig, class_weights, fit_head


def _blobs(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(7, 16)) * 3
    labels = rng.integers(0, 7, size=n)
    return (centres[labels] + rng.normal(size=(n, 16))).astype(np.float32), labels


def test_head_learns_separable_classes() -> None:
    x, y = _blobs(1400, 0)
    targets = np.eye(7, dtype=np.float32)[y]
    dev = _blobs(300, 0)  # same centres, fresh noise
    for hidden in (0, 32):
        head = fit_head(x, targets, HeadConfig(hidden=hidden, epochs=15, learning_rate=1e-2), dev=dev)
        assert (head.logits(dev[0]).argmax(1) == dev[1]).mean() > 0.9


def test_fit_is_deterministic_for_a_seed() -> None:
    x, y = _blobs(200, 1)
    targets = np.eye(7, dtype=np.float32)[y]
    a = fit_head(x, targets, HeadConfig(hidden=8, epochs=2, seed=3))
    b = fit_head(x, targets, HeadConfig(hidden=8, epochs=2, seed=3))
    np.testing.assert_array_equal(a.weights[0], b.weights[0])


def test_class_weights_favour_rare_classes() -> None:
    targets = np.zeros((100, 7), np.float32)
    targets[:90, 0] = 1
    targets[90:, 1] = 1
    w = class_weights(targets, 1.0)
    assert w[1] > w[0]
    np.testing.assert_allclose(class_weights(targets, 0.0), 1.0)
    assert class_weights(targets, 0.5)[1] < w[1]


def test_standardisation_is_folded_into_the_head() -> None:
    x, y = _blobs(500, 4)
    x[:, :8] *= 100.0  # features on very different scales, as the layer means are
    x[:, 8:] += 50.0
    head = fit_head(x, np.eye(7, dtype=np.float32)[y], HeadConfig(hidden=16, epochs=10, learning_rate=1e-2))
    assert (head.logits(x).argmax(1) == y).mean() > 0.9  # takes raw features
