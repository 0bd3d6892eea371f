"""Text -> emotion (all-MiniLM-L6-v2 int8 ONNX + a trained head) and fusion with the face's emotion.

Public surface: :func:`analyze_text`, :class:`TextAnalysis`, :func:`fuse`, :class:`FusedScores`.
onnxruntime and tokenizers are imported only when a model is loaded.
"""

from __future__ import annotations

from moodify.text.analyzer import TextAnalysis, analyze_text
from moodify.text.fusion import FusedScores, fuse

__all__ = ["FusedScores", "TextAnalysis", "analyze_text", "fuse"]
