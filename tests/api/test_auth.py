from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from fastapi.testclient import TestClient

from moodify.api import create_app
from moodify.settings import Settings
from tests.api.conftest import PASSWORD, tiny_face_model

PROBLEM = "application/problem+json"


def test_signup_signin_signout_cycle(client: TestClient) -> None:
    r = client.post("/v1/auth/signup", json={"email": "Bo@Example.org", "password": PASSWORD})
    assert r.status_code == 201
    assert r.json()["user"]["email"] == "bo@example.org"
    r = client.post("/v1/auth/signin", json={"email": "bo@example.org", "password": PASSWORD})
    assert r.status_code == 200 and r.json()["token_type"] == "bearer"
    headers = {"Authorization": f"Bearer {r.json()['token']}"}
    assert client.get("/v1/history", headers=headers).status_code == 200
    assert client.post("/v1/auth/signout", headers=headers).status_code == 204
    r = client.get("/v1/history", headers=headers)
    assert r.status_code == 401 and "revoked" in r.json()["detail"]


def test_wrong_password_is_401_problem(client: TestClient, sign_up: Callable[[str], dict[str, str]]) -> None:
    sign_up("cy@example.org")
    r = client.post("/v1/auth/signin", json={"email": "cy@example.org", "password": "wrong password!!"})
    assert r.status_code == 401
    assert r.headers["content-type"] == PROBLEM
    assert r.headers["www-authenticate"] == "Bearer"
    unknown = client.post("/v1/auth/signin", json={"email": "nobody@example.org", "password": "wrong password!!"})
    assert unknown.json()["detail"] == r.json()["detail"]  # no hint which emails exist


def test_weak_password_taken_email_and_bad_email_are_400(client: TestClient) -> None:
    assert client.post("/v1/auth/signup", json={"email": "d@example.org", "password": "short"}).status_code == 400
    assert client.post("/v1/auth/signup", json={"email": "not-an-email", "password": PASSWORD}).status_code == 400
    assert client.post("/v1/auth/signup", json={"email": "d@example.org", "password": PASSWORD}).status_code == 201
    other = client.post("/v1/auth/signup", json={"email": "d@example.org", "password": PASSWORD + " other"})
    assert other.status_code == 400 and "exists" not in other.json()["detail"]  # doesn't say it is taken
    # The owner is unharmed; their own password through sign-up is just a sign-in.
    assert client.post("/v1/auth/signin", json={"email": "d@example.org", "password": PASSWORD}).status_code == 200
    assert client.post("/v1/auth/signup", json={"email": "d@example.org", "password": PASSWORD}).status_code == 201


def test_password_change_ends_the_other_sessions(client: TestClient) -> None:
    first = client.post("/v1/auth/signup", json={"email": "p@example.org", "password": PASSWORD}).json()["token"]
    second = client.post("/v1/auth/signin", json={"email": "p@example.org", "password": PASSWORD}).json()["token"]
    new = PASSWORD + " renewed"
    wrong = client.post("/v1/auth/password", json={"current_password": "nope", "new_password": new},
                        headers={"Authorization": f"Bearer {second}"})
    assert wrong.status_code == 400
    r = client.post("/v1/auth/password", json={"current_password": PASSWORD, "new_password": new},
                    headers={"Authorization": f"Bearer {second}"})
    assert r.status_code == 204, r.text
    assert client.get("/v1/history", headers={"Authorization": f"Bearer {first}"}).status_code == 401
    assert client.get("/v1/history", headers={"Authorization": f"Bearer {second}"}).status_code == 200
    assert client.post("/v1/auth/signin", json={"email": "p@example.org", "password": PASSWORD}).status_code == 401
    assert client.post("/v1/auth/signin", json={"email": "p@example.org", "password": new}).status_code == 200


def test_busy_password_hashing_is_503_with_retry_after(api_settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from moodify.api import create_app
    from moodify.auth.local import LocalAuth
    from moodify.auth.passwords import HashGate
    from moodify.store.memory import MemoryStore

    store = MemoryStore()
    gate = HashGate(1, timeout_s=0.05)
    app = create_app(api_settings, store=store, auth_backend=LocalAuth(api_settings, store, gate=gate))
    busy = TestClient(app, raise_server_exceptions=False)
    with gate:  # every slot taken
        r = busy.post("/v1/auth/signin", json={"email": "q@example.org", "password": PASSWORD})
    assert r.status_code == 503 and int(r.headers["retry-after"]) >= 1


def test_user_endpoints_need_a_valid_token(client: TestClient) -> None:
    for method, path in [("get", "/v1/history"), ("get", "/v1/recommendations?emotion=sad"),
                         ("post", "/v1/emotion/text"), ("post", "/v1/feedback"), ("post", "/v1/auth/signout")]:
        r = getattr(client, method)(path)
        assert r.status_code == 401, path
        assert r.headers["content-type"] == PROBLEM
        forged = getattr(client, method)(path, headers={"Authorization": "Bearer forged-token"})
        assert forged.status_code == 401, path


def test_each_user_sees_only_their_own_history(client: TestClient, sign_up: Callable[[str], dict[str, str]]) -> None:
    ann, bob = sign_up("ann2@example.org"), sign_up("bob@example.org")
    assert client.post("/v1/emotion/text", json={"text": "I am so happy today"}, headers=ann).status_code == 200
    key = client.post("/v1/playlists", json={"emotion": "happy", "n": 1}, headers=ann).json()["tracks"][0]["key"]
    assert client.post("/v1/feedback", json={"track_key": key, "kind": "like"}, headers=ann).status_code == 201
    mine = client.get("/v1/history", headers=ann).json()
    theirs = client.get("/v1/history", headers=bob).json()
    assert len(mine["moods"]) == 1 and len(mine["feedback"]) == 1 and len(mine["playlists"]) == 1
    assert theirs == {"moods": [], "playlists": [], "feedback": []}


def test_works_on_the_default_sqlite_store(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, store="sql", auth="local", model_path=tiny_face_model(tmp_path / "m"))
    client = TestClient(create_app(settings))
    r = client.post("/v1/auth/signup", json={"email": "sql@example.org", "password": PASSWORD})
    headers = {"Authorization": f"Bearer {r.json()['token']}"}
    assert client.post("/v1/emotion/text", json={"text": "so happy for you"}, headers=headers).status_code == 200
    assert (tmp_path / "moodify.db").is_file()
    assert client.get("/v1/history", headers=headers).json()["moods"][0]["emotion"] == "happy"
