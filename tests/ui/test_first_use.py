"""What a first-time user tripped over (issue 15), driven with AppTest: each test failed on the old app."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from moodify import service
from moodify.service import Context
from moodify.types import Box, EmotionScores
from moodify.ui import actions

from .conftest import ScriptedAnalyzer, all_text, photo_bytes, scores
from .test_app import _button, like_button, sign_up, ui_state, upload, user_id

pytestmark = pytest.mark.slow


def test_settings_render_saved_custom_tags_and_save_them_again(make_app: Callable[[], Any],
                                                               svc: Context) -> None:
    at = make_app()
    sign_up(at)
    user = svc.store.get_user(user_id(svc.store))
    service.save_preferences(svc, user, mode="calm", favourite=["jazz", "my own tag"], blocked=["xyzzy"],
                             providers=["offline"], store_photos=False)
    assert "xyzzy" in actions.genre_choices(("xyzzy",))
    at.switch_page("page_scripts/settings.py").run()
    assert not at.exception, at.exception
    favourite, blocked = at.multiselect[0], at.multiselect[1]
    assert favourite.value == ["jazz", "my own tag"] and blocked.value == ["xyzzy"]
    _button(at, "Save").click().run()
    assert not at.exception
    prefs = svc.store.get_preferences(user.id)
    assert prefs.blocked_genres == ("xyzzy",) and prefs.favourite_genres == ("jazz", "my own tag")
    at.switch_page("page_scripts/history.py").run()
    at.switch_page("page_scripts/settings.py").run()  # leave and come back
    assert not at.exception and at.multiselect[1].value == ["xyzzy"]


def test_a_page_that_fails_shows_a_plain_message_and_logs(make_app: Callable[[], Any],
                                                          monkeypatch: pytest.MonkeyPatch,
                                                          caplog: pytest.LogCaptureFixture) -> None:
    at = make_app()
    sign_up(at)

    def broken(_: Any) -> Any:
        raise RuntimeError("/srv/secret/moodify.db: driver exploded")

    monkeypatch.setattr(actions, "preferences", broken)
    at.switch_page("page_scripts/settings.py").run()
    assert not at.exception  # no traceback reaches the page
    text = all_text(at)
    assert "Something went wrong on this page" in text
    assert "/srv/secret" not in text and "driver" not in text
    assert any("page settings failed" in r.getMessage() for r in caplog.records)
    assert at.error and "Reference" in at.error[0].value


def test_a_saved_default_mode_applies_to_the_next_playlist_at_once(make_app: Callable[[], Any]) -> None:
    at = make_app()
    sign_up(at)
    upload(at, photo_bytes())
    assert ui_state(at).playlist.mode == "match"  # type: ignore[union-attr]
    at.switch_page("page_scripts/settings.py").run()
    at.get("button_group")[0].set_value("calm")  # the "Default mode" selector
    _button(at, "Save").click().run()
    assert "Saved" in all_text(at)
    at.switch_page("page_scripts/scan.py").run()
    upload(at, photo_bytes(seed=1))
    assert not at.exception
    assert ui_state(at).playlist.mode == "calm"  # type: ignore[union-attr]  # no sign-in again
    mode = next(g for g in at.get("button_group") if g.label == "Mode")
    mode.set_value("lift").run()  # a mode picked on the page still wins over the default
    assert ui_state(at).playlist.mode == "lift"  # type: ignore[union-attr]


def test_history_shows_titles_plays_a_past_playlist_again_and_exports_it(make_app: Callable[[], Any],
                                                                         svc: Context) -> None:
    at = make_app()
    sign_up(at)
    upload(at, photo_bytes())
    shown = ui_state(at).playlist
    assert shown is not None
    first = shown.items[0].track
    like_button(at, first.key).click().run()  # a reaction keeps the playlist in History
    upload(at, photo_bytes(seed=2))  # a second playlist replaces the first on screen
    _button(at, "New playlist").click().run()  # made on purpose: kept at once
    assert not at.exception
    at.switch_page("page_scripts/history.py").run()
    assert not at.exception
    text = all_text(at)
    assert layout_escaped(first.title) in text and layout_escaped(first.artist) in text
    assert first.key not in text  # no raw ids
    again = [b for b in at.button if b.label == "▶ Play again"]
    assert len(again) == 2
    exports = at.get("download_button")
    assert {d.label for d in exports} == {"Export M3U8", "Export XSPF"} and len(exports) == 4
    again[1].click().run()  # the older playlist (newest first)
    assert not at.exception
    state = ui_state(at)
    assert state.playlist is not None and [i.track.key for i in state.playlist.items] == [
        i.track.key for i in shown.items]
    oldest = min(svc.store.list_playlists(user_id(svc.store)), key=lambda p: p.at)
    assert state.playlist_id == oldest.id  # feedback on a replay goes to the playlist it was shown in
    assert all(i.track.stream_url and "trackid=" in i.track.stream_url for i in state.playlist.items)


def test_a_past_playlist_exports_as_m3u8_and_xspf_with_titles(svc: Context) -> None:
    """The History page's Export buttons: the stored playlist's file, streams resolved when clicked."""
    from moodify.ui import playback
    from moodify.ui.actions import Who

    user = svc.auth.sign_up("exporter@example.org", "correct horse battery").user
    who = Who(user=user, ctx=svc)
    made = service.make_playlist(svc, user, EmotionScores.one_hot("sad"), mode="lift", n=3)
    first = made.playlist.items[0].track
    m3u = playback.export(who, "m3u8", playlist_id=made.id)()
    assert m3u.startswith("#EXTM3U") and f"{first.artist} - {first.title}" in m3u
    assert first.stream_url is not None and first.stream_url in m3u
    xspf = playback.export(who, "xspf", playlist_id=made.id)()
    assert f"<title>{esc_xml(first.title)}</title>" in xspf


def esc_xml(text: str) -> str:
    from xml.sax.saxutils import escape

    return escape(text)


def layout_escaped(text: str) -> str:
    from moodify.ui.layout import esc

    return esc(text)


def _card(at: Any) -> str:
    return next(b for b in all_text(at).split("\n") if 'data-testid="mf-mood"' in b)


def test_the_card_is_the_playlists_mood_after_a_correction_and_words_replace_it(
        make_app: Callable[[], Any], svc: Context) -> None:
    from moodify.text import TextAnalysis

    svc.analyze_text = lambda text, **_: TextAnalysis(scores=scores(sad=0.9, neutral=0.1), notices=())
    at = make_app()
    sign_up(at)
    upload(at, photo_bytes())  # happy 82 %
    chips = next(g for g in at.get("button_group") if g.key and g.key.startswith("fix:"))
    chips.set_value("angry").run()
    assert not at.exception
    card = _card(at)
    assert ">angry<" in card and "From your correction (your face looked happy 82%)" in card
    assert ui_state(at).playlist.emotion == "angry"  # type: ignore[union-attr]
    feel = next(t for t in at.text_input if t.label.startswith("How do you feel"))
    feel.input("my dog died").run()
    assert not at.exception
    text = all_text(at)
    assert "replace your correction to angry" in text  # not silently ignored
    playlist = ui_state(at).playlist
    assert playlist is not None and playlist.emotion != "angry"
    assert f">{playlist.emotion}<" in _card(at)  # the card and the playlist agree


def test_an_unsure_reading_records_only_the_tapped_emotion(make_app: Callable[[], Any], svc: Context,
                                                           analyzer: ScriptedAnalyzer) -> None:
    analyzer.faces = [(Box(10, 10, 40, 40), scores(sad=0.22, neutral=0.21, fear=0.2, happy=0.19, angry=0.18))]
    at = make_app()
    sign_up(at)
    upload(at, photo_bytes())
    text = all_text(at)
    assert text.count("I'm not sure") == 1 and "Not right?" not in text  # one prompt, not two
    chips = next(g for g in at.get("button_group") if g.key and g.key.startswith("fix:"))
    assert [str(o).split()[-1] for o in chips.options] == ["sad", "neutral", "fear"]  # the likeliest three
    assert ui_state(at).playlist is None and svc.store.list_mood_events(user_id(svc.store)) == []
    chips.set_value("neutral").run()
    assert not at.exception
    events = svc.store.list_mood_events(user_id(svc.store))
    assert [(e.source, e.emotion) for e in events] == [("correction", "neutral")]
    assert ui_state(at).playlist.emotion == "neutral"  # type: ignore[union-attr]
    assert "Matches" not in _card(at) and ">neutral<" in _card(at)


def test_tell_me_reads_5000_pasted_characters_and_clears_the_picked_pill(make_app: Callable[[], Any],
                                                                         svc: Context) -> None:
    from moodify.text import TextAnalysis

    said: list[str] = []

    def fake(text: str, **_: Any) -> TextAnalysis:
        said.append(text)
        return TextAnalysis(scores=scores(sad=0.8, neutral=0.2))

    svc.analyze_text = fake
    at = make_app()
    sign_up(at)
    pick = next(g for g in at.get("button_group") if g.key == "tell_pick")
    pick.set_value("happy").run()
    pasted = ("a long and rainy week " * 250)[:5000]
    at.text_area(key="tell_text").input(pasted)
    _button(at, "Read my words").click().run()
    assert not at.exception
    assert said == [pasted]  # all of it reached the reader
    assert "all 5,000 characters" in all_text(at)
    assert next(g for g in at.get("button_group") if g.key == "tell_pick").value is None  # no stale pill
    assert ui_state(at).playlist.emotion == "sad"  # type: ignore[union-attr]


def test_sign_in_and_sign_up_are_forms_password_managers_understand(make_app: Callable[[], Any]) -> None:
    at = make_app().run()
    tokens = {t.key: t.proto.autocomplete for t in at.text_input}
    assert tokens == {"signin_email": "username", "signin_password": "current-password",
                      "signup_email": "username", "signup_password": "new-password",
                      "signup_again": "new-password"}
    forms = {f.proto.form_id for f in at.text_input}  # in a form, Enter submits
    assert forms == {"sign_in", "sign_up"}


def test_the_no_camera_hint_is_in_the_camera_tab_only(make_app: Callable[[], Any]) -> None:
    at = make_app()
    sign_up(at)
    camera = at.tabs[1]
    assert any("No camera?" in c.value for c in camera.caption)
    outside = [n for n in at.info if "No camera" in n.value]
    assert not outside and not any("No camera" in c.value for c in at.tabs[2].caption)
