"""The app's WebSocket only from the app's own origin (issue 22, finding 2): Streamlit admits any Origin whose
host is localhost/127.0.0.1/the machine's address on any port, so a page of another local service could read
a signed-in victim's page through the socket."""

from __future__ import annotations

import pytest
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import WebSocketRoute
from starlette.testclient import TestClient
from starlette.websockets import WebSocket, WebSocketDisconnect

from moodify.ui.web_session import SocketOriginGuard


async def _echo(ws: WebSocket) -> None:
    await ws.accept()
    await ws.send_text("signed-in page")
    await ws.close()


def _client(public_url: str = "") -> TestClient:
    app = Starlette(routes=[WebSocketRoute("/_stcore/stream", _echo)],
                    middleware=[Middleware(SocketOriginGuard, public_url=public_url)])
    return TestClient(app, base_url="http://127.0.0.1:8501")


def _opens(client: TestClient, headers: dict[str, str]) -> bool:
    try:
        with client.websocket_connect("/_stcore/stream", headers=headers) as ws:
            return ws.receive_text() == "signed-in page"
    except WebSocketDisconnect:
        return False


@pytest.mark.parametrize("origin", [
    "http://127.0.0.1:9999",  # another local service on the same host
    "http://localhost:8501",  # the same port under another name is another origin
    "https://127.0.0.1:8501",  # another scheme
    "null",
    "http://evil.example",
])
def test_other_origins_are_refused(origin: str) -> None:
    assert not _opens(_client(), {"Origin": origin, "Host": "127.0.0.1:8501"})


def test_the_app_own_origin_and_clients_without_origin_are_accepted() -> None:
    client = _client()
    assert _opens(client, {"Origin": "http://127.0.0.1:8501", "Host": "127.0.0.1:8501"})
    assert _opens(client, {"Origin": "http://app.example", "Host": "app.example:80"})  # default port
    assert _opens(client, {"Host": "127.0.0.1:8501"})  # not a browser: no cookie jar to abuse


def test_the_configured_public_url_is_accepted_behind_a_proxy() -> None:
    client = _client("https://moodify.example/")
    assert _opens(client, {"Origin": "https://moodify.example", "Host": "10.0.0.5:8501"})
    assert not _opens(client, {"Origin": "https://moodify.example:8443", "Host": "10.0.0.5:8501"})
