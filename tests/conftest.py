"""Root fixtures shared by every part. Keep it small: parts put their own in tests/<part>/conftest.py."""

from __future__ import annotations

import os
from collections.abc import Callable

import pytest


def _service_address(env_var: str, what: str) -> str:
    value = os.environ.get(env_var, "").strip()
    if value:
        return value
    reason = f"{what} not running ({env_var} unset): start it with `scripts/services.sh start`"
    if os.environ.get("MOODIFY_REQUIRE_SERVICES") == "1":
        pytest.fail(reason + " - required because MOODIFY_REQUIRE_SERVICES=1", pytrace=False)
    pytest.skip(reason)


@pytest.fixture
def service_address() -> Callable[[str, str], str]:
    """``service_address(ENV_VAR, "what")``: the address `scripts/services.sh` wrote for a real service.

    FAILS the test when ``MOODIFY_REQUIRE_SERVICES=1`` (CI) and it is missing, otherwise skips it.
    """
    return _service_address
