"""The app's pages and main flows, driven with Streamlit's AppTest (no browser)."""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape
from typing import Any

import pytest
import sqlalchemy as sa

from moodify.errors import NotFound
from moodify.service import Context
from moodify.store import Store
from moodify.types import Box
from moodify.ui.session import PHOTO_KEY, STATE_KEY, UIState

from .conftest import ScriptedAnalyzer, all_text, photo_bytes, scores

pytestmark = pytest.mark.slow

EMAIL = "ann@example.org"
PASSWORD = "correct horse battery"


def _button(at: Any, label: str) -> Any:
    found = [b for b in at.button if b.label == label]
    assert found, f"no button {label!r}; have {[b.label for b in at.button]}"
    return found[0]


def like_button(at: Any, track_key: str) -> Any:
    return next(b for b in at.button if b.key and b.key.startswith("like:") and b.key.endswith(track_key))


def sign_up(at: Any, email: str = EMAIL, password: str = PASSWORD) -> None:
    at.run()
    at.text_input(key="signup_email").input(email)
    at.text_input(key="signup_password").input(password)
    at.text_input(key="signup_again").input(password)
    _button(at, "Create account").click().run()
    assert not at.exception, at.exception


def upload(at: Any, data: bytes, source: str = "upload") -> None:
    at.session_state[PHOTO_KEY] = (data, source)  # what the uploader's callback does with the file
    at.run()
    assert not at.exception, at.exception


def ui_state(at: Any) -> UIState:
    value = at.session_state[STATE_KEY]
    assert isinstance(value, UIState)
    return value


def user_id(store: Store, email: str = EMAIL) -> str:
    return store.find_user(email).id


def test_welcome_page_offers_sign_in_sign_up_and_guest(make_app: Callable[[], Any]) -> None:
    at = make_app().run()
    assert not at.exception
    assert [t.label for t in at.tabs] == ["Sign in", "Create account", "Guest"]
    assert "Music for the mood" in all_text(at)
    assert {b.label for b in at.button} >= {"Sign in", "Create account", "Continue as guest"}


def test_sign_up_scan_playlist_like_then_history(make_app: Callable[[], Any], svc: Context,
                                                 analyzer: ScriptedAnalyzer) -> None:
    at = make_app()
    sign_up(at)
    assert "Scan your mood" in all_text(at)
    assert EMAIL in all_text(at)  # the header says who is signed in

    upload(at, photo_bytes())
    text = all_text(at)
    assert "happy" in text and "82% confident" in text and "Your face looked happy 82%." in text
    assert len(at.get("vega_lite_chart")) == 1  # the 7 probabilities
    assert "Your playlist" in text
    state = ui_state(at)
    assert state.playlist is not None and len(state.playlist.items) == 10
    first = state.playlist.items[0].track
    # the track card is HTML: a title or reason with '&' ("r&b") shows escaped there
    assert escape(first.title) in text and escape(state.playlist.items[0].reason) in text

    uid = user_id(svc.store)
    [event] = svc.store.list_mood_events(uid)
    assert (event.emotion, event.source) == ("happy", "upload")
    assert svc.store.list_playlists(uid) == []  # a draft until it is played or reacted to

    like_button(at, first.key).click().run()
    assert not at.exception
    assert [(f.kind, f.track_key) for f in svc.store.list_feedback(uid)] == [("like", first.key)]
    [kept] = svc.store.list_playlists(uid)
    assert kept.track_keys == tuple(i.track.key for i in state.playlist.items)

    at.switch_page("page_scripts/history.py").run()
    assert not at.exception
    text = all_text(at)
    assert "Your mood history" in text
    assert escape(first.title) in text  # under "Liked tracks"
    assert len(at.get("vega_lite_chart")) == 2  # timeline and distribution
    assert any(m.label == "Readings" and m.value == "1" for m in at.metric)
    assert re.search(r"<b>happy</b> · 82% · photo · <time", text)  # the reading named, not only a tooltip
    assert analyzer.calls == 1


def test_reruns_analyse_and_record_a_photo_once(make_app: Callable[[], Any], svc: Context,
                                                analyzer: ScriptedAnalyzer) -> None:
    at = make_app()
    sign_up(at)
    data = photo_bytes(seed=3)
    upload(at, data)
    for _ in range(3):
        at.run()
    upload(at, data)  # the same bytes handed over again
    assert analyzer.calls == 1
    uid = user_id(svc.store)
    assert len(svc.store.list_mood_events(uid)) == 1
    assert svc.store.list_playlists(uid) == []  # reruns store nothing, and a draft isn't stored

    upload(at, photo_bytes(seed=4))  # a different photo is a new reading
    assert analyzer.calls == 2
    assert len(svc.store.list_mood_events(uid)) == 2


def _row_counts(svc: Context) -> dict[str, int]:
    engine = sa.create_engine(svc.settings.sqlalchemy_url)
    with engine.connect() as conn:
        names = sa.inspect(conn).get_table_names()
        counts = {n: conn.execute(sa.text(f'SELECT COUNT(*) FROM "{n}"')).scalar_one()
                  for n in names if n != "alembic_version"}
    engine.dispose()
    return counts


def test_guest_mode_works_and_stores_nothing(make_app: Callable[[], Any], svc: Context) -> None:
    at = make_app().run()
    _button(at, "Continue as guest").click().run()
    assert "Guest mode: nothing is stored" in all_text(at)
    assert "mf-who\">Guest<" in all_text(at)  # the header says who is using it
    upload(at, photo_bytes())
    state = ui_state(at)
    assert state.playlist is not None and state.playlist.items
    track = state.playlist.items[0].track
    like_button(at, track.key).click().run()
    guest = ui_state(at).guest
    assert guest is not None  # the session's own throw-away store got the like: the ranking still learns
    assert [f.kind for f in guest.store.list_feedback(guest.user_id)] == ["like"]

    at.switch_page("page_scripts/history.py").run()
    assert not at.exception
    assert "this history lives in this tab only" in all_text(at)
    assert escape(track.title) in all_text(at)  # liked, for this session
    at.switch_page("page_scripts/settings.py").run()
    assert not at.exception
    assert "nothing stored" in all_text(at)
    assert not at.get("download_button")  # nothing to export
    counts = _row_counts(svc)
    assert counts and all(n == 0 for n in counts.values()), counts  # the database never saw the guest


def test_low_confidence_asks_and_a_correction_is_stored_and_used(make_app: Callable[[], Any], svc: Context,
                                                                 analyzer: ScriptedAnalyzer) -> None:
    analyzer.faces = [(Box(50, 50, 150, 150), scores(neutral=0.38, sad=0.34, happy=0.28))]
    at = make_app()
    sign_up(at)
    upload(at, photo_bytes())
    assert "I'm not sure about this one (38%)" in all_text(at)
    assert ui_state(at).playlist is None  # asked first: no music and no record until a tap
    assert svc.store.list_mood_events(user_id(svc.store)) == []

    chips = next(g for g in at.get("button_group") if g.key and g.key.startswith("fix:"))
    chips.set_value("sad").run()
    assert not at.exception
    text = all_text(at)
    assert "From your correction" in text
    assert ui_state(at).playlist.emotion == "sad"  # type: ignore[union-attr]
    events = svc.store.list_mood_events(user_id(svc.store))
    assert [(e.source, e.emotion) for e in events] == [("correction", "sad")]  # only what was confirmed
    at.run()  # a rerun does not store the correction again
    assert len(svc.store.list_mood_events(user_id(svc.store))) == 1


def test_non_image_upload_gives_a_clear_error_and_records_nothing(make_app: Callable[[], Any],
                                                                  svc: Context) -> None:
    at = make_app()
    sign_up(at)
    upload(at, b"%PDF-1.7 this is not a photo")
    assert len(at.error) == 1
    assert "can't be used" in at.error[0].value
    assert "Nothing was recorded" in all_text(at)
    assert svc.store.list_mood_events(user_id(svc.store)) == []
    assert ui_state(at).playlist is None


def test_a_failed_upload_keeps_the_mood_and_the_playlist(make_app: Callable[[], Any], svc: Context,
                                                        analyzer: ScriptedAnalyzer) -> None:
    """Issue 25: an unreadable file or a face-free photo after a good one empties nothing."""
    at = make_app()
    sign_up(at)
    upload(at, photo_bytes())
    before = ui_state(at)
    playlist, scan = before.playlist, before.scan
    assert playlist is not None and scan is not None
    upload(at, b"%PDF-1.7 this is not a photo")
    state = ui_state(at)
    assert state.playlist is playlist and state.scan is scan  # the same playlist: the player goes on
    assert "can't be used" in at.error[0].value and "your mood, playlist and music are as they were" in all_text(at)
    assert "Your playlist" in all_text(at) and "82% confident" in all_text(at)
    analyzer.faces = []
    upload(at, photo_bytes(seed=9))
    assert ui_state(at).playlist is playlist and "No face found" in at.error[0].value
    assert len(at.error) == 1  # the new message replaced the old one
    at.run()  # the message stays until the next photo; the file is not read again
    assert analyzer.calls == 2 and "No face found" in at.error[0].value  # the PDF never reached it
    assert len(svc.store.list_mood_events(user_id(svc.store))) == 1


def test_no_face_says_so_and_records_nothing(make_app: Callable[[], Any], svc: Context,
                                             analyzer: ScriptedAnalyzer) -> None:
    analyzer.faces = []
    at = make_app()
    sign_up(at)
    upload(at, photo_bytes(fmt="PNG"))
    assert "No face found" in at.error[0].value
    assert svc.store.list_mood_events(user_id(svc.store)) == []


def test_several_faces_use_the_largest_and_let_the_user_pick(make_app: Callable[[], Any], svc: Context,
                                                             analyzer: ScriptedAnalyzer) -> None:
    analyzer.faces = [(Box(10, 10, 200, 200), scores(happy=0.9, neutral=0.1)),
                      (Box(300, 40, 90, 90), scores(sad=0.7, neutral=0.3))]
    at = make_app()
    sign_up(at)
    upload(at, photo_bytes())
    assert "2 faces — showing the largest; tap another" in all_text(at)
    picker = next(g for g in at.get("button_group") if g.label == "Face")
    picker.set_value(1).run()
    assert not at.exception
    assert "2 faces — showing face 2; tap another" in all_text(at)
    assert ui_state(at).playlist.emotion == "sad"  # type: ignore[union-attr]
    events = svc.store.list_mood_events(user_id(svc.store))
    assert [e.emotion for e in events] == ["happy", "sad"]


def test_mode_selector_changes_the_playlist(make_app: Callable[[], Any]) -> None:
    at = make_app()
    sign_up(at)
    upload(at, photo_bytes())
    assert ui_state(at).playlist.mode == "match"  # type: ignore[union-attr]
    mode = next(g for g in at.get("button_group") if g.label == "Mode")
    mode.set_value("calm").run()
    assert not at.exception
    assert ui_state(at).playlist.mode == "calm"  # type: ignore[union-attr]


def test_settings_save_export_and_delete_account(make_app: Callable[[], Any], svc: Context) -> None:
    at = make_app()
    sign_up(at)
    upload(at, photo_bytes())
    at.switch_page("page_scripts/settings.py").run()
    assert not at.exception
    uid = user_id(svc.store)
    at.multiselect[0].set_value(["calm", "jazz"])
    at.toggle[0].set_value(True)
    _button(at, "Save").click().run()
    assert "Saved" in all_text(at)
    prefs = svc.store.get_preferences(uid)
    assert prefs.favourite_genres == ("calm", "jazz") and prefs.store_photos is True
    labels = {d.label for d in at.get("download_button")}
    assert labels == {"Download JSON", "Download CSV"}

    delete = _button(at, "Delete my account")
    assert delete.disabled
    at.text_input(key="delete_confirm").input("DELETE").run()
    _button(at, "Delete my account").click().run()
    assert not at.exception
    assert "were deleted" in all_text(at)
    assert "Music for the mood" in all_text(at)  # back on the welcome page
    with pytest.raises(NotFound):
        svc.store.get_user(uid)


def test_sign_in_wrong_password_then_right(make_app: Callable[[], Any]) -> None:
    at = make_app()
    sign_up(at)
    _button(at, "Sign out").click().run()
    assert "Music for the mood" in all_text(at)
    at.text_input(key="signin_email").input(EMAIL)
    at.text_input(key="signin_password").input("not the password")
    _button(at, "Sign in").click().run()
    assert [e.value.replace("\\", "") for e in at.error] == ["Wrong email or password."]  # no talk of waiting yet
    at.text_input(key="signin_password").input(PASSWORD)
    _button(at, "Sign in").click().run()
    assert "Scan your mood" in all_text(at)


def test_live_page_renders_and_needs_a_face_first(make_app: Callable[[], Any]) -> None:
    at = make_app()
    sign_up(at)
    at.switch_page("page_scripts/live.py").run()
    assert not at.exception
    assert "Live mood" in all_text(at)
    at.button(key="live_playlist").click().run()
    assert "No face seen yet" in all_text(at)


def test_how_do_you_feel_text_is_fused_with_the_face(make_app: Callable[[], Any], svc: Context) -> None:
    from moodify.text import TextAnalysis, fuse

    said: list[str] = []

    def fake_text(text: str, **_: Any) -> TextAnalysis:
        said.append(text)
        return TextAnalysis(scores=scores(sad=0.9, neutral=0.1), notices=("only the first 500 characters",))

    svc.analyze_text = fake_text
    at = make_app()
    sign_up(at)
    upload(at, photo_bytes())
    at.text_input(key=next(t.key for t in at.text_input if t.label.startswith("How do you feel"))).input(
        "<b>rough</b> day").run()
    assert not at.exception
    assert said == ["<b>rough</b> day"]
    text = all_text(at)
    assert "your words read sad 90%" in text and "only the first 500 characters" in text
    expected = fuse(scores(happy=0.82, neutral=0.12, surprise=0.06), scores(sad=0.9, neutral=0.1))
    playlist = ui_state(at).playlist
    assert playlist is not None and playlist.emotion == expected.emotion
    assert "Your face looked happy 82% and your words read sad 90%; together they make this mood." in text
    assert f'<div class="mf-label">{expected.emotion}</div>' in text  # the card shows what the playlist uses
    # the text itself is not recorded as a reading: only the face reading is in the history
    assert [e.source for e in svc.store.list_mood_events(user_id(svc.store))] == ["upload", "text"]  # each input once


def test_too_large_photo_is_refused_with_a_clear_message(make_app: Callable[[], Any], svc: Context) -> None:
    svc.settings = svc.settings.model_copy(update={"max_image_bytes": 10_000})
    at = make_app()
    sign_up(at)
    upload(at, photo_bytes(size=(800, 800)))
    assert "can't be used" in at.error[0].value and "MB" in at.error[0].value
    assert svc.store.list_mood_events(user_id(svc.store)) == []


def test_photos_are_kept_only_after_opting_in(make_app: Callable[[], Any], svc: Context) -> None:
    from dataclasses import replace

    at = make_app()
    sign_up(at)
    first = photo_bytes(seed=10)
    upload(at, first)
    uid = user_id(svc.store)
    assert svc.store.list_mood_events(uid)[0].photo is None  # off by default
    svc.store.set_preferences(replace(svc.store.get_preferences(uid), store_photos=True))
    second = photo_bytes(seed=11)
    upload(at, second)
    kept = [e.photo for e in svc.store.list_mood_events(uid)]
    assert kept == [None, second]


def test_a_store_that_cannot_open_is_reported_not_hidden(tmp_path: Any, caplog: pytest.LogCaptureFixture) -> None:
    from streamlit.testing.v1 import AppTest

    from moodify.settings import Settings
    from moodify.ui.services import SETTINGS_KEY

    from .conftest import APP

    at = AppTest.from_file(str(APP), default_timeout=60)
    at.session_state[SETTINGS_KEY] = Settings(data_dir=tmp_path, database_url="sqlite:////proc/nowhere/x.db")
    at.run()
    assert not at.exception
    assert "could not start its storage" in at.error[0].value and "log says why" in at.error[0].value
    assert "/proc/nowhere" not in at.error[0].value  # the path is for the operator's log, not the page
    assert any("/proc/nowhere" in r.getMessage() for r in caplog.records)
    assert not at.tabs  # no sign-in form that could only fail


def test_tell_me_without_a_photo_picked_or_written(make_app: Callable[[], Any], svc: Context,
                                                  analyzer: ScriptedAnalyzer) -> None:
    from moodify.text import TextAnalysis

    svc.analyze_text = lambda text, **_: TextAnalysis(scores=scores(fear=0.7, sad=0.3))
    at = make_app()
    sign_up(at)
    next(g for g in at.get("button_group") if g.key == "tell_pick").set_value("sad").run()
    assert not at.exception
    assert "you picked it" in all_text(at)
    assert ui_state(at).playlist.emotion == "sad"  # type: ignore[union-attr]
    at.run()  # a rerun does not record it again
    at.text_area(key="tell_text").input("a storm is coming")
    _button(at, "Read my words").click().run()
    assert "read from your words" in all_text(at)
    assert ui_state(at).playlist.emotion == "fear"  # type: ignore[union-attr]
    events = svc.store.list_mood_events(user_id(svc.store))
    assert [(e.source, e.emotion) for e in events] == [("manual", "sad"), ("text", "fear")]
    assert analyzer.calls == 0

    upload(at, photo_bytes())  # a photo afterwards takes over again
    assert "82% confident" in all_text(at) and ui_state(at).told is None


def test_tell_me_with_unreadable_words_records_nothing(make_app: Callable[[], Any], svc: Context) -> None:
    from moodify.errors import TextError

    def refuse(text: str, **_: Any) -> Any:
        raise TextError("the text is empty: write a sentence about how you feel")

    svc.analyze_text = refuse
    at = make_app()
    sign_up(at)
    _button(at, "Read my words").click().run()
    assert "Couldn't read that. The text is empty" in at.error[0].value
    assert svc.store.list_mood_events(user_id(svc.store)) == []


def test_unreadable_words_after_a_reading_keep_the_mood_and_the_playlist(make_app: Callable[[], Any],
                                                                        svc: Context) -> None:
    """Like a photo that can't be used: a sentence that can't be read leaves what the person had."""
    from moodify.errors import TextError

    def refuse(text: str, **_: Any) -> Any:
        raise TextError("the text is empty: write a sentence about how you feel")

    svc.analyze_text = refuse
    at = make_app()
    sign_up(at)
    next(g for g in at.get("button_group") if g.key == "tell_pick").set_value("sad").run()
    playlist, told = ui_state(at).playlist, ui_state(at).told
    assert playlist is not None and told is not None
    _button(at, "Read my words").click().run()
    assert "Couldn't read that. The text is empty" in at.error[0].value
    assert ui_state(at).playlist is playlist and ui_state(at).told is told  # the player goes on
    assert "your mood, playlist and music are as they were" in all_text(at) and "you picked it" in all_text(at)
    assert [e.emotion for e in svc.store.list_mood_events(user_id(svc.store))] == ["sad"]


def test_a_playlist_that_cannot_be_made_leaves_the_one_in_the_player(make_app: Callable[[], Any],
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A new reading whose playlist fails (every source down): the reading is new, the playlist stays."""
    from moodify import service
    from moodify.errors import NoTracksFound

    at = make_app()
    sign_up(at)
    next(g for g in at.get("button_group") if g.key == "tell_pick").set_value("sad").run()
    playlist = ui_state(at).playlist
    assert playlist is not None

    def down(*args: Any, **kwargs: Any) -> Any:
        raise NoTracksFound("every music source failed")

    monkeypatch.setattr(service, "draft_playlist", down)
    next(g for g in at.get("button_group") if g.key == "tell_pick").set_value("happy").run()
    assert "No playlist this time." in at.error[0].value
    assert ui_state(at).playlist is playlist and ui_state(at).told.scores.emotion == "happy"  # type: ignore[union-attr]
    assert f"Still in the player: the {len(playlist.items)} tracks for **sad**" in all_text(at)


def test_a_missing_model_is_said_and_nothing_is_recorded(make_app: Callable[[], Any], svc: Context) -> None:
    from moodify.errors import ModelError

    def broken(image: bytes, **_: Any) -> Any:
        raise ModelError("the emotion model /x/emotion.onnx does not exist")

    svc.analyze = broken
    at = make_app()
    sign_up(at)
    upload(at, photo_bytes())
    assert "The emotion model is not available" in at.error[0].value
    assert svc.store.list_mood_events(user_id(svc.store)) == []


def test_no_tracks_is_said_never_made_up(make_app: Callable[[], Any], svc: Context) -> None:
    from moodify.errors import NoTracksFound

    def empty(*_: Any, **__: Any) -> Any:
        raise NoTracksFound("no provider returned any track")

    svc.recommend = empty
    at = make_app()
    sign_up(at)
    upload(at, photo_bytes())
    assert "82% confident" in all_text(at)  # the reading is still shown (and recorded)
    assert any("No playlist this time. No music source had tracks for this right now." in e.value.replace("\\", "")
               for e in at.error)
    assert ui_state(at).playlist is None
    assert not [b for b in at.button if b.key and b.key.startswith("like:")]


def test_a_guest_who_creates_an_account_keeps_their_readings(make_app: Callable[[], Any], svc: Context) -> None:
    at = make_app().run()
    _button(at, "Continue as guest").click().run()
    upload(at, photo_bytes())
    at.switch_page("page_scripts/settings.py").run()
    assert "Keep the 1 reading of this guest session" in all_text(at)
    assert "Password: at least 10 characters" in all_text(at)  # the rule, before anything is typed
    at.text_input(key="guest_signup_email").input("kept@example.org")
    at.text_input(key="guest_signup_password").input("a long enough passphrase")
    at.text_input(key="guest_signup_again").input("a long enough passphrase!")
    _button(at, "Create account").click().run()
    assert any("The two passwords differ." in e.value.replace("\\", "") for e in at.error)  # the repeat counts
    assert ui_state(at).guest is not None
    at.text_input(key="guest_signup_again").input("a long enough passphrase")
    _button(at, "Create account").click().run()
    assert not at.exception
    user = svc.store.find_user("kept@example.org")
    assert [e.source for e in svc.store.list_mood_events(user.id)] == ["upload"]
    state = ui_state(at)
    assert state.guest is None and state.token is not None  # signed in as the new account


def test_sources_this_server_lacks_are_marked_and_never_saved_alone(make_app: Callable[[], Any],
                                                                      svc: Context) -> None:
    at = make_app().run()
    sign_up(at)
    at.switch_page("page_scripts/settings.py").run()
    captions = list(at.radio(key="music_preset").proto.captions)
    assert "Your own music folder on this server. **Not set up here.**" in captions
    assert any("(Jamendo is not set up here.)" in c for c in captions)
    assert not [c for c in captions if "MOODIFY_" in c]
    at.radio(key="music_preset").set_value("My music")
    _button(at, "Save").click().run()
    assert any(e.value.startswith("Not saved. My music is not set up on this server") for e in at.error)
    assert svc.store.get_preferences(user_id(svc.store)).providers == ()  # nothing saved
    assert "MOODIFY_" not in all_text(at)


def test_settings_offer_music_presets_and_save_the_chosen_order(make_app: Callable[[], Any], svc: Context) -> None:
    at = make_app().run()
    sign_up(at)
    at.switch_page("page_scripts/settings.py").run()
    radio = at.radio(key="music_preset")
    assert radio.value == "Recommended" and "Songs I know" in radio.options and "My music" in radio.options
    radio.set_value("Songs I know")
    _button(at, "Save").click().run()
    assert not at.exception
    assert svc.store.get_preferences(user_id(svc.store)).providers == ("deezer", "offline")
    at.switch_page("page_scripts/settings.py").run()
    assert at.radio(key="music_preset").value == "Songs I know"  # the saved choice shows again


def test_the_playlist_downloads_as_m3u8_and_xspf(make_app: Callable[[], Any], svc: Context) -> None:
    at = make_app().run()
    sign_up(at)
    upload(at, photo_bytes())
    buttons = at.get("download_button")
    labels = [b.proto.label for b in buttons]
    assert "Export M3U8" in labels and "Export XSPF" in labels


def test_a_store_failure_reads_as_a_sentence_without_the_database_address(make_app: Callable[[], Any], svc: Context,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from moodify.errors import StoreError

    at = make_app()
    sign_up(at)

    def down(user_id: str) -> None:
        raise StoreError("reading the export failed: database postgresql://moodify@10.0.0.5:5432/moodify: "
                         "server closed the connection unexpectedly")

    monkeypatch.setattr(svc.store, "export_user", down)
    at.switch_page("page_scripts/settings.py").run()
    assert not at.exception
    shown = all_text(at)
    assert "Export failed. The data store is unavailable right now" in shown.replace("\\", "")
    assert "postgresql" not in shown and "10.0.0.5" not in shown and "closed the connection" not in shown


def test_a_new_session_restores_the_last_reading_and_playlist(make_app: Callable[[], Any], svc: Context) -> None:
    """Issue 25: a reload (a new browser session, signed in again) starts where the person was."""
    at = make_app()
    sign_up(at)
    upload(at, photo_bytes())
    shown = ui_state(at).playlist
    assert shown is not None
    like_button(at, shown.items[0].track.key).click().run()  # played/reacted: kept in the store
    again = make_app()
    again.run()
    again.text_input(key="signin_email").input(EMAIL)
    again.text_input(key="signin_password").input(PASSWORD)
    _button(again, "Sign in").click().run()
    assert not again.exception
    state = ui_state(again)
    assert state.told is not None and state.told.source == "restored" and state.scan is None
    assert state.playlist is not None
    assert [i.track.key for i in state.playlist.items] == [i.track.key for i in shown.items]
    assert state.playlist_id == svc.store.list_playlists(user_id(svc.store))[0].id
    text = all_text(again)
    assert "your last reading" in text and "Your playlist" in text and escape(shown.items[0].track.title) in text
    again.run()  # reruns neither make a new playlist nor store one
    assert ui_state(again).playlist is state.playlist and len(svc.store.list_playlists(user_id(svc.store))) == 1
    assert svc.store.list_playlists(user_id(svc.store))[0].played_at is None  # a reload is no "played again"


def test_play_again_moves_a_past_playlist_to_the_top_of_history(make_app: Callable[[], Any], svc: Context) -> None:
    from moodify import service

    at = make_app()
    sign_up(at)
    ann = svc.store.find_user(EMAIL)
    old, new = (service.make_playlist(svc, ann, scores(**{emotion: 1.0}), n=3, seed=1).id
                for emotion in ("sad", "happy"))
    at.switch_page("page_scripts/history.py").run()
    assert not at.exception
    assert [e.label.split(" · ")[1] for e in at.expander] == ["😊 happy", "😢 sad"]  # newest first
    assert not any(e.label.startswith("Played again") for e in at.expander)
    at.button(key=f"again:{old}").click().run()
    assert not at.exception, at.exception
    labels = [e.label for e in at.expander]
    assert labels[0].startswith("Played again ") and "😢 sad" in labels[0]  # on top, and says so
    assert at.expander[0].proto.expanded and not at.expander[1].proto.expanded  # open: its buttons stay in view
    assert "Played again" not in labels[1] and "😊 happy" in labels[1]
    assert "played again" in all_text(at) and "Made " in all_text(at)
    record = svc.store.get_playlist(ann.id, old)  # type: ignore[arg-type]
    assert record.played_at is not None and ui_state(at).playlist_id == old
    assert svc.store.get_playlist(ann.id, new).played_at is None  # type: ignore[arg-type]
    at.run()  # a rerun plays nothing again
    assert svc.store.get_playlist(ann.id, old).played_at == record.played_at  # type: ignore[arg-type]
