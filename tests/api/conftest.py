"""API fixtures: an app on the in-memory store with local auth, a client, signed-up users."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from PIL import Image

from moodify.api import create_app
from moodify.settings import Settings

PASSWORD = "correct horse battery staple"


def tiny_face_model(directory: Path) -> Path:
    """A tiny linear emotion model (the vision tests' builder): API tests test the API, not accuracy."""
    from tests.vision.conftest import build_linear_model, random_weights

    return build_linear_model(directory / "emotion.onnx", *random_weights())


@pytest.fixture
def api_settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path, store="memory", auth="local", providers=["offline"],
                    api_rate_limit_per_min=10_000, model_path=tiny_face_model(tmp_path / "model"))


@pytest.fixture
def app(api_settings: Settings) -> FastAPI:
    return create_app(api_settings)


@pytest.fixture
def client(app: FastAPI) -> TestClient:
    return TestClient(app, raise_server_exceptions=False)


@pytest.fixture
def sign_up(client: TestClient) -> Callable[[str], dict[str, str]]:
    """``sign_up(email)`` -> the Authorization header of a new account."""

    def make(email: str) -> dict[str, str]:
        r = client.post("/v1/auth/signup", json={"email": email, "password": PASSWORD})
        assert r.status_code == 201, r.text
        return {"Authorization": f"Bearer {r.json()['token']}"}

    return make


@pytest.fixture
def auth(sign_up: Callable[[str], dict[str, str]]) -> dict[str, str]:
    return sign_up("ann@example.org")


def jpeg(array: np.ndarray) -> bytes:
    out = io.BytesIO()
    Image.fromarray(array).save(out, format="JPEG", quality=90)
    return out.getvalue()


@pytest.fixture(scope="session")
def face_jpeg() -> bytes:
    """A real photo with one face (Eileen Collins, NASA, public domain; shipped by scikit-image)."""
    from skimage import data

    return jpeg(np.ascontiguousarray(data.astronaut()))


@pytest.fixture(scope="session")
def no_face_jpeg() -> bytes:
    from skimage import data

    return jpeg(np.ascontiguousarray(data.coffee()))


@pytest.fixture
def client_factory(tmp_path: Path) -> Callable[..., tuple[TestClient, dict[str, str]]]:
    """``client_factory(**settings)`` -> a client on its own app and the header of a signed-up user."""

    def make(**overrides: object) -> tuple[TestClient, dict[str, str]]:
        model = tiny_face_model(tmp_path / "model")
        settings = Settings(data_dir=tmp_path, store="memory", model_path=model, **overrides)  # type: ignore[arg-type]
        client = TestClient(create_app(settings), raise_server_exceptions=False)
        r = client.post("/v1/auth/signup", json={"email": "f@example.org", "password": PASSWORD})
        return client, {"Authorization": f"Bearer {r.json()['token']}"}

    return make
