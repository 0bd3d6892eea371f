"""The app's account pages on Firebase Authentication (the real Auth emulator from scripts/services.sh)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from moodify.service import Context, open_context
from moodify.settings import Settings
from moodify.ui.services import CONTEXT_KEY

from .conftest import APP, ScriptedAnalyzer, all_text
from .test_app import PASSWORD, _button, sign_up, ui_state

pytestmark = [pytest.mark.firebase_auth, pytest.mark.slow]


@pytest.fixture
def firebase_svc(service_address: Callable[[str, str], str], tmp_path: Path) -> Iterator[Context]:
    service_address("FIREBASE_AUTH_EMULATOR_HOST", "Firebase Auth emulator")
    project = os.environ.get("MOODIFY_TEST_FIREBASE_PROJECT", "demo-moodify")
    settings = Settings(data_dir=tmp_path, store="sql", auth="firebase", firebase_project_id=project,
                        _env_file=None)  # type: ignore[call-arg]
    svc = open_context(settings)
    svc.analyze = ScriptedAnalyzer()
    yield svc
    svc.store.close()


def test_sign_up_sign_out_sign_in_through_firebase(firebase_svc: Context) -> None:
    from streamlit.testing.v1 import AppTest

    email = f"ui-{uuid.uuid4().hex[:10]}@example.org"
    at: Any = AppTest.from_file(str(APP), default_timeout=60)
    at.session_state[CONTEXT_KEY] = firebase_svc
    sign_up(at, email=email)
    assert "Scan your mood" in all_text(at) and email in all_text(at)
    state = ui_state(at)
    assert state.token and state.token.count(".") == 2  # a Firebase ID token, verified on every run
    assert state.refresh_token
    user = firebase_svc.store.find_user(email)  # the local record is keyed by the Firebase uid
    assert firebase_svc.auth.verify(state.token).id == user.id

    _button(at, "Sign out").click().run()
    assert "Music for the mood" in all_text(at)
    at.text_input(key="signin_email").input(email)
    at.text_input(key="signin_password").input("wrong password 123")
    _button(at, "Sign in").click().run()
    assert len(at.error) == 1
    at.text_input(key="signin_password").input(PASSWORD)
    _button(at, "Sign in").click().run()
    assert "Scan your mood" in all_text(at)
