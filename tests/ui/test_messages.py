"""What a person reads when something goes wrong or can't play (issue 25): plain sentences, no variable
names, paths or exception classes; sources this server can't use are said once, with who can change it."""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from pathlib import Path

import pytest

from moodify.errors import (
    AuthError,
    ImageError,
    InvalidInput,
    ModelError,
    NoTracksFound,
    ProviderError,
    public_message,
)
from moodify.settings import Settings
from moodify.ui import sources

from .test_player import playlist, track

LEAKS = re.compile(r"MOODIFY_|/home|/tmp|\.py\b|site-packages|\b[A-Z]\w+(Error|Exception)\b")


@pytest.mark.parametrize("exc", [
    ProviderError("jamendo needs a client id (set MOODIFY_JAMENDO_CLIENT_ID)"),
    ModelError("the emotion model /home/me/models/emotion.onnx does not exist; set MOODIFY_MODEL_PATH"),
    ImageError("cannot decode: OSError at /usr/lib/python3/site-packages/PIL/Image.py"),
    AuthError("MOODIFY_FIREBASE_API_KEY is not set"),
    NoTracksFound("no music provider returned any track (deezer failed: network down (ConnectError); local "
                  "failed: local needs a music folder (set MOODIFY_MUSIC_DIR))"),
])
def test_operator_words_stay_in_the_log_with_a_reference(exc: Exception, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="moodify.errors"):
        said = public_message(exc)
    assert not LEAKS.search(said), said
    assert str(exc) in caplog.text  # whoever runs the server still reads all of it
    ref = re.search(r"Reference ([0-9a-f]{8})", said)
    if not isinstance(exc, NoTracksFound):
        assert ref is not None and ref.group(1) in caplog.text, said  # the person can quote it


def test_plain_messages_stay_as_they_are() -> None:
    assert public_message(AuthError("wrong email or password")) == "Wrong email or password."
    assert public_message(InvalidInput("the two passwords differ")) == "The two passwords differ."
    assert public_message(ModelError("the model is broken")) == ("The model is broken. Pick an emotion or describe "
                                                                 "your mood in words instead.")
    assert public_message(ImageError("x")).startswith("X.")
    assert public_message(ImageError("not a readable image; send a JPEG or PNG file")) == (
        "Not a readable image; send a JPEG or PNG file.")  # it says what to do: no second hint
    assert "https://example.org/a/b" in public_message(InvalidInput("see https://example.org/a/b"))  # not a path
    assert public_message(ImageError("the file is damaged (OSError)")).startswith("This file can't be read")
    assert public_message(NoTracksFound("every candidate was blocked")).startswith("No music source had tracks")


def test_sources_this_server_cannot_use_are_marked(tmp_path: Path) -> None:
    bare = Settings(data_dir=tmp_path, music_dir=None, jamendo_client_id=None)
    ready = Settings(data_dir=tmp_path, music_dir=tmp_path, jamendo_client_id="abc")  # type: ignore[arg-type]
    assert [sources.label(n, bare) for n in ("deezer", "jamendo", "local")] == [
        "Deezer", "Jamendo (not set up here)", "My music (not set up here)"]
    assert [sources.label(n, ready) for n in ("jamendo", "local")] == ["Jamendo", "My music"]
    gone = Settings(data_dir=tmp_path, music_dir=tmp_path / "gone")
    assert sources.label("local", gone).endswith("(not set up here)")  # a folder that isn't there
    assert sources.names(["jamendo", "local"]) == "Jamendo and My music are"


def test_the_page_says_once_what_can_play_and_how_to_get_more(tmp_path: Path) -> None:
    bare = Settings(data_dir=tmp_path, music_dir=None, jamendo_client_id=None)
    silent = replace(playlist(track(1, provider="deezer", stream_url=None), track(2, provider="deezer",
                                                                                 stream_url=None)),
                     warnings=("only 2 of 10 tracks could be chosen without repeats",),
                     source_warnings=("previews need a connection to Deezer (Deezer failed a moment ago; not asked "
                                      "again yet); titles, artists and links are still shown",
                                      "jamendo failed: jamendo needs a client id (set MOODIFY_JAMENDO_CLIENT_ID)"))
    assert sources.shown_warnings(silent) == ["only 2 of 10 tracks could be chosen without repeats"]
    said = sources.notice(sources.can_play(silent, None), bare)
    assert said is not None and not LEAKS.search(said)
    assert said.startswith("Nothing here can play on this server right now")
    assert "add a music folder" in said and "Jamendo key" in said and "docs/music.md" in said
    half = playlist(track(1), track(2, provider="deezer", stream_url=None))
    assert sources.notice(sources.can_play(half, None), bare).startswith("1 of 2 tracks can play here")  # type: ignore[union-attr]
    assert sources.notice(sources.can_play(playlist(track(1)), None), bare) is None  # all play: nothing said
