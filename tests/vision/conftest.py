"""Vision fixtures: a tiny ONNX emotion model built with onnx.helper, real photos, encoders."""

from __future__ import annotations

import io
import json
import os
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from moodify.settings import Settings
from moodify.types import EMOTIONS

REPO = Path(__file__).resolve().parents[2]


def shared_dir() -> Path:
    """``MOODIFY_SHARED_DIR`` or ``../shared`` next to the repository."""
    return Path(os.environ.get("MOODIFY_SHARED_DIR", REPO.parent / "shared")).resolve()


def build_linear_model(path: Path, weights: np.ndarray, bias: np.ndarray, *, size: int = 48,
                       batch: int | str = "N", classes: tuple[str, ...] = EMOTIONS,
                       temperature: float = 1.0, input_name: str = "input",
                       output_name: str = "logits") -> Path:
    """Write ``logits = flatten(x) @ weights + bias`` as ONNX plus its model card; returns the .onnx path."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    graph = helper.make_graph(
        [helper.make_node("Flatten", [input_name], ["flat"], axis=1),
         helper.make_node("MatMul", ["flat", "w"], ["mm"]),
         helper.make_node("Add", ["mm", "b"], [output_name])],
        "tiny_emotion",
        [helper.make_tensor_value_info(input_name, TensorProto.FLOAT, [batch, 1, size, size])],
        [helper.make_tensor_value_info(output_name, TensorProto.FLOAT, [batch, len(classes)])],
        [numpy_helper.from_array(weights.astype(np.float32), "w"),
         numpy_helper.from_array(bias.astype(np.float32), "b")],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    path.parent.mkdir(parents=True, exist_ok=True)
    onnx.save(model, str(path))
    card = {"name": "tiny-test", "arch": "linear", "input_size": size, "input_name": input_name,
            "output_name": output_name, "mean": 0.5, "std": 0.5, "margin": 0.15, "classes": list(classes),
            "temperature": temperature, "metrics": {}, "data": "none", "trained": "2026-01-01"}
    path.with_suffix(".json").write_text(json.dumps(card))
    return path


def random_weights(seed: int = 0, size: int = 48) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    return rng.normal(0, 0.02, (size * size, len(EMOTIONS))), rng.normal(0, 0.1, len(EMOTIONS))


@pytest.fixture
def tiny_model(tmp_path: Path) -> Path:
    w, b = random_weights()
    return build_linear_model(tmp_path / "model" / "emotion.onnx", w, b)


@pytest.fixture
def tiny_settings(tiny_model: Path) -> Settings:
    return Settings(model_path=tiny_model, detector="blazeface", tta=True, ort_threads=1)


def encode(array: np.ndarray, fmt: str = "JPEG", **params: object) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(array).save(buf, format=fmt, **params)
    return buf.getvalue()


@pytest.fixture
def encoder() -> Callable[..., bytes]:
    return encode


@pytest.fixture(scope="session")
def astronaut() -> np.ndarray:
    """A real photo (Eileen Collins, NASA, public domain) with exactly one face."""
    from skimage import data

    return np.ascontiguousarray(data.astronaut())


@pytest.fixture(scope="session")
def no_face_photos() -> dict[str, np.ndarray]:
    """Real photos without a human face: a cup of coffee, a rocket, a cat."""
    from skimage import data

    return {"coffee": data.coffee(), "rocket": data.rocket(), "chelsea": data.chelsea()}
