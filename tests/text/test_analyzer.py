from __future__ import annotations

import pytest

from moodify.errors import TextError
from moodify.settings import Settings
from moodify.text import analyze_text
from moodify.text.analyzer import clean, reliability
from tests.text.test_language import FOREIGN

CLEAR = {
    "happy": "I can't stop smiling, what a wonderful day! Thank you so much",
    "sad": "I miss her so much, I've been crying all night",
    "angry": "This is infuriating, stop lying to us you idiot",
    "fear": "I'm terrified of what will happen tomorrow, I'm so scared",
    "surprise": "Wow, I did not expect that at all! Really?",
    "disgust": "That is absolutely disgusting, gross, it makes me sick",
}


@pytest.mark.parametrize(("emotion", "sentence"), CLEAR.items())
def test_clear_sentences_get_their_emotion(text_settings: Settings, emotion: str, sentence: str) -> None:
    result = analyze_text(sentence, settings=text_settings)
    assert result.emotion == emotion
    assert sum(result.scores.probabilities) == pytest.approx(1.0)
    assert result.notices == ()
    assert result.reliability == 1.0


@pytest.mark.parametrize("empty", ["", "   ", "\n\t", "\x00\x01"])
def test_empty_text_is_a_clear_error(text_settings: Settings, empty: str) -> None:
    with pytest.raises(TextError, match="empty"):
        analyze_text(empty, settings=text_settings)


def test_non_string_is_refused(text_settings: Settings) -> None:
    with pytest.raises(TextError, match="string"):
        analyze_text(b"bytes", settings=text_settings)  # type: ignore[arg-type]


def test_long_text_is_cut_with_a_notice(text_settings: Settings) -> None:
    result = analyze_text("I am so happy today. " * 400, settings=text_settings)
    assert result.truncated
    assert any("characters" in n for n in result.notices)
    assert any("tokens" in n for n in result.notices)
    assert result.n_tokens == text_settings.text_max_tokens
    assert result.emotion == "happy"


def test_text_over_token_budget_but_under_char_limit(text_settings: Settings) -> None:
    result = analyze_text("so sad " * 150, settings=text_settings)
    assert result.truncated and len(result.notices) == 1 and "tokens" in result.notices[0]


@pytest.mark.parametrize("sentence", FOREIGN)
def test_other_languages_get_low_confidence_and_a_notice(text_settings: Settings, sentence: str) -> None:
    result = analyze_text(sentence, settings=text_settings)
    assert result.confidence < 0.35
    assert any("English" in n for n in result.notices)


@pytest.mark.parametrize("sentence", ["🛸🛸🛸", "!!!???", "12345"])  # emoji with no emotion word stay unread
def test_no_words_gets_low_confidence(text_settings: Settings, sentence: str) -> None:
    result = analyze_text(sentence, settings=text_settings)
    assert result.english_share is None
    assert result.confidence < 0.35 and result.notices


def test_clean_removes_control_characters() -> None:
    assert clean(" a\x00b\tc\n ") == "ab c"


def test_reliability_ramp() -> None:
    assert reliability(1.0) == 1.0
    assert reliability(0.7) == 1.0
    assert 0.15 < reliability(0.45) < 1.0
    assert reliability(0.0) == reliability(None) == 0.15


def test_to_json_has_the_cli_contract(text_settings: Settings) -> None:
    out = analyze_text("what a lovely surprise party", settings=text_settings).to_json()
    assert out["emotion"] in out["probabilities"]  # type: ignore[operator]
    assert len(out["probabilities"]) == 7  # type: ignore[arg-type]


def test_emoji_become_their_emotion_words_before_the_model() -> None:
    from moodify.text.analyzer import emoji_as_words

    assert emoji_as_words("😀🎉🥳 party time") == "happy happy happy party time"
    assert emoji_as_words("so tired 😢") == "so tired sad"
    assert emoji_as_words("❤️") == "happy"  # the variation selector goes too
    assert emoji_as_words("no emoji here") == "no emoji here"


@pytest.mark.parametrize(("sentence", "emotion"), [("😀🎉🥳 party time", "happy"), ("😭😭😭", "sad"),
                                                   ("😡😡", "angry")])
def test_emoji_only_sentences_read_as_their_emotion(text_settings: Settings, sentence: str,
                                                    emotion: str) -> None:
    assert analyze_text(sentence, settings=text_settings).emotion == emotion
