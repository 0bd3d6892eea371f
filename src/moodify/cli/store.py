"""Admin commands for accounts and storage: ``db upgrade``, ``users add|delete``, ``export``, ``history``.

Each opens the configured backends (``MOODIFY_STORE``, ``MOODIFY_DATABASE_URL``, ``MOODIFY_AUTH``) as one
:class:`~moodify.service.Context` and goes through :mod:`moodify.service`, like the UI and the API.
Exit 0 ok, 1 the store failed, 2 bad input (unknown user, weak password, bad option).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from moodify import service
from moodify.cli.app import EXIT_FAIL, EXIT_USAGE, app, fail, load_settings
from moodify.errors import AuthError, InvalidInput, NotFound, StoreError
from moodify.service import Context

db_app = typer.Typer(help="Database schema.", no_args_is_help=True)
users_app = typer.Typer(help="Accounts.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(users_app, name="users")

JsonOption = Annotated[bool, typer.Option("--json", help="Last line of output: one JSON object.")]


@contextmanager
def opened() -> Iterator[Context]:
    """The application layer's Context on the configured backends; its errors become a message and the
    right exit code (the operator sees the store's own words: this is their tool, not a web page)."""
    settings = load_settings()
    ctx: Context | None = None
    try:
        ctx = service.open_context(settings)
        yield ctx
    except (NotFound, AuthError, InvalidInput) as exc:
        fail(EXIT_USAGE, str(exc))
    except StoreError as exc:
        fail(EXIT_FAIL, str(exc))
    finally:
        if ctx is not None:
            ctx.close()


@db_app.command("upgrade")
def db_upgrade(as_json: JsonOption = False) -> None:
    """Create or migrate the SQL schema to the newest revision (also done at every start-up)."""
    settings = load_settings()
    if settings.store != "sql":
        message = f"store {settings.store!r} has no schema to migrate"
        typer.echo(json.dumps({"store": settings.store, "revision": None}) if as_json else message)
        return
    from moodify.store.engine import make_engine, safe_url
    from moodify.store.migrate import upgrade

    try:
        engine = make_engine(settings)
        try:
            revision = upgrade(engine)
        finally:
            engine.dispose()
    except StoreError as exc:
        fail(EXIT_FAIL, str(exc))
    url = safe_url(settings.sqlalchemy_url)
    typer.echo(json.dumps({"store": "sql", "url": url, "revision": revision}) if as_json
               else f"{url}: schema at revision {revision}")


@users_app.command("add")
def users_add(
    email: Annotated[str, typer.Argument(help="The new account's email.")],
    password_stdin: Annotated[bool, typer.Option("--password-stdin",
                                                 help="Read the password from stdin.")] = False,
    name: Annotated[str, typer.Option("--name", help="Display name.")] = "",
    as_json: JsonOption = False,
) -> None:
    """Create an account. The password comes from stdin (first line), never from the command line."""
    if not password_stdin:
        fail(EXIT_USAGE, "pass the password on stdin with --password-stdin (never as an argument)")
    password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        fail(EXIT_USAGE, "no password on stdin")
    with opened() as ctx:
        user = service.create_account(ctx, email, password, name=name)
        typer.echo(json.dumps({"id": user.id, "email": user.email}) if as_json
                   else f"created {user.email} (id {user.id})")


@users_app.command("passwd")
def users_passwd(
    email: Annotated[str, typer.Argument(help="Whose password.")],
    password_stdin: Annotated[bool, typer.Option("--password-stdin",
                                                 help="Read the new password from stdin.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Set a new password (local accounts) and end every session of the account."""
    if not password_stdin:
        fail(EXIT_USAGE, "pass the new password on stdin with --password-stdin (never as an argument)")
    password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        fail(EXIT_USAGE, "no password on stdin")
    with opened() as ctx:
        user = service.find_account(ctx, email)
        ended = service.change_password(ctx, user, current=None, new=password)
        typer.echo(json.dumps({"email": user.email, "sessions_ended": ended}) if as_json
                   else f"changed the password of {user.email}; {ended} sessions ended")


@users_app.command("delete")
def users_delete(
    email: Annotated[str, typer.Argument(help="The account to delete, with all its data.")],
    as_json: JsonOption = False,
) -> None:
    """Delete an account and everything stored about it. Cannot be undone."""
    with opened() as ctx:
        user = service.find_account(ctx, email)
        service.delete_account(ctx, user)
        typer.echo(json.dumps({"deleted": user.email, "id": user.id}) if as_json
                   else f"deleted {user.email} and all its data")


@app.command("export")
def export_cmd(
    email: Annotated[str, typer.Argument(help="Whose data.")],
    out: Annotated[Path, typer.Option("--out", help="File to write.", dir_okay=False)],
    fmt: Annotated[str, typer.Option("--format", help="json or csv.", case_sensitive=False)] = "json",
    as_json: JsonOption = False,
) -> None:
    """Write everything stored about a user (profile, preferences, moods, playlists, feedback, listens)."""
    fmt = fmt.lower()
    if fmt not in service.EXPORT_FORMATS:
        fail(EXIT_USAGE, f"--format must be json or csv, got {fmt!r}")
    with opened() as ctx:
        user = service.find_account(ctx, email)
        export = service.export_user(ctx, user, fmt)
        try:
            out.write_text(export.content, encoding="utf-8")
        except OSError as exc:
            fail(EXIT_USAGE, f"cannot write {out}: {exc.strerror or exc}")
        past = service.history(ctx, user, limit=None)
        summary = {"email": user.email, "out": str(out), "format": fmt, "mood_events": len(past.moods),
                   "playlists": len(past.playlists), "feedback": len(past.feedback),
                   "listens": len(past.listens)}
        typer.echo(json.dumps(summary) if as_json else
                   f"wrote {out} ({fmt}): {summary['mood_events']} mood events, "
                   f"{summary['playlists']} playlists, {summary['feedback']} feedback, "
                   f"{summary['listens']} listens")


@app.command("history")
def history_cmd(
    email: Annotated[str, typer.Argument(help="Whose mood history.")],
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="Only the newest N.")] = None,
    as_json: JsonOption = False,
) -> None:
    """A user's mood history, oldest first."""
    from moodify.types import EMOTIONS

    with opened() as ctx:
        user = service.find_account(ctx, email)
        events = service.history(ctx, user, limit=limit).moods
        if as_json:
            typer.echo(json.dumps({"email": user.email, "count": len(events), "events": [
                {"id": e.id, "at": e.at.isoformat(), "emotion": e.emotion,
                 "confidence": round(e.confidence, 6), "source": e.source,
                 "probabilities": dict(zip(EMOTIONS, e.probabilities, strict=True))}
                for e in events]}))
            return
        if not events:
            typer.echo(f"{user.email}: no mood events yet")
        for e in events:
            typer.echo(f"{e.at:%Y-%m-%d %H:%M:%S}  {e.emotion:<8}  {e.confidence:5.0%}  {e.source}")


record_app = typer.Typer(help="Record a reading for an account, as the app and the API do (same gate, same "
                              "idempotency).", no_args_is_help=True)
app.add_typer(record_app, name="record")
UserOption = Annotated[str, typer.Option("--user", help="The account's e-mail.")]


def _reading_json(reading: service.StoredReading | None) -> dict[str, object]:
    if reading is None:
        return {"event_id": None, "emotion": None, "confidence": None, "stored": False}
    return {"event_id": reading.event_id, "emotion": reading.scores.emotion,
            "confidence": round(reading.scores.confidence, 6), "stored": reading.new}


@record_app.command("photo")
def record_photo(
    image: Annotated[Path, typer.Argument(help="A photo (JPEG, PNG, WebP, HEIC/HEIF, AVIF, BMP, GIF).")],
    user: UserOption,
    face: Annotated[int, typer.Option("--face", min=0, help="Which face is the user's (0: the largest).")] = 0,
    as_json: JsonOption = False,
) -> None:
    """Read a photo and record the face's reading, once per photo. An unsure face is not recorded: the output
    lists the likeliest emotions; record the right one with `moodify record confirm`."""
    from moodify.cli.vision import read_image
    from moodify.errors import ImageError, ModelError

    with opened() as ctx:
        who = service.find_account(ctx, user)
        try:
            read = service.read_photo(ctx, who, read_image(image, ctx.settings), source="upload", face=face)
        except (ImageError, ModelError) as exc:
            fail(EXIT_USAGE if isinstance(exc, ImageError) else EXIT_FAIL, str(exc))
        out = {"photo_id": read.photo_id, "face": read.face, "faces": len(read.analysis.faces),
               "needs_confirmation": read.needs_confirmation, "likeliest": list(read.likeliest),
               **_reading_json(read.reading)}
        if as_json:
            typer.echo(json.dumps(out))
        elif read.face is None:
            typer.echo(f"{image}: no face found; nothing recorded")
        elif read.needs_confirmation:
            typer.echo(f"{image}: unsure, nothing recorded; likeliest {', '.join(read.likeliest)}. Record one "
                       f"with: moodify record confirm {read.photo_id} EMOTION --user {user}")
        else:
            typer.echo(f"{image}: {out['emotion']} ({out['confidence']:.0%}) "
                       f"{'recorded' if out['stored'] else 'already recorded'}")


@record_app.command("confirm")
def record_confirm(
    photo_id: Annotated[str, typer.Argument(help="photo_id from `moodify record photo`.")],
    emotion: Annotated[str, typer.Argument(help="The emotion the face shows.")],
    user: UserOption,
    face: Annotated[int, typer.Option("--face", min=0, help="Which face (0: the largest).")] = 0,
    as_json: JsonOption = False,
) -> None:
    """Record which emotion a face in a photo shows (stored as a correction, once)."""
    with opened() as ctx:
        reading = service.confirm_face(ctx, service.find_account(ctx, user), photo_id, face, emotion)
        out = {"photo_id": photo_id, "face": face, **_reading_json(reading)}
        typer.echo(json.dumps(out) if as_json else
                   f"{reading.scores.emotion} {'recorded' if reading.new else 'already recorded'}")


@record_app.command("text")
def record_text(
    sentence: Annotated[str, typer.Argument(help="How the user feels, in English.")],
    user: UserOption,
    attempt: Annotated[str | None, typer.Option("--attempt", help="The same value on a retry records once.")]
    = None,
    as_json: JsonOption = False,
) -> None:
    """Read a sentence and record its reading."""
    from moodify.errors import ModelError, TextError

    with opened() as ctx:
        try:
            said = service.read_text(ctx, service.find_account(ctx, user), sentence, attempt=attempt)
        except (TextError, ModelError) as exc:
            fail(EXIT_USAGE if isinstance(exc, TextError) else EXIT_FAIL, str(exc))
        out = {"notices": list(said.analysis.notices), **_reading_json(said.reading)}
        typer.echo(json.dumps(out) if as_json else f"{out['emotion']} ({out['confidence']:.0%}) recorded")
