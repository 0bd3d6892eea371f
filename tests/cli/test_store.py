"""The account/storage admin commands, run as a user would (through the Typer app)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from moodify.cli import app
from moodify.settings import Settings
from moodify.store import MoodEvent, open_store
from moodify.types import EmotionScores

runner = CliRunner()
PASSWORD = "a long enough passphrase\n"


@pytest.fixture(autouse=True)
def _env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # no stray .env
    monkeypatch.setenv("MOODIFY_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("MOODIFY_STORE", "sql")
    monkeypatch.setenv("MOODIFY_AUTH", "local")
    monkeypatch.delenv("MOODIFY_DATABASE_URL", raising=False)


def _add(email: str = "cli@example.org") -> None:
    result = runner.invoke(app, ["users", "add", email, "--password-stdin"], input=PASSWORD)
    assert result.exit_code == 0, result.output


def _moods(email: str, n: int) -> None:
    store = open_store(Settings(_env_file=None))
    user = store.find_user(email)
    scores = EmotionScores.from_mapping({"sad": 0.8, "neutral": 0.2})
    store.add_mood_events([MoodEvent(user_id=user.id, emotion="sad", probabilities=scores.probabilities,
                                     confidence=0.8, source="camera", idempotency_key=str(i))
                           for i in range(n)])
    store.close()


def test_db_upgrade_is_idempotent(tmp_path: Path) -> None:
    from moodify.store.migrate import head_revision

    for _ in range(2):
        result = runner.invoke(app, ["db", "upgrade", "--json"])
        assert result.exit_code == 0, result.output
        assert json.loads(result.output.strip().splitlines()[-1])["revision"] == head_revision()
    assert (tmp_path / "data" / "moodify.db").exists()


def test_users_add_reads_the_password_from_stdin_only() -> None:
    result = runner.invoke(app, ["users", "add", "x@example.org"])
    assert result.exit_code == 2 and "--password-stdin" in result.output
    weak = runner.invoke(app, ["users", "add", "x@example.org", "--password-stdin"], input="short\n")
    assert weak.exit_code == 2 and "at least" in weak.output


def test_history_json_and_unknown_user() -> None:
    _add()
    _moods("cli@example.org", 3)
    result = runner.invoke(app, ["history", "CLI@example.org", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output.strip().splitlines()[-1])
    assert data["count"] == 3 and data["events"][0]["emotion"] == "sad"
    assert len(data["events"][0]["probabilities"]) == 7
    missing = runner.invoke(app, ["history", "nobody@example.org"])
    assert missing.exit_code == 2 and "no account with e-mail nobody@example.org" in missing.output


def test_export_json_and_csv(tmp_path: Path) -> None:
    _add()
    _moods("cli@example.org", 2)
    out = tmp_path / "me.json"
    assert runner.invoke(app, ["export", "cli@example.org", "--out", str(out)]).exit_code == 0
    doc = json.loads(out.read_text())
    assert doc["user"]["email"] == "cli@example.org" and len(doc["mood_events"]) == 2
    assert "password" not in out.read_text()  # no credentials in an export
    out_csv = tmp_path / "me.csv"
    args = ["export", "cli@example.org", "--out", str(out_csv), "--format", "csv"]
    assert runner.invoke(app, args).exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out_csv.read_text())))
    assert [r["record"] for r in rows] == ["user", "preferences", "mood", "mood"]
    assert float(rows[2]["p_sad"]) == pytest.approx(0.8)
    bad = runner.invoke(app, ["export", "cli@example.org", "--out", str(out), "--format", "xml"])
    assert bad.exit_code == 2


def test_users_delete_removes_the_account_and_its_data(tmp_path: Path) -> None:
    _add("gone@example.org")
    _moods("gone@example.org", 2)
    assert runner.invoke(app, ["users", "delete", "gone@example.org"]).exit_code == 0
    assert runner.invoke(app, ["history", "gone@example.org"]).exit_code == 2
    assert runner.invoke(app, ["users", "delete", "gone@example.org"]).exit_code == 2
    import sqlite3

    with sqlite3.connect(tmp_path / "data" / "moodify.db") as conn:
        for table in ("users", "mood_events", "preferences", "credentials", "sessions"):
            assert conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0, table


def test_unavailable_database_is_exit_1_with_a_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MOODIFY_DATABASE_URL", "postgresql+psycopg://nobody@127.0.0.1:9/none")
    monkeypatch.setenv("MOODIFY_STORE_CONNECT_TIMEOUT_S", "1")
    result = runner.invoke(app, ["history", "a@example.org"])
    assert result.exit_code == 1
    assert "unavailable" in result.output or "failed" in result.output


def test_record_photo_text_and_confirm_through_the_service(tmp_path: Path) -> None:
    """The shipped model on a real face: recorded once per photo; a sentence; a confirmation; bad input -> 2."""
    from PIL import Image
    from skimage import data

    _add()
    photo = tmp_path / "me.jpg"
    Image.fromarray(data.astronaut()).save(photo, format="JPEG", quality=90)
    first = runner.invoke(app, ["record", "photo", str(photo), "--user", "cli@example.org", "--json"])
    assert first.exit_code == 0, first.output
    read = json.loads(first.stdout.splitlines()[-1])
    assert read["face"] == 0 and read["faces"] == 1 and len(read["photo_id"]) == 64
    assert not read["needs_confirmation"] and read["emotion"] == "happy" and read["stored"]
    again = json.loads(runner.invoke(app, ["record", "photo", str(photo), "--user", "cli@example.org",
                                           "--json"]).stdout.splitlines()[-1])
    assert again["event_id"] == read["event_id"] and not again["stored"]  # the same photo: one reading
    said = runner.invoke(app, ["record", "text", "what a wonderful day", "--user", "cli@example.org", "--json"])
    assert said.exit_code == 0 and json.loads(said.stdout.splitlines()[-1])["emotion"] == "happy"
    fixed = runner.invoke(app, ["record", "confirm", read["photo_id"], "surprise", "--user", "cli@example.org"])
    assert fixed.exit_code == 0 and "surprise recorded" in fixed.stdout
    history = json.loads(runner.invoke(app, ["history", "cli@example.org", "--json"]).stdout.splitlines()[-1])
    assert [e["source"] for e in history["events"]] == ["upload", "text", "correction"]

    for args, says in [(["record", "confirm", read["photo_id"], "bored", "--user", "cli@example.org"],
                        "not an emotion"),
                       (["record", "photo", str(tmp_path / "missing.jpg"), "--user", "cli@example.org"],
                        "no such file"),
                       (["record", "text", "   ", "--user", "cli@example.org"], "empty"),
                       (["record", "photo", str(photo), "--user", "nobody@example.org"], "no account")]:
        refused = runner.invoke(app, args)
        assert refused.exit_code == 2 and says in refused.stderr, (args, refused.output)
