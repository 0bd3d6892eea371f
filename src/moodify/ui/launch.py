"""``python -m moodify.ui.launch [streamlit options]``: what ``moodify serve`` runs.

Starts Streamlit on the app in this process, and meanwhile, on a background thread, builds what the
first pages need (store with its migrations, auth, the music catalog, the emotion model), so the first
page does not wait for them while the browser is still loading Streamlit's frontend.
"""

from __future__ import annotations

import logging
import socket
import sys
import threading
import time
from pathlib import Path

APP = Path(__file__).with_name("app.py")
WEB_APP = Path(__file__).with_name("web_app.py")  # APP as an st.App, with the session-cookie route
log = logging.getLogger(__name__)
# Set when a first page has been sent: the rest of the warm-up waits for it, so it doesn't compete
# (for the GIL and the CPU) with the page the first visitor is waiting for.
FIRST_PAGE_SENT = threading.Event()


def _listening(address: tuple[str, int] | None, wait_s: float) -> None:
    """Wait (at most ``wait_s``) until the server accepts connections, so start-up comes first."""
    if address is None:
        return
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(address, timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)


def warm_up(address: tuple[str, int] | None = None, wait_s: float = 10.0) -> None:
    """Build the process-wide resources once; a failure here is logged and shown by the page later.

    Order: let the server start listening; build the store and auth (the first page needs them, and
    the browser is busy loading Streamlit's frontend meanwhile); after the first page, the catalog,
    altair/pandas and the emotion model.
    """
    _listening(address, wait_s)
    try:
        from moodify.settings import get_settings
        from moodify.ui.services import context_for

        svc = context_for(get_settings())  # the first page needs these (store, auth)
        FIRST_PAGE_SENT.wait(wait_s)
        from moodify.types import EmotionScores

        svc.recommend(EmotionScores.one_hot("neutral"), "match", 10, settings=svc.settings)
        from moodify.ui import charts  # noqa: F401  (altair and pandas, for the Scan page)
        from moodify.vision.analyzer import default_classifier, default_detector

        default_detector(svc.settings)
        default_classifier(svc.settings)
    except Exception as exc:  # the page that needs it reports the problem to the person
        log.warning("warm-up stopped early: %s", exc)


def _address(options: list[str]) -> tuple[str, int] | None:
    values = dict(zip(options[::2], options[1::2], strict=False))
    try:
        return values.get("--server.address", "127.0.0.1"), int(values["--server.port"])
    except (KeyError, ValueError):
        return None


def main(options: list[str]) -> None:
    threading.Thread(target=warm_up, args=(_address(options),), name="moodify-warm-up", daemon=True).start()
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", str(WEB_APP), *options]
    cli.main()


if __name__ == "__main__":
    # Run the importable copy of this module, so the app's `FIRST_PAGE_SENT` is the one warm_up waits on.
    from moodify.ui import launch

    launch.main(sys.argv[1:])
