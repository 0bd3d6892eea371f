"""Build the any-size copies of the shipped BlazeFace ONNX files (run once by hand, see README.md).

The converted graphs fix the input to 128x128 (short range) or 192x192 (full range), and the full-range
model's three 2x upsamplings to absolute output sizes. Both are convolutional otherwise, so with the input's
height and width symbolic and the upsamplings given as scales (x2, as before) they run on any input whose
sides are multiples of 16 (short) or 32 (full) and give one anchor grid for the whole image.

    python src/moodify/vision/detectors/models/make_dynamic.py [--full]   # needs `onnx` (the dev extra)
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import onnx
from onnx import numpy_helper

HERE = Path(__file__).parent
SHORT = ("blazeface_short_range.onnx", "blazeface_short_range_any.onnx")
FULL = ("blazeface_full_range.onnx", "blazeface_full_range_any.onnx")  # measured, not shipped


def make_dynamic(model: onnx.ModelProto) -> onnx.ModelProto:
    graph = model.graph
    dims = graph.input[0].type.tensor_type.shape.dim
    dims[2].ClearField("dim_value")
    dims[2].dim_param = "height"
    dims[3].ClearField("dim_value")
    dims[3].dim_param = "width"
    for output in graph.output:  # (1, anchors, k): the anchor count now depends on the input
        output.type.tensor_type.shape.dim[1].ClearField("dim_value")
        output.type.tensor_type.shape.dim[1].dim_param = "anchors"
    del graph.value_info[:]  # the intermediate shapes were the fixed size's
    scales = numpy_helper.from_array(np.array([1.0, 1.0, 2.0, 2.0], dtype=np.float32), "upsample_x2_scales")
    graph.initializer.append(scales)
    for node in graph.node:
        if node.op_type == "Resize":  # inputs: X, roi, scales, sizes -> X, roi, scales
            del node.input[2:]
            node.input.append(scales.name)
    used = {name for node in graph.node for name in node.input}
    kept = [init for init in graph.initializer if init.name in used]
    del graph.initializer[:]
    graph.initializer.extend(kept)
    onnx.checker.check_model(model)
    return model


def main(full: bool = False) -> None:
    for source, target in (SHORT, FULL) if full else (SHORT,):
        model = make_dynamic(onnx.load(str(HERE / source)))
        onnx.save(model, str(HERE / target))
        print(target)


if __name__ == "__main__":
    import sys

    main(full="--full" in sys.argv)
