"""``analyze_text``: a sentence -> calibrated probabilities over the 7 emotions, with notices."""

from __future__ import annotations

import logging
import unicodedata
from dataclasses import dataclass

import numpy as np

from moodify.errors import TextError
from moodify.settings import Settings, get_settings
from moodify.text.model import TextModel, load_text_model
from moodify.types import EMOTIONS, EmotionScores

log = logging.getLogger(__name__)

# English share at or above which probabilities are left alone, and the least weight the model keeps.
_ENGLISH_FULL = 0.7
_ENGLISH_NONE = 0.2
_MIN_WEIGHT = 0.15


@dataclass(frozen=True)
class TextAnalysis:
    """What the text model said, and everything that limits how far to trust it."""

    scores: EmotionScores
    notices: tuple[str, ...] = ()
    truncated: bool = False
    n_tokens: int = 0
    english_share: float | None = None  # share of known English words; None: no words at all
    reliability: float = 1.0  # weight kept on the model's own probabilities (1: untouched)

    @property
    def emotion(self) -> str:
        return self.scores.emotion

    @property
    def confidence(self) -> float:
        return self.scores.confidence

    def to_json(self) -> dict[str, object]:
        return {
            "emotion": self.emotion,
            "confidence": round(self.confidence, 6),
            "probabilities": self.scores.as_dict(),
            "notices": list(self.notices),
            "truncated": self.truncated,
            "n_tokens": self.n_tokens,
            "english_share": None if self.english_share is None else round(self.english_share, 4),
            "reliability": round(self.reliability, 4),
        }


# Common emoji as the emotion word they stand for: the text model was trained on words, and an emoji-only
# sentence otherwise reads as neutral. Replaced before the model (and before the language check).
EMOJI_WORDS: dict[str, str] = {
    **dict.fromkeys("😀😃😄😁😆😊☺🙂😍🥰😘😎🤩🥳🎉🎊❤💕💖👍🙌💃🕺✨🌞", "happy"),
    **dict.fromkeys("😢😭😞😔😟🙁☹😿💔🥺😥😓", "sad"),
    **dict.fromkeys("😠😡🤬👿💢😤🖕", "angry"),
    **dict.fromkeys("😨😱😰😧😦🫣", "scared"),
    **dict.fromkeys("😮😲😯🤯😳‼⁉", "surprised"),
    **dict.fromkeys("🤢🤮😖🤧", "disgusted"),
    **dict.fromkeys("😐😑😶🙄🫤", "meh"),
}


def emoji_as_words(text: str) -> str:
    """Each emoji in :data:`EMOJI_WORDS` becomes its word (variation selectors dropped); other text stays."""
    out: list[str] = []
    for ch in text:
        if ch in ("\ufe0f", "\ufe0e"):
            continue
        word = EMOJI_WORDS.get(ch)
        out.append(f" {word} " if word else ch)
    return " ".join("".join(out).split()) if any(ch in EMOJI_WORDS for ch in text) else text


def clean(text: str) -> str:
    """Drop control characters (keep newlines/tabs as spaces) and surrounding whitespace."""
    kept = (
        " " if ch in "\n\r\t" else ch for ch in text if ch in "\n\r\t" or unicodedata.category(ch)[0] != "C"
    )
    return "".join(kept).strip()


def analyze_text(
    text: str, *, settings: Settings | None = None, model: TextModel | None = None
) -> TextAnalysis:
    """Classify one piece of text. Raises :class:`TextError` when there is nothing to read."""
    if not isinstance(text, str):
        raise TextError(f"text must be a string, got {type(text).__name__}")
    settings = settings or get_settings()
    model = model or load_text_model(settings)
    cleaned = emoji_as_words(clean(text))
    if not cleaned:
        raise TextError("the text is empty: write a sentence about how you feel")
    notices: list[str] = []
    if len(cleaned) > settings.text_max_chars:
        notices.append(
            f"text is {len(cleaned)} characters long; only the first {settings.text_max_chars} were read"
        )
        cleaned = cleaned[: settings.text_max_chars]
    encoded = model.encoder.encode([cleaned])
    truncated = encoded.truncated[0] or len(notices) > 0
    if encoded.truncated[0]:
        notices.append(
            f"only the first {model.encoder.max_tokens} tokens (about "
            f"{int(model.encoder.max_tokens * 0.75)} words) were read"
        )
    probs = model.head.probabilities(encoded.embeddings)[0]
    share = model.english.share(cleaned)
    weight = reliability(share)
    if weight < 1.0:
        # Out of its language the model's confidence means nothing; move towards uniform and say so.
        probs = weight * probs + (1.0 - weight) / len(EMOTIONS)
        notices.append(_language_notice(share))
    return TextAnalysis(
        scores=EmotionScores.from_array(np.asarray(probs)),
        notices=tuple(notices),
        truncated=truncated,
        n_tokens=encoded.n_tokens[0],
        english_share=share,
        reliability=weight,
    )


def reliability(english_share: float | None) -> float:
    """1 for English text, falling linearly to ``_MIN_WEIGHT`` for text with (almost) no English words."""
    if english_share is None:
        return _MIN_WEIGHT
    ramp = (english_share - _ENGLISH_NONE) / (_ENGLISH_FULL - _ENGLISH_NONE)
    return float(np.clip(ramp, _MIN_WEIGHT, 1.0))


def _language_notice(share: float | None) -> str:
    if share is None:
        return "the text has no words the model can read; confidence lowered"
    return (
        f"only {share:.0%} of the words look English and the text model knows only English; "
        "confidence lowered"
    )
