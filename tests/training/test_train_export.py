from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import torch
from typer.testing import CliRunner

from moodify.cli import app
from moodify.training.face.augment import augment
from moodify.training.face.export import export
from moodify.training.face.model import ARCHS, Ensemble, create_model
from moodify.training.face.train import TrainConfig, lr_at, progress, train
from moodify.types import EMOTIONS
from moodify.vision.classifier import EmotionClassifier


@pytest.mark.parametrize("arch", ARCHS.names())
def test_every_arch_maps_a_batch_to_seven_logits(arch: str) -> None:
    out = create_model(arch).eval()(torch.zeros(3, 1, 48, 48))
    assert out.shape == (3, len(EMOTIONS))


def test_augment_keeps_shape_range_and_changes_pixels() -> None:
    x = torch.rand(16, 1, 48, 48) * 2 - 1
    y = augment(x.clone(), torch.Generator().manual_seed(0))
    assert y.shape == x.shape and float(y.min()) >= -1 and float(y.max()) <= 1
    assert not torch.allclose(x, y)


def test_schedule_warms_up_then_decays() -> None:
    cfg = TrainConfig(data=Path("."), out=Path("."), epochs=10, warmup_epochs=2, lr=1.0)
    assert lr_at(0.0, cfg) < lr_at(0.19, cfg) < 1.0
    assert lr_at(0.2, cfg) == pytest.approx(1.0, rel=1e-3)
    assert lr_at(1.0, cfg) == pytest.approx(0.02)
    assert progress(3, 0, cfg) == pytest.approx(0.3)
    budget = TrainConfig(data=Path("."), out=Path("."), epochs=10, time_budget_s=100)
    assert progress(1, 50, budget) == pytest.approx(0.5)  # the clock is further than the epochs


@pytest.fixture(scope="module")
def trained_run(tiny_dataset: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("run")
    train(TrainConfig(data=tiny_dataset, out=out, arch="vgg-xs", epochs=6, batch_size=16, lr=3e-3,
                      warmup_epochs=1, threads=1, balance_power=0.0, label_smoothing=0.0))
    return out


def test_training_learns_and_checkpoints(trained_run: Path) -> None:
    history = [json.loads(line) for line in (trained_run / "history.jsonl").read_text().splitlines()]
    assert len(history) == 6
    assert history[-1]["loss"] < history[0]["loss"]
    assert (trained_run / "best.pt").exists() and (trained_run / "last.pt").exists()


def test_resume_continues_from_the_last_epoch(tiny_dataset: Path, tmp_path: Path) -> None:
    cfg = TrainConfig(data=tiny_dataset, out=tmp_path, arch="vgg-xs", epochs=1, batch_size=32, threads=1)
    train(cfg)
    summary = train(TrainConfig(**{**cfg.__dict__, "epochs": 2}))
    assert [h["epoch"] for h in summary["history"]] == [1, 2]  # type: ignore[index]


def test_export_matches_torch_and_writes_a_card(trained_run: Path, tiny_dataset: Path) -> None:
    result = export(trained_run, tiny_dataset, trained_run / "model")
    assert result.parity_max_abs_diff < 1e-4
    card = json.loads(result.card_path.read_text())
    assert card["classes"] == list(EMOTIONS) and card["input_size"] == 48 and card["tta"] is True
    assert card["temperature"] == pytest.approx(result.temperature) and result.temperature > 0
    assert set(card["metrics"]["test"]) >= {"accuracy", "macro_f1", "ece", "per_class"}
    assert (trained_run / "model" / "confusion_matrix.png").stat().st_size > 1000
    # the app's classifier loads it and gives calibrated probabilities
    clf = EmotionClassifier(result.onnx_path)
    probs = clf.probabilities(np.zeros((2, 1, 48, 48), dtype=np.float32))
    np.testing.assert_allclose(probs.sum(axis=1), 1.0, atol=1e-6)
    assert result.test is not None and result.test.accuracy > 1 / 7  # learnt the visible bars


def test_ensemble_averages_log_probabilities() -> None:
    torch.manual_seed(0)
    a, b = create_model("vgg-xs").eval(), create_model("vgg-xs").eval()
    x = torch.randn(4, 1, 48, 48)
    with torch.no_grad():
        expected = (torch.log_softmax(a(x), 1) + torch.log_softmax(b(x), 1)) / 2
        np.testing.assert_allclose(Ensemble([a, b]).eval()(x).numpy(), expected.numpy(), atol=1e-6)


def test_export_of_two_runs_is_one_onnx_ensemble(trained_run: Path, tiny_dataset: Path,
                                                  tmp_path: Path) -> None:
    second = tmp_path / "second"
    train(TrainConfig(data=tiny_dataset, out=second, arch="vgg-xs", epochs=2, batch_size=16, threads=1, seed=1))
    res = CliRunner().invoke(app, ["export-model", "--run", str(trained_run), "--run", str(second),
                                   "--data", str(tiny_dataset), "--out", str(tmp_path / "ens"),
                                   "--checkpoint", "last", "--no-tta"])
    assert res.exit_code == 0, res.output
    summary = json.loads(res.output.strip().splitlines()[-1])
    assert summary["parity_max_abs_diff"] < 1e-4 and set(summary) >= {"accuracy", "macro_f1", "ece", "n"}
    card = json.loads((tmp_path / "ens" / "emotion.json").read_text())
    assert card["arch"] == "vgg-xs+vgg-xs" and card["checkpoint"] == "last.pt"
    assert [r["run"] for r in card["runs"]] == [trained_run.name, "second"]
    card_md = (tmp_path / "ens" / "emotion.md").read_text()
    assert "averaged inside" in card_md and "without TTA" in card_md and card["tta"] is False
    # the app serves it like any single model, in the mode its temperature was fitted in
    clf = EmotionClassifier(tmp_path / "ens" / "emotion.onnx")
    assert clf.tta is False
    assert clf.probabilities(np.zeros((1, 1, 48, 48), np.float32)).shape == (1, len(EMOTIONS))


def test_export_cli_names_a_run_without_a_checkpoint(tiny_dataset: Path, tmp_path: Path) -> None:
    res = CliRunner().invoke(app, ["export-model", "--run", str(tmp_path), "--data", str(tiny_dataset),
                                   "--out", str(tmp_path / "o")])
    assert res.exit_code == 2 and "no best.pt" in res.output
    res = CliRunner().invoke(app, ["export-model", "--run", str(tmp_path), "--data", str(tiny_dataset),
                                   "--out", str(tmp_path / "o"), "--checkpoint", "worst"])
    assert res.exit_code == 2 and "best or last" in res.output


def test_train_cli_rejects_bad_input(tmp_path: Path) -> None:
    runner = CliRunner()
    res = runner.invoke(app, ["train", "--data", str(tmp_path / "missing"), "--out", str(tmp_path / "o")])
    assert res.exit_code == 2 and "not a folder" in res.output
    res = runner.invoke(app, ["train", "--data", str(tmp_path), "--out", str(tmp_path / "o"), "--arch", "nope"])
    assert res.exit_code == 2 and "unknown --arch" in res.output
