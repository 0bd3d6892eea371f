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
