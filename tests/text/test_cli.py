from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from moodify.cli import app

runner = CliRunner()


def test_text_json_contract() -> None:
    result = runner.invoke(app, ["text", "I can't stop smiling, what a wonderful day", "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert out["emotion"] == "happy" and out["emotion"] in out["probabilities"]
    assert len(out["probabilities"]) == 7 and 0 <= out["confidence"] <= 1


def test_text_table_and_stdin() -> None:
    result = runner.invoke(app, ["text", "-"], input="I'm so scared of the dark\n")
    assert result.exit_code == 0
    assert "fear" in result.stdout


def test_empty_text_exits_2_with_a_message() -> None:
    result = runner.invoke(app, ["text", "   "])
    assert result.exit_code == 2
    assert "empty" in result.stderr


def test_notices_go_to_stderr() -> None:
    result = runner.invoke(app, ["text", "Estoy muy triste hoy", "--json"])
    assert result.exit_code == 0
    assert "English" in result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1])["confidence"] < 0.35


def test_train_text_with_missing_data_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["train-text", "--data", str(tmp_path)])
    assert result.exit_code == 2 and "not found" in result.stderr


def test_detect_with_text_shows_text_and_fused_reading(tmp_path: Path) -> None:
    import numpy as np
    from PIL import Image
    from skimage import data

    from tests.api.conftest import tiny_face_model

    photo = tmp_path / "astronaut.jpg"
    Image.fromarray(np.ascontiguousarray(data.astronaut())).save(photo)
    model = tiny_face_model(tmp_path / "model")
    env = {"MOODIFY_MODEL_PATH": str(model)}
    result = runner.invoke(app, ["detect", str(photo), "--text", "I'm so scared of the dark", "--json"], env=env)
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert out["text"]["emotion"] == "fear"
    fused = out["fused"]
    assert abs(fused["weights"]["face"] + fused["weights"]["text"] - 1) < 1e-3
    assert fused["face"]["probabilities"] == out["faces"][0]["probabilities"]
    table = runner.invoke(app, ["detect", str(photo), "--text", "I'm so scared of the dark"], env=env)
    assert "face + text" in table.stdout
    empty = runner.invoke(app, ["detect", str(photo), "--text", "  "], env=env)
    assert empty.exit_code == 2 and "--text" in empty.stderr
