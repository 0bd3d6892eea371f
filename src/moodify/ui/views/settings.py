"""Settings: default mode, favourite / blocked genres, providers, photo opt-in, export, delete account."""

from __future__ import annotations

import streamlit as st

from moodify.errors import MoodifyError, public_message
from moodify.music.presets import PRESETS, ProviderPreset, preset_for
from moodify.service.account import ChangesPasswords
from moodify.settings import Settings
from moodify.ui import actions, layout, sources
from moodify.ui.actions import Who
from moodify.ui.services import context
from moodify.ui.session import UIState, reset_user_state, state
from moodify.ui.views.account import password_rule, real_forms
from moodify.ui.views.playlist import MODES

DELETE_WORD = "DELETE"
OWN_ORDER = "My own order"
DEFAULT_CHAIN = "Recommended"


def render() -> None:
    ui = state()
    who = actions.whoami(ui, context())
    if who is None:
        st.stop()
    st.title("Settings")
    if who.guest:
        st.info("Guest mode: these settings last until you close this tab, and there is nothing stored "
                "to export or delete. Create an account below to keep your readings.")
    # Password forms below: a real <form> for each, or browsers find password fields outside any form
    forms_ready = real_forms()
    _preferences(ui, who)
    if who.guest:
        st.divider()
        _keep_as_account(ui, who, forms_ready)
        return
    if isinstance(who.ctx.auth, ChangesPasswords) and ui.token is not None:  # Firebase keeps its own
        st.divider()
        _change_password(who, ui.token, forms_ready)
    st.divider()
    _export(who)
    st.divider()
    _delete(ui, who)


def _keep_as_account(ui: UIState, who: Who, forms_ready: bool) -> None:
    st.subheader("Create an account")
    if not forms_ready:
        st.caption("Loading the form…")
        return
    count = len(actions.readings(who))
    with st.form("guest_sign_up"):  # Enter in any field submits
        email = st.text_input("E-mail", key="guest_signup_email", autocomplete="username")
        st.caption(password_rule(who.ctx.settings.min_password_length))  # before typing, not after a refusal
        password = st.text_input("Password", type="password", key="guest_signup_password",
                                 autocomplete="new-password")
        again = st.text_input("Password again", type="password", key="guest_signup_again",
                              autocomplete="new-password")
        keep = st.checkbox(f"Keep the {count} reading{'s' if count != 1 else ''} of this guest session",
                           value=True, key="guest_keep")
        if st.form_submit_button("Create account", type="primary"):
            problem = actions.guest_signs_up(ui, who, email, password, keep=keep, again=again)
            if problem:
                st.error(layout.md(problem))
            else:
                st.rerun()


def _preferences(ui: UIState, who: Who) -> None:
    prefs = actions.preferences(who)
    genres = actions.genre_choices(prefs.favourite_genres + prefs.blocked_genres)  # saved ones always render
    providers = actions.provider_choices()
    with st.form("preferences"):
        st.subheader("Preferences")
        mode = st.segmented_control("Default mode", list(MODES), format_func=MODES.__getitem__,
                                    default=prefs.default_mode)
        # What is typed matches by prefix, and there is no "Select N matches": "metal" + Enter is metal only
        # (a fuzzy match also took experimental and ambiental)
        favourite = st.multiselect("Favourite genres and moods", genres, accept_new_options=True,
                                   default=list(prefs.favourite_genres), filter_mode="prefix", select_all=False)
        blocked = st.multiselect("Never play", genres, accept_new_options=True,
                                 default=list(prefs.blocked_genres), filter_mode="prefix", select_all=False)
        labels = [DEFAULT_CHAIN] + [p.label for p in PRESETS.values()] + [OWN_ORDER]
        current = preset_for(prefs.providers)
        now = DEFAULT_CHAIN if not prefs.providers else current.label if current else OWN_ORDER
        settings = who.ctx.settings
        music = st.radio("Music", labels, index=labels.index(now), key="music_preset",
                         captions=["Songs I know first, then full free tracks, then the offline catalogue",
                                   *(_preset_caption(p, settings) for p in PRESETS.values()),
                                   "The sources below, in this order"])
        chosen = st.multiselect("Music sources (tried in this order)", providers,
                                default=[p for p in prefs.providers if p in providers],
                                format_func=lambda name: sources.label(name, settings))
        picked = next((p for p in PRESETS.values() if p.label == music), None)
        if music == DEFAULT_CHAIN:
            chosen = []  # the install's default chain
        elif picked is not None:
            chosen = list(picked.providers)
        photos = st.toggle("Keep my photos (off: photos are analysed and thrown away)",
                           value=prefs.store_photos)
        if st.form_submit_button("Save", type="primary"):
            if chosen and not [p for p in chosen if sources.set_up(p, settings)]:
                st.error(f"Not saved. {sources.names(chosen)} not set up on this server, so nothing would "
                         f"play; pick another source. (How to set it up, for whoever runs this server: "
                         f"{sources.DOCS_SECTION}.)")
                return
            problem = actions.save_preferences(who, mode=mode or "match", favourite=favourite,
                                               blocked=blocked, providers=chosen, store_photos=photos)
            if problem:
                st.error(f"Not saved. {layout.md(problem)}")
            else:
                ui.mode = None  # the saved default applies to the next playlist, not a mode picked earlier
                # Redone with these settings on the next playlist page; the player keeps the old one meanwhile,
                # so music that plays goes on playing (dropping the playlist here would stop it).
                ui.playlist_for = None
                left_out = sources.unusable(chosen, settings)
                st.success("Saved. Your next playlist uses these settings." + (
                    f" {sources.names(left_out)} not set up on this server and will be skipped."
                    if left_out else ""))


# What each preset needs that a server may lack, in words (the preset's own text may name a variable)
_PRESET_TEXT = {"songs-i-know": "Well-known songs from Deezer, as 30-second previews",
                "full-free-tracks": "Whole tracks from Audius and Jamendo (free music)",
                "my-music": "Your own music folder on this server"}


def _preset_caption(preset: ProviderPreset, settings: Settings) -> str:
    text = _PRESET_TEXT.get(preset.slug, preset.description)
    missing = sources.unusable(preset.providers, settings)
    if missing and len(missing) == len([p for p in preset.providers if p != "offline"]):
        return f"{text}. **Not set up here.**"
    if missing:
        return f"{text}. ({sources.names(missing)} not set up here.)"
    return text


def _change_password(who: Who, token: str, forms_ready: bool) -> None:
    st.subheader("Change password")
    if not forms_ready:
        st.caption("Loading the form…")
        return
    with st.form("change_password", clear_on_submit=True):  # Enter in any field submits
        current = st.text_input("Current password", type="password", key="pw_current",
                                autocomplete="current-password")
        st.caption(password_rule(who.ctx.settings.min_password_length))  # before typing, not after a refusal
        new = st.text_input("New password", type="password", key="pw_new", autocomplete="new-password")
        again = st.text_input("New password again", type="password", key="pw_again", autocomplete="new-password")
        if st.form_submit_button("Change password"):
            problem = actions.change_password(who, token, current=current, new=new, again=again)
            if problem:
                st.error(layout.md(problem))
            else:
                st.success("Password changed. You are still signed in here; every other device was signed out.")


def _export(who: Who) -> None:
    st.subheader("Your data")
    st.caption("Everything Moodify keeps about you: account, moods, playlists, likes, listening history.")
    try:
        as_json, as_csv = actions.export_data(who)
    except MoodifyError as exc:
        st.error(f"Export failed. {layout.md(public_message(exc))}")
        return
    left, right = st.columns(2)
    left.download_button("Download JSON", as_json, file_name="moodify-export.json", mime="application/json")
    right.download_button("Download CSV", as_csv, file_name="moodify-export.csv", mime="text/csv")


def _delete(ui: UIState, who: Who) -> None:
    st.subheader("Delete my account")
    st.caption("Removes your account and everything stored with it. This cannot be undone.")
    typed = st.text_input(f"Type {DELETE_WORD} to confirm", key="delete_confirm")
    if st.button("Delete my account", type="primary", disabled=typed.strip() != DELETE_WORD):
        try:
            actions.delete_account(who)
        except MoodifyError as exc:
            st.error(f"The account was not deleted. {layout.md(public_message(exc))}")
            return
        reset_user_state(ui)
        st.session_state.pop("delete_confirm", None)
        ui.notices.append("Your account and all its data were deleted.")
        st.rerun()
