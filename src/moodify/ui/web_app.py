"""The app as an ASGI ``st.App``: Streamlit plus the session-cookie route (``moodify serve`` runs this)."""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from streamlit import config

from moodify.settings import get_settings
from moodify.ui.web_session import middleware, routes

app = st.App(Path(__file__).with_name("app.py"),
             routes=routes(get_settings(), str(config.get_option("server.baseUrlPath") or "")),
             middleware=middleware(get_settings()))
