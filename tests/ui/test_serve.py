"""``moodify serve``: the Streamlit command line it becomes."""

from __future__ import annotations

from typer.testing import CliRunner

from moodify.cli import app
from moodify.cli.serve import streamlit_options
from moodify.ui.launch import APP


def _options(pairs: list[str]) -> dict[str, str]:
    return {pairs[i].removeprefix("--"): pairs[i + 1] for i in range(0, len(pairs), 2)}


def test_streamlit_runs_the_app_headless_on_loopback_without_prompts() -> None:
    assert APP.name == "app.py" and APP.is_file()
    options = _options(streamlit_options("127.0.0.1", 8501, 20))
    assert options["server.address"] == "127.0.0.1" and options["server.port"] == "8501"
    assert options["server.headless"] == "true"
    assert options["browser.gatherUsageStats"] == "false"
    assert options["server.maxUploadSize"] == "20"
    assert options["theme.base"] == "dark"


def test_serve_refuses_a_bad_port() -> None:
    result = CliRunner().invoke(app, ["serve", "--port", "70000"])
    assert result.exit_code == 2
