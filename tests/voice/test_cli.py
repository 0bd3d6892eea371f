"""``moodify voice FILE``: transcript and emotion; bad recordings exit 2 with a message."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

from typer.testing import CliRunner

from moodify.cli import app
from tests.voice.conftest import DATA


def test_voice_json_has_transcript_and_emotion() -> None:
    r = CliRunner().invoke(app, ["voice", str(DATA / "happy.mp3"), "--json"])
    assert r.exit_code == 0, r.output
    body = json.loads(r.stdout.strip().splitlines()[-1])
    assert body["transcript"] and body["engine"] == "pocketsphinx" and body["emotion"] in body["probabilities"]
    assert "tone" in r.stderr


def test_voice_refuses_what_it_cannot_read(tmp_path: Path) -> None:
    runner = CliRunner()
    long = runner.invoke(app, ["voice", str(DATA / "two_hours.flac")])
    assert long.exit_code == 2 and "longer than 30 seconds" in long.stderr
    bomb = tmp_path / "say.ogg"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("x", b"\0" * 1_000_000)
    bomb.write_bytes(out.getvalue())
    refused = runner.invoke(app, ["voice", str(bomb)])
    assert refused.exit_code == 2 and "not a recording we can read" in refused.stderr
    missing = runner.invoke(app, ["voice", str(tmp_path / "nope.wav")])
    assert missing.exit_code == 2 and "cannot read nope.wav" in missing.stderr
