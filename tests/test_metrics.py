"""Metrics against hand-computed values, temperature fitting on data with a known temperature, plots."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from moodify.metrics import (
    EvaluationReport,
    accuracy,
    confusion_matrix,
    expected_calibration_error,
    fit_temperature,
    macro_f1,
    nll,
    per_class,
    plot_confusion_matrix,
    plot_reliability,
    reliability_bins,
)

LABELS = [0, 0, 0, 1, 1, 2]
PREDS = [0, 0, 1, 1, 2, 2]


def test_confusion_matrix_and_accuracy() -> None:
    cm = confusion_matrix(LABELS, PREDS, 3)
    assert cm.tolist() == [[2, 1, 0], [0, 1, 1], [0, 0, 1]]
    assert accuracy(LABELS, PREDS) == pytest.approx(4 / 6)
    with pytest.raises(ValueError, match="length"):
        confusion_matrix([0, 1], [0], 3)
    with pytest.raises(ValueError, match="indices"):
        confusion_matrix([0, 5], [0, 1], 3)


def test_per_class_and_macro_f1_by_hand() -> None:
    cm = confusion_matrix(LABELS, PREDS, 3)
    m = per_class(cm, ["a", "b", "c"])
    # a: P=2/2 R=2/3; b: P=1/2 R=1/2; c: P=1/2 R=1/1
    assert [x.precision for x in m] == pytest.approx([1.0, 0.5, 0.5])
    assert [x.recall for x in m] == pytest.approx([2 / 3, 0.5, 1.0])
    f1 = [0.8, 0.5, 2 / 3]
    assert [x.f1 for x in m] == pytest.approx(f1)
    assert [x.support for x in m] == [3, 2, 1]
    assert macro_f1(cm) == pytest.approx(np.mean(f1))


def test_macro_f1_ignores_classes_that_never_occur() -> None:
    cm = confusion_matrix([0, 1], [0, 1], 7)
    assert macro_f1(cm) == 1.0
    assert per_class(cm)[5].f1 == 0.0  # undefined -> 0, never NaN


def test_ece_is_zero_when_confidence_matches_accuracy() -> None:
    probs = np.tile([0.8, 0.2], (10, 1))
    labels = [0] * 8 + [1] * 2  # 80% right at 80% confidence
    assert expected_calibration_error(probs, labels) == pytest.approx(0.0, abs=1e-12)


def test_ece_by_hand_for_an_overconfident_model() -> None:
    probs = np.array([[0.9, 0.1]] * 4 + [[0.6, 0.4]] * 4)
    labels = [0, 0, 1, 1, 0, 1, 1, 1]  # bin 0.9: 50% right; bin 0.6: 25% right
    assert expected_calibration_error(probs, labels) == pytest.approx(0.5 * 0.4 + 0.5 * 0.35)
    _, _, counts = reliability_bins(probs, labels)
    assert counts.sum() == 8 and counts[13] == 4 and counts[8] == 4  # (0.867, 0.933] and (0.533, 0.6]


def test_nll_by_hand() -> None:
    logits = np.array([[np.log(3.0), 0.0]])
    assert nll(logits, [0]) == pytest.approx(-np.log(0.75))
    assert nll(logits, [0], temperature=1e9) == pytest.approx(np.log(2), abs=1e-6)


def test_fit_temperature_recovers_a_known_temperature() -> None:
    rng = np.random.default_rng(0)
    logits = rng.normal(0, 3, (20000, 7))
    true_t = 2.5
    p = np.exp(logits / true_t)
    p /= p.sum(axis=1, keepdims=True)
    labels = (rng.random((20000, 1)) < p.cumsum(axis=1)).argmax(axis=1)  # labels drawn from softmax(z/2.5)
    t = fit_temperature(logits, labels)
    assert t == pytest.approx(true_t, rel=0.05)
    assert nll(logits, labels, t) < nll(logits, labels, 1.0)
    from moodify.vision.classifier import softmax

    assert expected_calibration_error(softmax(logits, t), labels) < 0.02
    with pytest.raises(ValueError):
        fit_temperature(np.zeros((0, 7)), [])


def test_report_json_and_plots(tmp_path: Path) -> None:
    rng = np.random.default_rng(1)
    logits = rng.normal(size=(50, 7))
    probs = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    labels = rng.integers(0, 7, 50)
    report = EvaluationReport.from_probabilities(probs, labels, logits=logits, no_face=3)
    js = json.loads(json.dumps(report.to_json()))
    assert js["n"] == 50 and js["no_face"] == 3 and js["temperature"] == 1.0
    assert js["accuracy"] == pytest.approx(float((probs.argmax(1) == labels).mean()), abs=1e-6)
    assert sum(map(sum, js["confusion_matrix"])) == 50 and len(js["per_class"]) == 7
    cm_png = plot_confusion_matrix(report.confusion_array, tmp_path / "a" / "cm.png")
    rel_png = plot_reliability(probs, labels, tmp_path / "rel.png")
    for png in (cm_png, rel_png):
        assert png.read_bytes()[:4] == b"\x89PNG" and png.stat().st_size > 5000
