"""What a first-time user still tripped over (issue 15 items 7, 10, 13; issue 14 item 9), driven with AppTest.

Each test failed on the app before these changes; the browser parts are in ``test_browser.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from moodify.errors import AuthError
from moodify.service import Context

from .conftest import all_text, photo_bytes
from .test_app import EMAIL, PASSWORD, _button, sign_up, ui_state, upload, user_id
from .test_player import playlist, track

pytestmark = pytest.mark.slow

NEW_PASSWORD = "a brand new passphrase"


def _change(at: Any, current: str, new: str, again: str | None = None) -> None:
    at.text_input(key="pw_current").input(current)
    at.text_input(key="pw_new").input(new)
    at.text_input(key="pw_again").input(new if again is None else again)
    _button(at, "Change password").click().run()
    assert not at.exception, at.exception


def test_change_password_keeps_this_session_and_ends_the_others(make_app: Callable[[], Any],
                                                                 svc: Context) -> None:
    at = make_app()
    sign_up(at)
    other = svc.auth.sign_in(EMAIL, PASSWORD)  # the same account on another device
    at.switch_page("page_scripts/settings.py").run()
    assert not at.exception
    fields = {t.key: (t.proto.autocomplete, t.proto.form_id) for t in at.text_input if t.key.startswith("pw_")}
    assert fields == {"pw_current": ("current-password", "change_password"),
                      "pw_new": ("new-password", "change_password"),
                      "pw_again": ("new-password", "change_password")}  # a form: Enter submits

    _change(at, "not my password", NEW_PASSWORD)
    assert any("current password is wrong" in e.value for e in at.error)  # a plain message, no traceback
    svc.auth.verify(other.token)  # nothing changed yet

    _change(at, PASSWORD, NEW_PASSWORD, again="a different passphrase")
    assert any("differ" in e.value for e in at.error)

    _change(at, PASSWORD, NEW_PASSWORD)
    assert "Password changed" in all_text(at)
    with pytest.raises(AuthError):
        svc.auth.verify(other.token)  # the other device is signed out
    with pytest.raises(AuthError):
        svc.auth.sign_in(EMAIL, PASSWORD)  # the old password no longer works
    assert svc.auth.sign_in(EMAIL, NEW_PASSWORD).user.id == user_id(svc.store)
    at.switch_page("page_scripts/history.py").run()  # this session is still signed in
    assert not at.exception and "Your mood history" in all_text(at)


def test_guests_get_no_change_password_form(make_app: Callable[[], Any]) -> None:
    at = make_app().run()
    _button(at, "Continue as guest").click().run()
    at.switch_page("page_scripts/settings.py").run()
    assert not at.exception
    assert "Change password" not in all_text(at)
    assert not [t for t in at.text_input if t.key and t.key.startswith("pw_")]


def test_saving_settings_keeps_the_playing_playlist_and_the_new_default_applies_at_once(
        make_app: Callable[[], Any]) -> None:
    at = make_app()
    sign_up(at)
    upload(at, photo_bytes())
    before = ui_state(at).playlist
    assert before is not None and before.mode == "match"
    at.switch_page("page_scripts/settings.py").run()
    at.get("button_group")[0].set_value("lift")  # the "Default mode" selector
    _button(at, "Save").click().run()
    assert not at.exception
    assert ui_state(at).playlist is before  # the player keeps its queue: music that plays goes on
    at.switch_page("page_scripts/scan.py").run()  # the same photo, no new upload
    assert not at.exception
    after = ui_state(at).playlist
    assert after is not None and after.mode == "lift"
    mode = next(g for g in at.get("button_group") if g.label == "Mode")
    assert mode.value == "lift"


def test_events_about_the_track_carried_over_a_new_playlist_still_count() -> None:
    from moodify.ui.components.player import CARRIED_INDEX, carried_track, new_events, parse_event

    old, new = playlist(track(1), track(2)), playlist(track(3), track(4))
    carried = carried_track(old, new, "offline:2", None)
    assert carried == track(2)
    assert carried_track(old, playlist(track(2), track(5)), "offline:2", None) is None  # the new one has it
    assert carried_track(None, playlist(track(6)), "offline:2", carried) == carried  # carried on again
    assert carried_track(old, new, None, None) is None
    liked = parse_event({"kind": "like", "key": "offline:2", "index": CARRIED_INDEX}, new, carried)
    assert liked is not None and liked.track == track(2)  # type: ignore[union-attr]
    assert parse_event({"kind": "like", "key": "offline:1", "index": CARRIED_INDEX}, new, carried) is None
    assert parse_event({"kind": "like", "key": "offline:2", "index": CARRIED_INDEX}, new, None) is None
    log = {"sid": "s", "events": [{"n": 1, "kind": "play", "key": "offline:2", "index": -1, "seconds": 5},
                                  {"n": 2, "kind": "start", "key": "offline:3", "index": 0}]}
    events, _ = new_events(log, new, ("s", 0), carried)
    assert [(e.kind, e.track.key) for e in events] == [("play", "offline:2"), ("start", "offline:3")]
