"""The shipped text model: encoder + tokenizer + head + English word list, described by ``card.json``."""

from __future__ import annotations

import json
import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from moodify.errors import ModelError
from moodify.settings import Settings
from moodify.text.classifier import EmotionHead
from moodify.text.encoder import SentenceEncoder
from moodify.text.language import EnglishCheck
from moodify.types import EMOTIONS

log = logging.getLogger(__name__)

SHIPPED_DIR = Path(__file__).resolve().parent / "models"
CARD = "card.json"


@dataclass(frozen=True)
class TextModelCard:
    """What ships next to the weights: file names, labels, and the figures measured at training."""

    labels: tuple[str, ...]
    encoder: str = "encoder.int8.onnx"
    tokenizer: str = "tokenizer.json"
    head: str = "head.npz"
    english_words: str = "english_words.tsv.gz"
    source: str = ""
    metrics: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def read(cls, model_dir: Path) -> TextModelCard:
        path = model_dir / CARD
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            card = cls(**{**raw, "labels": tuple(raw["labels"])})
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ModelError(f"cannot read text model card {path}: {exc}") from exc
        if card.labels != EMOTIONS:
            raise ModelError(f"text model labels {card.labels} differ from {EMOTIONS}")
        return card

    def write(self, model_dir: Path) -> Path:
        path = model_dir / CARD
        data = {**self.__dict__, "labels": list(self.labels)}
        path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        return path


@dataclass(frozen=True)
class TextModel:
    card: TextModelCard
    encoder: SentenceEncoder
    head: EmotionHead
    english: EnglishCheck
    directory: Path

    @classmethod
    def load(cls, model_dir: Path, *, max_tokens: int = 128, threads: int = 1) -> TextModel:
        card = TextModelCard.read(model_dir)
        encoder = SentenceEncoder(
            model_dir / card.encoder, model_dir / card.tokenizer, max_tokens=max_tokens, threads=threads
        )
        head = EmotionHead.load(model_dir / card.head)
        if head.n_classes != len(EMOTIONS):
            raise ModelError(f"text head has {head.n_classes} outputs, need {len(EMOTIONS)}")
        try:
            english = EnglishCheck.load(model_dir / card.english_words)
        except OSError as exc:
            raise ModelError(f"cannot read English word list in {model_dir}: {exc}") from exc
        return cls(card=card, encoder=encoder, head=head, english=english, directory=model_dir)


_cache: dict[tuple[Path, int, int], TextModel] = {}
_lock = threading.Lock()


def load_text_model(settings: Settings) -> TextModel:
    """The model ``settings`` point to, loaded once per process (loading takes ~0.3 s)."""
    key = ((settings.text_model_dir or SHIPPED_DIR).resolve(), settings.text_max_tokens, settings.ort_threads)
    with _lock:
        if key not in _cache:
            _cache[key] = TextModel.load(key[0], max_tokens=key[1], threads=key[2])
        return _cache[key]
