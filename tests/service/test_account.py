"""Preferences, history, export and deletion."""

from __future__ import annotations

import json

import pytest

from moodify import service
from moodify.auth import guest_session
from moodify.errors import InvalidInput, MoodifyError, NotFound
from moodify.service import Context
from moodify.store import User
from tests.service.conftest import PASSWORD


def test_preferences_are_cleaned_and_contradictions_refused(ctx: Context, ann: User) -> None:
    saved = service.save_preferences(ctx, ann, mode="lift", favourite=[" Jazz", "jazz", "xyzzy"],
                                     blocked=["Metal"], providers=["offline"], store_photos=True)
    assert saved.favourite_genres == ("jazz", "xyzzy") and saved.blocked_genres == ("metal",)
    assert service.preferences(ctx, ann) == saved
    for bad, says in [({"favourite": ["rock"], "blocked": ["rock"]}, "both"),
                      ({"providers": ["napster"]}, "unknown music source"),
                      ({"mode": "shuffle"}, "unknown mode"),
                      ({"blocked": ["a\x00b"]}, "not a genre")]:
        args = {"mode": "match", "favourite": [], "blocked": [], "providers": [], "store_photos": False} | bad
        with pytest.raises(InvalidInput, match=says):
            service.save_preferences(ctx, ann, **args)  # type: ignore[arg-type]
    assert service.preferences(ctx, ann) == saved  # nothing half-saved


def test_export_in_both_formats_and_delete(ctx: Context, ann: User) -> None:
    service.tell_emotion(ctx, ann, "sad")
    as_json = service.export_user(ctx, ann, "json")
    as_csv = service.export_user(ctx, ann, "csv")
    assert json.loads(as_json.content)["mood_events"][0]["emotion"] == "sad"
    assert as_csv.media_type == "text/csv" and "sad" in as_csv.content
    service.delete_account(ctx, ann)
    with pytest.raises(NotFound):
        ctx.store.get_user(ann.id)


def test_a_guest_has_no_account_to_delete(ctx: Context) -> None:
    guest = guest_session()
    with pytest.raises(MoodifyError, match="guest"):
        service.delete_account(ctx.for_guest(guest), guest.session.user)


def test_history_is_newest_playlists_first(ctx: Context, ann: User) -> None:
    from moodify.types import EmotionScores

    a = service.make_playlist(ctx, ann, EmotionScores.one_hot("sad"), n=3, seed=1)
    b = service.make_playlist(ctx, ann, EmotionScores.one_hot("happy"), n=3, seed=1)
    past = service.history(ctx, ann)
    assert [p.id for p in past.playlists] == [b.id, a.id]


def test_a_guest_who_signs_up_keeps_their_readings_once(ctx: Context) -> None:
    guest = guest_session()
    as_guest = ctx.for_guest(guest)
    service.tell_emotion(as_guest, guest.session.user, "sad", attempt="1")
    service.tell_emotion(as_guest, guest.session.user, "happy", attempt="2")
    user = ctx.auth.sign_up("new@example.org", "correct horse battery staple").user
    assert service.adopt_guest_readings(ctx, user, as_guest, guest.session.user) == 2
    assert service.adopt_guest_readings(ctx, user, as_guest, guest.session.user) == 0  # a retried click
    assert sorted(e.emotion for e in ctx.store.list_mood_events(user.id)) == ["happy", "sad"]


def test_sign_up_in_and_out_and_the_password_through_the_service(ctx: Context) -> None:
    from moodify.errors import AuthError

    with pytest.raises(InvalidInput, match="differ"):
        service.sign_up(ctx, "bo@example.org", PASSWORD, again=PASSWORD + "!")
    session = service.sign_up(ctx, "bo@example.org", PASSWORD, again=PASSWORD)
    other = service.sign_in(ctx, "bo@example.org", PASSWORD)
    with pytest.raises(InvalidInput, match="differ"):
        service.change_password(ctx, session.user, current=PASSWORD, new="a new passphrase here", again="x")
    with pytest.raises(AuthError, match="current password"):
        service.change_password(ctx, session.user, current="wrong one!", new="a new passphrase here")
    ended = service.change_password(ctx, session.user, current=PASSWORD, new="a new passphrase here",
                                    keep_token=session.token)
    assert ended == 1 and ctx.auth.verify(session.token) == session.user
    with pytest.raises(AuthError):
        ctx.auth.verify(other.token)  # every other session ended
    service.sign_out(ctx, session.token)
    with pytest.raises(AuthError):
        ctx.auth.verify(session.token)
    assert service.find_account(ctx, "BO@example.org").id == session.user.id
    with pytest.raises(NotFound, match=r"no account with e-mail x@example\.org"):
        service.find_account(ctx, "x@example.org")


def test_a_guest_who_signs_up_keeps_the_readings_once(ctx: Context) -> None:
    guest = guest_session()
    gctx = ctx.for_guest(guest)
    service.tell_emotion(gctx, guest.session.user, "happy", attempt="a")
    adopted = service.sign_up_guest(ctx, gctx, guest.session.user, "gu@example.org", PASSWORD, keep=True)
    assert adopted.kept == 1
    assert [e.emotion for e in ctx.store.list_mood_events(adopted.session.user.id)] == ["happy"]


def test_delete_needs_the_confirmation_word(ctx: Context, ann: User) -> None:
    with pytest.raises(InvalidInput, match=r"[Tt]ype DELETE"):
        service.delete_account(ctx, ann, confirm="yes")
    assert ctx.store.get_user(ann.id) == ann
    service.delete_account(ctx, ann, confirm="DELETE")
    with pytest.raises(NotFound):
        ctx.store.get_user(ann.id)


def test_an_unknown_export_format_is_invalid_input(ctx: Context, ann: User) -> None:
    with pytest.raises(InvalidInput, match="json or csv"):
        service.export_user(ctx, ann, "xml")
