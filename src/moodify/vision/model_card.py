"""The model card: the JSON written next to the ``.onnx`` that says how to feed and read the model."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from moodify.errors import ModelError
from moodify.types import EMOTIONS, canonical_emotion

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ModelCard:
    """Preprocessing and output layout shipped with the weights (timm's ``pretrained_cfg`` idea)."""

    name: str
    input_size: int = 48
    input_name: str = "input"
    output_name: str = "logits"
    mean: float = 0.5
    std: float = 0.5
    margin: float = 0.15
    classes: tuple[str, ...] = EMOTIONS
    temperature: float = 1.0
    tta: bool = True  # serve with flip TTA: the mode the temperature was fitted in
    arch: str = ""
    metrics: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)  # data, trained, ...: shown, not interpreted

    def __post_init__(self) -> None:
        try:
            names = [canonical_emotion(c) for c in self.classes]
        except KeyError as exc:
            raise ModelError(f"model card for {self.name!r}: {exc}") from None
        if sorted(names) != sorted(EMOTIONS):
            raise ModelError(f"model card for {self.name!r} lists classes {list(self.classes)}; "
                             f"need exactly: {', '.join(EMOTIONS)}")
        if not self.temperature > 0:
            raise ModelError(f"model card for {self.name!r}: temperature must be > 0, got {self.temperature}")
        if self.input_size < 8 or self.std <= 0:
            raise ModelError(f"model card for {self.name!r}: bad input_size/std")

    @property
    def order(self) -> list[int]:
        """Index into the model's outputs for each class of :data:`EMOTIONS`, in that order."""
        names = [canonical_emotion(c) for c in self.classes]
        return [names.index(e) for e in EMOTIONS]

    @classmethod
    def read(cls, path: Path) -> ModelCard:
        if not path.is_file():
            raise ModelError(f"the model card {path} is missing (it must sit next to the .onnx file)")
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ModelError(f"the model card {path} is not valid JSON: {exc}") from exc
        if not isinstance(raw, dict):
            raise ModelError(f"the model card {path} must be a JSON object")
        known = {"name", "input_size", "input_name", "output_name", "mean", "std", "margin", "classes",
                 "temperature", "tta", "arch", "metrics"}
        try:
            return cls(
                name=str(raw.get("name", path.stem)),
                input_size=int(raw.get("input_size", 48)),
                input_name=str(raw.get("input_name", "input")),
                output_name=str(raw.get("output_name", "logits")),
                mean=float(raw.get("mean", 0.5)),
                std=float(raw.get("std", 0.5)),
                margin=float(raw.get("margin", 0.15)),
                classes=tuple(str(c) for c in raw.get("classes", EMOTIONS)),
                temperature=float(raw.get("temperature", 1.0)),
                tta=raw.get("tta", True) is not False,  # older cards described TTA in a string
                arch=str(raw.get("arch", "")),
                metrics=dict(raw.get("metrics") or {}),
                extra={k: v for k, v in raw.items() if k not in known},
            )
        except (TypeError, ValueError) as exc:
            raise ModelError(f"the model card {path} has a field of the wrong type: {exc}") from exc
