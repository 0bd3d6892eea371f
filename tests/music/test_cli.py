"""``moodify recommend`` and ``moodify catalog build`` through the root Typer app."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from moodify.cli import app
from moodify.settings import get_settings

runner = CliRunner()
KEYS = {"id", "provider", "title", "artist", "url", "stream_url", "tags", "valence", "arousal", "reason",
        "license", "genres", "duration_s", "preview", "full_duration_s"}


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    for var in ("MOODIFY_JAMENDO_CLIENT_ID", "MOODIFY_PROVIDERS", "MOODIFY_MUSIC_DIR"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("MOODIFY_DATA_DIR", str(tmp_path))
    monkeypatch.chdir(tmp_path)  # no stray .env
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def last_json(output: str) -> dict:  # type: ignore[type-arg]
    return json.loads(output.strip().splitlines()[-1])


def test_json_contract_and_same_seed_same_output() -> None:
    args = ["recommend", "--emotion", "sad", "--mode", "lift", "--n", "10", "--provider", "offline",
            "--seed", "1", "--json"]
    a = runner.invoke(app, args)
    b = runner.invoke(app, args)
    assert a.exit_code == 0, a.output
    data = last_json(a.output)
    assert data["emotion"] == "sad" and data["mode"] == "lift" and len(data["tracks"]) == 10
    assert all(set(t) >= KEYS for t in data["tracks"])
    assert all(isinstance(t["license"], str) and t["license"] for t in data["tracks"])
    assert all(t["preview"] is False and t["duration_s"] == t["full_duration_s"] for t in data["tracks"])
    assert a.output == b.output
    assert data["tracks"][0]["valence"] < 0 < data["tracks"][-1]["valence"]


def test_probabilities_via_probs_or_emotion() -> None:
    a = runner.invoke(app, ["recommend", "--probs", "happy=0.6,sad=0.4", "--seed", "2", "--json"])
    b = runner.invoke(app, ["recommend", "--emotion", "happy=0.6,sad=0.4", "--seed", "2", "--json"])
    assert a.exit_code == 0 and a.output == b.output
    data = last_json(a.output)
    assert data["emotion"] == "happy" and data["probabilities"]["sad"] == pytest.approx(0.4)
    assert data["start"]["valence"] == pytest.approx(0.24)


def test_table_output_shows_reasons_and_attribution() -> None:
    r = runner.invoke(app, ["recommend", "--emotion", "fear", "--mode", "calm", "--n", "4", "--seed", "3",
                             "--provider", "offline"])
    assert r.exit_code == 0, r.output
    assert "starting where you are" in r.output and "CC BY-NC-SA 4.0" in r.output and "jamendo.com/track/" in r.output


def test_custom_mode_needs_a_target() -> None:
    bad = runner.invoke(app, ["recommend", "--emotion", "sad", "--mode", "custom"])
    assert bad.exit_code == 2 and "--valence" in bad.output
    ok = runner.invoke(app, ["recommend", "--emotion", "sad", "--mode", "custom", "--valence", "0.2",
                             "--arousal", "-0.8", "--n", "3", "--json", "--seed", "1"])
    assert ok.exit_code == 0 and last_json(ok.output)["target"] == {"valence": 0.2, "arousal": -0.8}


@pytest.mark.parametrize("args, needle", [
    (["--emotion", "grumpy"], "unknown emotion"),
    (["--probs", "happy=lots"], "not a number"),
    (["--probs", "happy=2"], "between 0 and 1"),
    (["--emotion", "sad", "--mode", "sideways"], "unknown mode"),
    (["--emotion", "sad", "--n", "0"], "n must be"),
    (["--emotion", "sad", "--provider", "spotify"], "known: audius, deezer, jamendo, local, offline"),
    ([], "give --emotion"),
])
def test_bad_input_exits_2_with_a_message(args: list[str], needle: str) -> None:
    r = runner.invoke(app, ["recommend", *args])
    assert r.exit_code == 2 and needle in r.output


def test_no_provider_with_tracks_exits_1() -> None:
    r = runner.invoke(app, ["recommend", "--emotion", "sad", "--provider", "jamendo,local"])
    assert r.exit_code == 1 and "MOODIFY_JAMENDO_CLIENT_ID" in r.output


def test_fallback_warning_is_shown() -> None:
    r = runner.invoke(app, ["recommend", "--emotion", "sad", "--provider", "jamendo", "--provider", "offline",
                            "--json", "--seed", "1"])
    assert r.exit_code == 0
    assert any("jamendo failed" in w for w in last_json(r.output)["warnings"])


def test_catalog_build(tmp_path: Path) -> None:
    src = tmp_path / "src.tsv"
    src.write_text("TRACK_ID\tARTIST_ID\tALBUM_ID\tPATH\tDURATION\tTAGS\n"
                   "track_0000001\tartist_000001\talbum_000001\t1/1.mp3\t60.0\tmood/theme---calm\n")
    out = tmp_path / "c" / "catalog.tsv.gz"
    genres = tmp_path / "genre.tsv"
    genres.write_text("TRACK_ID\tARTIST_ID\tALBUM_ID\tPATH\tDURATION\tTAGS\n"
                      "track_0000001\tartist_000001\talbum_000001\t1/1.mp3\t60.0\tgenre---newage\n")
    r = runner.invoke(app, ["catalog", "build", "--source", str(src), "--genres", str(genres), "--out", str(out)])
    assert r.exit_code == 0 and "wrote 1 tracks" in r.output
    assert gzip.decompress(out.read_bytes()) == b"1\t1\t1\t60\tcalm\tambient\n"
    r = runner.invoke(app, ["catalog", "build", "--source", str(src), "--no-genres", "--out", str(out)])
    assert r.exit_code == 0 and gzip.decompress(out.read_bytes()) == b"1\t1\t1\t60\tcalm\t\n"
    nope = str(tmp_path / "nope.tsv")
    missing = runner.invoke(app, ["catalog", "build", "--source", nope, "--out", str(out)])
    assert missing.exit_code == 2 and "not found" in missing.output
    missing = runner.invoke(app, ["catalog", "build", "--source", str(src), "--genres", nope, "--out", str(out)])
    assert missing.exit_code == 2 and "nope.tsv not found" in missing.output and "--no-genres" in missing.output
    both = runner.invoke(app, ["catalog", "build", "--source", str(src), "--genres", str(genres), "--no-genres"])
    assert both.exit_code == 2 and "contradict" in both.output


def test_probabilities_that_do_not_add_up_are_refused_not_rescaled() -> None:
    r = runner.invoke(app, ["recommend", "--probs", "happy=0.3, sad=0.3", "--json"])
    assert r.exit_code == 2 and "add up to 1" in r.output


def test_the_default_chain_names_real_songs_and_credits_deezer(tmp_path: Path) -> None:
    r = runner.invoke(app, ["recommend", "--emotion", "happy", "--n", "3", "--seed", "1"],
                      env={"MOODIFY_DATA_DIR": str(tmp_path), "MOODIFY_DEEZER_BASE_URL": "http://127.0.0.1:9"})
    assert r.exit_code == 0, r.output
    assert "deezer.com/track/" in r.output and "Deezer mood detection dataset" in r.output
    assert "previews need a connection" in r.output  # said, not hidden; the playlist is still there
