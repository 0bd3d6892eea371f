"""Sign in, create an account, or continue as a guest (who stores nothing)."""

from __future__ import annotations

import streamlit as st
import streamlit.components.v2 as components

from moodify.auth import guest_session
from moodify.ui import actions, layout
from moodify.ui.services import context
from moodify.ui.session import state


def render() -> None:
    ui = state()
    ctx = context()
    if not real_forms():  # first, so it watches before the forms appear (one quick rerun)
        st.caption("Loading the sign-in form…")
        return
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


# Streamlit draws a form as a <div>, so browsers find password fields outside any form (Chromium warns, and
# some password managers then won't offer to save). This script gives each of the page's forms a real
# <form> element and ties the inputs to it with the ``form`` attribute (React keeps owning the inputs), and
# makes the e-mail boxes type=email. Enter still submits through Streamlit's own form handling.
_REAL_FORMS_JS = """
export default function ({ setStateValue }) {
  const tie = () => {
    document.querySelectorAll("[data-testid='stForm']").forEach((box, i) => {
      const id = box.dataset.mfForm || (box.dataset.mfForm = "mf-form-" + i);
      let form = document.getElementById(id);
      if (!form) {
        form = document.createElement("form");
        form.id = id;
        form.method = "post";
        form.action = "#";
        form.hidden = true;
        form.addEventListener("submit", (e) => e.preventDefault());
        box.prepend(form);
      }
      box.querySelectorAll("input").forEach((input) => {
        if (input.getAttribute("form") !== id) input.setAttribute("form", id);
        if (input.autocomplete === "username" && input.type === "text") input.type = "email";
      });
    });
  };
  let watch = null;
  try {
    tie();
    watch = new MutationObserver(tie);
    watch.observe(document.body, { childList: true, subtree: true });
  } finally {
    setStateValue("watching", true);  // the forms appear even if this browser can't be helped
  }
  return () => watch && watch.disconnect();
}
"""
_real_forms = components.component("moodify.real_forms", js=_REAL_FORMS_JS, isolate_styles=False)


def real_forms() -> bool:
    """Mount once per page that has sign-in, sign-up or password forms, before them (see
    ``_REAL_FORMS_JS``). False until the script watches: a page in a browser draws its forms only then, or
    Chromium would find the password fields before they have a form. (Streamlit's script tests have no
    browser, so no headers, and nothing to wait for.)"""
    result = _real_forms(key="moodify-real-forms", on_watching_change=lambda: None)
    return bool(getattr(result, "watching", False)) or not st.context.headers


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
