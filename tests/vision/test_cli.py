"""``moodify detect`` and ``moodify evaluate``: JSON shapes and exit codes, as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from moodify.cli import app

from .conftest import encode, shared_dir

runner = CliRunner()


@pytest.fixture
def env(tiny_model: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MOODIFY_MODEL_PATH", str(tiny_model))
    monkeypatch.setenv("MOODIFY_DETECTOR", "blazeface")


@pytest.fixture
def photos(tmp_path: Path, astronaut: np.ndarray, no_face_photos: dict[str, np.ndarray]) -> dict[str, Path]:
    paths = {"face": tmp_path / "astronaut.jpg", "empty": tmp_path / "coffee.png",
             "bad": tmp_path / "bad.jpg"}
    paths["face"].write_bytes(encode(astronaut))
    paths["empty"].write_bytes(encode(np.ascontiguousarray(no_face_photos["coffee"]), "PNG"))
    paths["bad"].write_text("not an image")
    return paths


def _lines(output: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def test_detect_json_one_line_per_image(env: None, photos: dict[str, Path]) -> None:
    result = runner.invoke(app, ["detect", str(photos["face"]), str(photos["empty"]), "--json"])
    assert result.exit_code == 0, result.output
    face_rec, empty_rec = _lines(result.stdout)
    assert face_rec["error"] is None and len(face_rec["faces"]) == 1  # type: ignore[arg-type]
    face = face_rec["faces"][0]  # type: ignore[index]
    assert len(face["box"]) == 4 and face["emotion"] in face["probabilities"]
    assert set(face["probabilities"]) == {"angry", "disgust", "fear", "happy", "sad", "surprise", "neutral"}
    assert abs(sum(face["probabilities"].values()) - 1) < 1e-3 and 0 <= face["confidence"] <= 1
    assert empty_rec == {**empty_rec, "faces": [], "error": None}


def test_detect_unreadable_input_exits_2_and_still_prints_the_others(env: None,
                                                                   photos: dict[str, Path]) -> None:
    missing = photos["face"].parent / "missing.jpg"
    result = runner.invoke(app, ["detect", str(photos["bad"]), str(photos["face"]), str(missing), "--json"])
    assert result.exit_code == 2
    bad, good, gone = _lines(result.stdout)
    assert "not a readable image" in str(bad["error"]) and bad["faces"] == []
    assert good["error"] is None and len(good["faces"]) == 1  # type: ignore[arg-type]
    assert gone["error"] == "no such file"
    assert "bad.jpg" in result.stderr and "missing.jpg" in result.stderr


def test_detect_crop_none_on_a_dataset_crop(env: None, tmp_path: Path) -> None:
    crop = tmp_path / "crop.png"
    crop.write_bytes(encode(np.full((48, 48), 120, np.uint8), "PNG"))
    result = runner.invoke(app, ["detect", str(crop), "--crop", "none", "--json"])
    assert result.exit_code == 0
    assert _lines(result.stdout)[0]["faces"][0]["box"] == [0, 0, 48, 48]  # type: ignore[index]


def test_detect_readable_table(env: None, photos: dict[str, Path]) -> None:
    result = runner.invoke(app, ["detect", str(photos["face"]), str(photos["empty"])])
    assert result.exit_code == 0
    assert "emotion" in result.stdout and "no face found" in result.stdout


def test_detect_bad_option_and_missing_model(env: None, photos: dict[str, Path], tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    assert runner.invoke(app, ["detect", str(photos["face"]), "--crop", "auto"]).exit_code == 2
    assert runner.invoke(app, ["detect", str(photos["face"]), "--detector", "nope"]).exit_code == 1
    monkeypatch.setenv("MOODIFY_MODEL_PATH", str(tmp_path / "gone.onnx"))
    result = runner.invoke(app, ["detect", str(photos["face"])])
    assert result.exit_code == 1 and "gone.onnx" in result.stderr


def test_evaluate_json_and_plots(env: None, tmp_path: Path) -> None:
    data = tmp_path / "data"
    rng = np.random.default_rng(0)
    for cls in ("angry", "happy", "neutral"):
        (data / cls).mkdir(parents=True)
        for i in range(4):
            (data / cls / f"{i}.png").write_bytes(encode(rng.integers(0, 255, (48, 48), np.uint8), "PNG"))
    out = tmp_path / "out"
    args = ["evaluate", "--data", str(data), "--crop", "none", "--out", str(out), "--json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["n"] == 12 and {"accuracy", "macro_f1", "ece"} <= set(report)
    assert set(report["per_class"]) == {"angry", "disgust", "fear", "happy", "sad", "surprise", "neutral"}
    for name in ("confusion_matrix.png", "reliability.png"):
        assert (out / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert json.loads((out / "report.json").read_text())["n"] == 12


def test_evaluate_bad_folder_exits_2(env: None, tmp_path: Path) -> None:
    result = runner.invoke(app, ["evaluate", "--data", str(tmp_path / "nothing")])
    assert result.exit_code == 2 and "not a folder" in result.stderr


def test_evaluate_on_real_fer_images(env: None) -> None:
    data = shared_dir() / "data" / "fer2013" / "val"
    assert data.is_dir(), f"FER2013 not found at {data} (set MOODIFY_SHARED_DIR)"
    result = runner.invoke(app, ["evaluate", "--data", str(data), "--per-class", "3", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout.strip().splitlines()[-1])["n"] == 21
