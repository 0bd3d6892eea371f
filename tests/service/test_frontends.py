"""One script through every front end that has the flow: the same records, the same rules.

The UI (its actions, as the pages call them) and the API (through TestClient) each run: sign up, block a
tag, send the same photo twice, make a playlist, like a track while claiming false tags, play one for 30 s.
Each must store one reading, a playlist without the blocked tag, feedback with the server's artist and
tags, and one listen. The CLI has the stateless part (probabilities, recommend), checked at the end.

The last test runs one script through all three, the CLI included (sign up, a sure photo twice, an unsure
photo, its confirmation, export): the same answers (the confidence gate), the same stored readings, and the
same export bytes once ids and clock times are blanked.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from moodify.api import create_app
from moodify.service import Context, open_context
from moodify.service.readings import likeliest
from moodify.settings import Settings
from moodify.store import Store, User
from moodify.types import Analysis, Box, EmotionScores, Face
from moodify.ui import actions, playback
from moodify.ui.session import UIState
from tests.service.conftest import PASSWORD, make_settings

LIES = ["made-up-tag", "x" * 50]


@dataclass(frozen=True)
class Shown:
    key: str
    artist: str
    tags: tuple[str, ...]


class Frontend(Protocol):
    store: Store

    def sign_up(self, email: str) -> User: ...
    def block(self, tag: str) -> None: ...
    def photo(self, data: bytes) -> None: ...
    def playlist(self) -> list[Shown]: ...
    def like(self, key: str) -> None: ...
    def play(self, key: str, seconds: float) -> None: ...


class UiFrontend:
    """What the Streamlit pages do, without a browser: UIState + moodify.ui.actions and .playback, the
    functions the pages call."""

    def __init__(self, ctx: Context) -> None:
        self.ctx, self.store, self.ui = ctx, ctx.store, UIState()

    def _who(self) -> actions.Who:
        who = actions.whoami(self.ui, self.ctx)
        assert who is not None
        return who

    def sign_up(self, email: str) -> User:
        assert actions.sign_up(self.ui, self.ctx, email, PASSWORD, PASSWORD) is None
        return self._who().user

    def block(self, tag: str) -> None:
        assert actions.save_preferences(self._who(), mode="match", favourite=[], blocked=[tag], providers=[],
                                        store_photos=False) is None

    def photo(self, data: bytes) -> None:
        self.ui.scan = None  # a fresh page: the same bytes uploaded again
        scan = actions.scan_photo(self.ui, data, "upload", self._who())
        assert scan.error is None

    def playlist(self) -> list[Shown]:
        assert self.ui.scan is not None
        mood = actions.mood(self.ui.scan)
        assert mood is not None
        playlist = playback.draft(self.ui, mood.scores, "match", self._who(), origin=self.ui.scan.key)
        self.items = {i.track.key: i.track for i in playlist.items}
        return [Shown(i.track.key, i.track.artist, i.track.tags) for i in playlist.items]

    def like(self, key: str) -> None:
        assert playback.react(self.ui, self._who(), self.items[key], "like") is None

    def play(self, key: str, seconds: float) -> None:
        assert playback.react(self.ui, self._who(), self.items[key], "play", seconds=seconds) is None


class ApiFrontend:
    def __init__(self, ctx: Context) -> None:
        self.store = ctx.store
        self.client = TestClient(create_app(ctx.settings, store=ctx.store, auth_backend=ctx.auth),
                                 raise_server_exceptions=False)
        self.headers: dict[str, str] = {}
        self.playlist_id: str | None = None

    def sign_up(self, email: str) -> User:
        r = self.client.post("/v1/auth/signup", json={"email": email, "password": PASSWORD})
        assert r.status_code == 201, r.text
        self.headers = {"Authorization": f"Bearer {r.json()['token']}"}
        return self.store.find_user(email)

    def block(self, tag: str) -> None:
        r = self.client.put("/v1/preferences", json={"blocked_tags": [tag]}, headers=self.headers)
        assert r.status_code == 200, r.text

    def photo(self, data: bytes) -> None:
        r = self.client.post("/v1/emotion", files={"image": ("me.jpg", data, "image/jpeg")}, headers=self.headers)
        assert r.status_code == 200, r.text
        self.mood = r.json()["mood"]

    def playlist(self) -> list[Shown]:
        probs = ",".join(f"{k}={v}" for k, v in self.mood["probabilities"].items())
        r = self.client.post("/v1/playlists", json={"probs": probs}, headers=self.headers)
        assert r.status_code == 201, r.text
        self.playlist_id = r.json()["playlist_id"]
        return [Shown(t["key"], t["artist"], tuple(t["tags"])) for t in r.json()["tracks"]]

    def like(self, key: str) -> None:
        body = {"track_key": key, "kind": "like", "playlist_id": self.playlist_id, "artist": "Liar", "tags": LIES}
        r = self.client.post("/v1/feedback", json=body, headers=self.headers)
        assert r.status_code == 201, r.text

    def play(self, key: str, seconds: float) -> None:
        body = {"track_key": key, "kind": "play", "seconds": seconds, "playlist_id": self.playlist_id}
        r = self.client.post("/v1/feedback", json=body, headers=self.headers)
        assert r.status_code == 201, r.text


FRONTENDS: dict[str, Callable[[Context], Frontend]] = {"ui": UiFrontend, "api": ApiFrontend}


def common_tag(ctx: Context) -> str:
    """A tag the happy playlist would otherwise be full of, so blocking it is a real constraint."""
    playlist = ctx.recommend(EmotionScores.one_hot("happy"), "match", 30, settings=ctx.settings, seed=0)
    return Counter(t for i in playlist.items for t in i.track.tags).most_common(1)[0][0]


@pytest.mark.parametrize("name", sorted(FRONTENDS))
def test_the_same_script_gives_the_same_records(name: str, tmp_path: Path, face_jpeg: bytes) -> None:
    ctx = open_context(make_settings(tmp_path))
    try:
        blocked = common_tag(ctx)
        front = FRONTENDS[name](ctx)
        user = front.sign_up("ann@example.org")
        front.block(blocked)
        front.photo(face_jpeg)
        front.photo(face_jpeg)  # the same photo again: one reading
        shown = front.playlist()
        first, second = shown[0], shown[1]
        front.like(first.key)
        front.play(second.key, 30.0)

        store = ctx.store
        moods = store.list_mood_events(user.id)
        assert [(m.source, m.emotion) for m in moods] == [("upload", "happy")]
        assert len(shown) == 10 and not any(blocked in s.tags for s in shown)
        [record] = store.list_playlists(user.id)
        assert [t.key for t in record.tracks] == [s.key for s in shown]
        feedback = {(f.kind, f.track_key): f for f in store.list_feedback(user.id)}
        like = feedback[("like", first.key)]
        assert (like.artist, like.tags) == (first.artist, first.tags)  # the server's, never the client's
        assert ("play", second.key) in feedback and len(feedback) == 2
        [listen] = store.list_listens(user.id)
        assert (listen.track_key, listen.seconds) == (second.key, 30.0)
    finally:
        ctx.store.close()


def test_one_photo_through_the_ui_and_the_api_is_one_reading(ctx: Context, face_jpeg: bytes) -> None:
    ui, api = UiFrontend(ctx), ApiFrontend(ctx)
    user = api.sign_up("bo@example.org")
    assert actions.sign_in(ui.ui, ctx, "bo@example.org", PASSWORD) is None
    ui.photo(face_jpeg)
    api.photo(face_jpeg)
    assert len(ctx.store.list_mood_events(user.id)) == 1


def test_ui_and_api_export_the_same_json(ctx: Context, face_jpeg: bytes) -> None:
    ui, api = UiFrontend(ctx), ApiFrontend(ctx)
    user = ui.sign_up("cy@example.org")
    ui.photo(face_jpeg)
    ui.like(ui.playlist()[0].key)
    r = api.client.post("/v1/auth/signin", json={"email": "cy@example.org", "password": PASSWORD})
    api.headers = {"Authorization": f"Bearer {r.json()['token']}"}
    from_api = api.client.get("/v1/export", params={"format": "json"}, headers=api.headers)
    assert from_api.status_code == 200 and from_api.headers["content-type"].startswith("application/json")
    from_ui, _ = actions.export_data(actions.Who(user=user, ctx=ctx))

    def comparable(text: str) -> dict[str, object]:
        data = json.loads(text)
        data.pop("exported_at")
        return data

    assert comparable(from_api.text) == comparable(from_ui)
    assert len(json.loads(from_ui)["feedback"]) == 1


def test_the_cli_reads_probabilities_like_the_api(tmp_path: Path) -> None:
    from moodify.cli import app

    runner = CliRunner()
    env = {"MOODIFY_DATA_DIR": str(tmp_path)}
    args = ["recommend", "--provider", "offline", "--seed", "3", "--n", "5", "--json"]
    with_eq = runner.invoke(app, [*args, "--probs", "happy=0.6,sad=0.4"], env=env)
    with_colon = runner.invoke(app, [*args, "--probs", "happy:0.6,sad:0.4"], env=env)
    assert with_eq.exit_code == 0, with_eq.output
    assert json.loads(with_eq.stdout.splitlines()[-1]) == json.loads(with_colon.stdout.splitlines()[-1])
    bad = runner.invoke(app, [*args, "--probs", "happy=0.6,sad=0.6"], env=env)
    assert bad.exit_code == 2 and "add up to 1" in bad.stderr


# --- one script through the UI, the API and the CLI: the same gate, readings and export -------------

SURE = EmotionScores.from_mapping({"happy": 0.8, "neutral": 0.15, "surprise": 0.05})
UNSURE = EmotionScores.from_mapping({"sad": 0.3, "neutral": 0.28, "fear": 0.22, "happy": 0.2})


def scripted_model(sure: bytes, unsure: bytes) -> Callable[..., Analysis]:
    """One stand-in model for every front end (what each does with a sure and an unsure face is the test)."""
    answers = {sure: SURE, unsure: UNSURE}

    def analyze(data: bytes, **_: object) -> Analysis:
        return Analysis(512, 512, (Face(Box(170, 70, 110, 110), score=0.99, scores=answers[data]),))

    return analyze


@dataclass(frozen=True)
class Asked:
    """What a front end answered about a photo: recorded as what, or asked about which emotions."""

    needs_confirmation: bool
    likeliest: tuple[str, ...]
    recorded: str | None


class ContractFrontend(Protocol):
    def sign_up(self, email: str) -> None: ...
    def photo(self, data: bytes) -> Asked: ...
    def confirm(self, data: bytes, emotion: str) -> None: ...
    def export(self) -> str: ...


class UiContract:
    def __init__(self, ctx: Context) -> None:
        self.ctx, self.ui = ctx, UIState()

    def _who(self) -> actions.Who:
        who = actions.whoami(self.ui, self.ctx)
        assert who is not None
        return who

    def sign_up(self, email: str) -> None:
        assert actions.sign_up(self.ui, self.ctx, email, PASSWORD, PASSWORD) is None

    def photo(self, data: bytes) -> Asked:
        self.ui.scan = None  # a fresh upload
        scan = actions.scan_photo(self.ui, data, "upload", self._who())
        assert scan.error is None and scan.face_scores is not None
        mood = actions.mood(scan)
        asks = tuple(likeliest(scan.face_scores)) if scan.awaiting else ()  # the page's buttons
        return Asked(scan.awaiting, asks, mood.scores.emotion if mood else None)

    def confirm(self, data: bytes, emotion: str) -> None:
        assert self.ui.scan is not None and self.ui.scan.photo == data
        actions.correct_emotion(self.ui, emotion, self._who())

    def export(self) -> str:
        return actions.export_data(self._who())[0]


class ApiContract:
    def __init__(self, ctx: Context) -> None:
        app = create_app(ctx.settings, store=ctx.store, auth_backend=ctx.auth)
        app.state.context.analyze = ctx.analyze
        self.client = TestClient(app, raise_server_exceptions=False)
        self.photo_ids: dict[bytes, str] = {}

    def sign_up(self, email: str) -> None:
        r = self.client.post("/v1/auth/signup", json={"email": email, "password": PASSWORD})
        assert r.status_code == 201, r.text
        self.client.headers["Authorization"] = f"Bearer {r.json()['token']}"

    def photo(self, data: bytes) -> Asked:
        r = self.client.post("/v1/emotion", files={"image": ("me.jpg", data, "image/jpeg")})
        assert r.status_code == 200, r.text
        body = r.json()
        self.photo_ids[data] = body["photo_id"]
        return Asked(body["needs_confirmation"], tuple(body["likeliest"]),
                     body["mood"]["emotion"] if body["mood"] else None)

    def confirm(self, data: bytes, emotion: str) -> None:
        r = self.client.post("/v1/emotion/confirm", json={"photo_id": self.photo_ids[data], "emotion": emotion})
        assert r.status_code == 201, r.text

    def export(self) -> str:
        r = self.client.get("/v1/export", params={"format": "json"})
        assert r.status_code == 200, r.text
        return r.content.decode("utf-8")


class CliContract:
    """``moodify users add``, ``record photo|confirm``, ``export`` on the same kind of store, in process."""

    def __init__(self, ctx: Context, tmp: Path) -> None:
        self.tmp, self.runner = tmp, CliRunner()
        self.env = {"MOODIFY_DATA_DIR": str(ctx.settings.data_dir), "MOODIFY_STORE": "sql",
                    "MOODIFY_AUTH": "local"}
        self.photo_ids: dict[bytes, str] = {}
        self.email = ""

    def _run(self, *args: str, stdin: str | None = None) -> str:
        from moodify.cli import app

        result = self.runner.invoke(app, list(args), env=self.env, input=stdin)
        assert result.exit_code == 0, result.output
        return result.stdout.splitlines()[-1] if result.stdout else ""

    def sign_up(self, email: str) -> None:
        self.email = email
        self._run("users", "add", email, "--password-stdin", stdin=PASSWORD + "\n")

    def photo(self, data: bytes) -> Asked:
        path = self.tmp / f"photo-{len(self.photo_ids)}.jpg"
        path.write_bytes(data)
        out = json.loads(self._run("record", "photo", str(path), "--user", self.email, "--json"))
        self.photo_ids[data] = out["photo_id"]
        return Asked(out["needs_confirmation"], tuple(out["likeliest"]), out["emotion"])

    def confirm(self, data: bytes, emotion: str) -> None:
        self._run("record", "confirm", self.photo_ids[data], emotion, "--user", self.email, "--json")

    def export(self) -> str:
        out = self.tmp / "export.json"
        self._run("export", self.email, "--out", str(out), "--format", "json")
        return out.read_text(encoding="utf-8")


def _comparable(export: str) -> str:
    """The export with what must differ between runs (random ids, clock times) blanked, byte for byte."""
    export = re.sub(r'"[0-9a-f]{32}"', '"<id>"', export)
    return re.sub(r'"\d{4}-\d\d-\d\dT[0-9:.]+(?:Z|[+-]\d\d:\d\d)?"', '"<time>"', export)


def _run_script(front: ContractFrontend, sure: bytes, unsure: bytes) -> tuple[list[Asked], str]:
    front.sign_up("ann@example.org")
    answers = [front.photo(sure), front.photo(sure), front.photo(unsure)]
    front.confirm(unsure, "neutral")  # the second of the offered emotions
    return answers, front.export()


def test_one_script_through_the_ui_the_api_and_the_cli_gives_the_same_answers_records_and_export(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, face_jpeg: bytes
) -> None:
    import moodify.service

    sure, unsure = face_jpeg, _reencoded(face_jpeg)
    model = scripted_model(sure, unsure)
    real_open = moodify.service.open_context

    def scripted_open(settings: Settings, **kwargs: Any) -> Context:  # the CLI opens its own context
        opened = real_open(settings, **kwargs)
        opened.analyze = model
        return opened

    monkeypatch.setattr(moodify.service, "open_context", scripted_open)
    runs: dict[str, tuple[list[Asked], list[tuple[str, str, float]], str]] = {}
    for name in ("ui", "api", "cli"):
        (tmp_path / name).mkdir()
        ctx = scripted_open(make_settings(tmp_path / name))
        try:
            front: ContractFrontend = (UiContract(ctx) if name == "ui" else ApiContract(ctx) if name == "api"
                                       else CliContract(ctx, tmp_path / name))
            answers, export = _run_script(front, sure, unsure)
            user = ctx.store.find_user("ann@example.org")
            moods = [(m.source, m.emotion, round(m.confidence, 6)) for m in ctx.store.list_mood_events(user.id)]
        finally:
            ctx.close()
        runs[name] = (answers, moods, _comparable(export))

    answers, moods, export = runs["ui"]
    assert answers == [Asked(False, (), "happy"), Asked(False, (), "happy"),  # the same photo: one reading
                       Asked(True, ("sad", "neutral", "fear"), None)]  # unsure: asked, nothing recorded
    assert moods == [("upload", "happy", 0.8), ("correction", "neutral", 1.0)]
    assert json.loads(export)["user"]["email"] == "ann@example.org" and len(json.loads(export)["mood_events"]) == 2
    assert runs["api"] == runs["ui"]
    assert runs["cli"] == runs["ui"]  # the export compared byte for byte, ids and clock times blanked


def _reencoded(jpeg: bytes) -> bytes:
    """The same picture as other bytes: another photo to the application layer."""
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.open(io.BytesIO(jpeg)).save(out, format="JPEG", quality=70)
    return out.getvalue()
