"""Admin commands for accounts and storage: ``db upgrade``, ``users add|delete``, ``export``, ``history``.

Each uses the configured backends (``MOODIFY_STORE``, ``MOODIFY_DATABASE_URL``, ``MOODIFY_AUTH``).
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

from moodify.cli.app import EXIT_FAIL, EXIT_USAGE, app, fail, load_settings
from moodify.errors import AuthError, NotFound, StoreError
from moodify.settings import Settings
from moodify.store import Store, open_store

db_app = typer.Typer(help="Database schema.", no_args_is_help=True)
users_app = typer.Typer(help="Accounts.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(users_app, name="users")

JsonOption = Annotated[bool, typer.Option("--json", help="Last line of output: one JSON object.")]


@contextmanager
def _opened() -> Iterator[tuple[Settings, Store]]:
    """Settings + store; store and input errors become a message and the right exit code."""
    settings = load_settings()
    store: Store | None = None
    try:
        store = open_store(settings)
        yield settings, store
    except NotFound as exc:
        fail(EXIT_USAGE, str(exc))
    except (AuthError, ValueError) as exc:
        fail(EXIT_USAGE, str(exc))
    except StoreError as exc:
        fail(EXIT_FAIL, str(exc))
    finally:
        if store is not None:
            store.close()


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
    from moodify.auth import open_auth

    with _opened() as (settings, store):
        user = open_auth(settings, store).create_account(email, password, display_name=name)
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
    from moodify.auth.local import LocalAuth

    with _opened() as (settings, store):
        if settings.auth != "local":
            fail(EXIT_USAGE, f"passwords of {settings.auth!r} accounts are changed with that provider")
        user = store.find_user(email)
        ended = LocalAuth(settings, store).change_password(user.id, password)
        typer.echo(json.dumps({"email": user.email, "sessions_ended": ended}) if as_json
                   else f"changed the password of {user.email}; {ended} sessions ended")


@users_app.command("delete")
def users_delete(
    email: Annotated[str, typer.Argument(help="The account to delete, with all its data.")],
    as_json: JsonOption = False,
) -> None:
    """Delete an account and everything stored about it. Cannot be undone."""
    from moodify.auth import open_auth

    with _opened() as (settings, store):
        user = store.find_user(email)
        open_auth(settings, store).delete_account(user.id)
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
    from moodify.store.export import render

    fmt = fmt.lower()
    if fmt not in ("json", "csv"):
        fail(EXIT_USAGE, f"--format must be json or csv, got {fmt!r}")
    with _opened() as (_settings, store):
        export = store.export_user(store.find_user(email).id)
        text = render(export, "json" if fmt == "json" else "csv")
        try:
            out.write_text(text, encoding="utf-8")
        except OSError as exc:
            fail(EXIT_USAGE, f"cannot write {out}: {exc.strerror or exc}")
        summary = {"email": export.user.email, "out": str(out), "format": fmt,
                   "mood_events": len(export.mood_events), "playlists": len(export.playlists),
                   "feedback": len(export.feedback), "listens": len(export.listens)}
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

    with _opened() as (_settings, store):
        user = store.find_user(email)
        events = store.list_mood_events(user.id, limit=limit)
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
