"""Does this browser have a camera at all? Asked before the Live page starts streamlit-webrtc.

streamlit-webrtc, started on a device without a camera, shows the browser's raw ``NotFoundError`` inside
its frame, where the page can't reword it. So the page asks first (``enumerateDevices`` needs no
permission and lists each kind of device that exists) and says it in plain words instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

import streamlit as st

PROBE_KEY = "moodify_camera_probe"

_JS = """
export default function ({ parentElement, setStateValue }) {
  if (parentElement.__moodifyProbed) return;  // once per page: a rerun doesn't ask again
  parentElement.__moodifyProbed = true;
  const devices = navigator.mediaDevices;
  if (!devices || !devices.enumerateDevices) { setStateValue("cameras", 0); return; }
  devices.enumerateDevices()
    .then((all) => setStateValue("cameras", all.filter((d) => d.kind === "videoinput").length))
    .catch(() => setStateValue("cameras", -1));  // unknown: let streamlit-webrtc try
}
"""


@cache
def _mount() -> Any:
    return st.components.v2.component("moodify.camera_probe", html="<span></span>", js=_JS)


def camera_count() -> int | None:
    """How many cameras the browser reports: None until it answered, -1 when it could not tell."""
    _mount()(key=PROBE_KEY, on_cameras_change=lambda: None)
    current = st.session_state.get(PROBE_KEY)
    value = current.get("cameras") if isinstance(current, Mapping) else None
    return value if isinstance(value, int) else None
