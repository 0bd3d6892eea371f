"""Photo -> faces -> emotions. ``import moodify.vision`` is cheap: the pieces load on first use.

Public names: :func:`analyze` (bytes), :func:`analyze_array` (RGB array), :func:`load_image`,
:class:`EmotionClassifier`, :func:`create_detector`.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_LAZY = {
    "analyze": "moodify.vision.analyzer",
    "analyze_array": "moodify.vision.analyzer",
    "load_image": "moodify.vision.image_io",
    "EmotionClassifier": "moodify.vision.classifier",
    "create_detector": "moodify.vision.detectors.base",
}

__all__ = sorted(_LAZY)


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'moodify.vision' has no attribute {name!r}")
