"""Opening ONNX models with onnxruntime: lazily imported, thread count from Settings, clear errors."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from moodify.errors import ModelError

log = logging.getLogger(__name__)


def open_session(model: Path | bytes, *, threads: int = 1, what: str = "model", any_shape: bool = False) -> Any:
    """An ``onnxruntime.InferenceSession`` on CPU; raises :class:`ModelError` when it cannot load.

    ``any_shape``: the input's size changes from run to run (``blazeface-scales``), so ORT's per-shape memory
    plans are left off: kept per shape and per concurrent run, they raised the peak memory of many large photos
    analysed at once to the edge of its bound (tests/vision/test_image_io.py), for no measurable speed.
    """
    import onnxruntime as ort  # lazy: keeps `import moodify` fast and torch/ORT out of unrelated paths

    if isinstance(model, Path) and not model.is_file():
        raise ModelError(f"the {what} file {model} does not exist")
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = max(1, threads)
    opts.inter_op_num_threads = 1
    opts.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    opts.log_severity_level = 3
    opts.enable_mem_pattern = not any_shape  # ORT's warnings go to stderr, bypassing logging; keep errors only
    try:
        source = str(model) if isinstance(model, Path) else model
        return ort.InferenceSession(source, sess_options=opts, providers=["CPUExecutionProvider"])
    except Exception as exc:  # ORT raises its own untyped exceptions for any malformed model
        raise ModelError(f"could not load the {what} ({model if isinstance(model, Path) else 'bytes'}): "
                         f"{exc}") from exc
