"""Sign in, create an account, or continue as a guest (who stores nothing)."""

from __future__ import annotations

import streamlit as st

from moodify.auth import guest_session
from moodify.ui import actions, layout
from moodify.ui.services import context
from moodify.ui.session import state


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
            _entered(actions.sign_in(ui, ctx, email, password))
    with sign_up, st.form("sign_up"):
        email = st.text_input("E-mail", key="signup_email", autocomplete="username")
        st.caption(password_rule(ctx.settings.min_password_length))  # before typing, not after a refusal
        password = st.text_input("Password", type="password", key="signup_password", autocomplete="new-password")
        again = st.text_input("Password again", type="password", key="signup_again", autocomplete="new-password")
        if st.form_submit_button("Create account", type="primary"):
            _entered(actions.sign_up(ui, ctx, email, password, again))
    with guest:
        st.write("Try everything without an account. **Nothing you do as a guest is stored**: no photos, "
                 "no moods, no likes. Close the tab and it's gone.")
        if st.button("Continue as guest", key="guest"):
            ui.guest = guest_session()
            ui.token = None
            st.rerun()


def password_rule(min_length: int) -> str:
    """The password rule, shown where a new password is typed."""
    return (f"Password: at least {min_length} characters, not your e-mail and not a common password. "
            "A few unrelated words make a good one.")


def _entered(problem: str | None) -> None:
    """Signed in: show the app. Refused (wrong password, weak password, ...): say why, keep what was typed."""
    if problem:
        st.error(layout.md(problem))
        return
    st.rerun()
