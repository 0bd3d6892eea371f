"""Sign in, create an account, or continue as a guest (who stores nothing)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from moodify.auth import guest_session
from moodify.errors import MoodifyError, public_message
from moodify.ui import actions, layout
from moodify.ui.services import context
from moodify.ui.session import UIState, state


def render() -> None:
    ui = state()
    ctx = context()
    st.title("Music for the mood you're in")
    st.caption("Moodify reads the emotion on your face (or in a sentence) and builds a playlist that "
               "matches it, lifts it or calms it.")
    sign_in, sign_up, guest = st.tabs(["Sign in", "Create account", "Guest"])
    with sign_in, st.form("sign_in"):
        # autocomplete tokens let password managers fill and save; Enter in any field submits the form
        email = st.text_input("E-mail", key="signin_email", autocomplete="username")
        password = st.text_input("Password", type="password", key="signin_password",
                                 autocomplete="current-password")
        if st.form_submit_button("Sign in", type="primary"):
            _enter(ui, lambda: ctx.auth.sign_in(email, password))
    with sign_up, st.form("sign_up"):
        email = st.text_input("E-mail", key="signup_email", autocomplete="username")
        password = st.text_input("Password", type="password", key="signup_password", autocomplete="new-password",
                                 help=f"At least {ctx.settings.min_password_length} characters.")
        again = st.text_input("Password again", type="password", key="signup_again", autocomplete="new-password")
        if st.form_submit_button("Create account", type="primary"):
            if password != again:
                st.error("The two passwords differ.")
            else:
                _enter(ui, lambda: ctx.auth.sign_up(email, password))
    with guest:
        st.write("Try everything without an account. **Nothing you do as a guest is stored**: no photos, "
                 "no moods, no likes. Close the tab and it's gone.")
        if st.button("Continue as guest", key="guest"):
            ui.guest = guest_session()
            ui.token = None
            st.rerun()


def _enter(ui: UIState, attempt: Callable[[], Any]) -> None:
    try:
        session = attempt()
    except MoodifyError as exc:  # wrong password, taken e-mail, weak password, locked out
        st.error(layout.md(public_message(exc)))
        return
    actions.signed_in(ui, session)
    st.rerun()
