from __future__ import annotations

from pathlib import Path

import pytest

from moodify.text.language import EnglishCheck, words
from moodify.text.model import TextModel

ENGLISH = ["I can't stop smiling, what a wonderful day", "This is absolutely disgusting.",
           "Wow, didn't see that coming", "I'm so scared of tomorrow's exam", "ugh, whatever"]
FOREIGN = ["Hola, ¿cómo estás? Estoy muy triste hoy", "Je suis très heureux aujourd'hui, merci beaucoup",
           "Ich bin heute sehr wütend auf dich", "Я очень счастлив сегодня", "我今天很难过",
           "今日はとても嬉しいです", "Jag är så ledsen idag"]


def test_words_are_lowercased_letter_runs_with_inner_apostrophes() -> None:
    assert words("Don't PANIC, it's 42!") == ["don't", "panic", "it's"]
    assert words("123 !!! 😀") == []


def test_build_and_load_round_trip(tmp_path: Path) -> None:
    path = EnglishCheck.build(["the cat sat", "the dog", "a cat"], tmp_path / "w.tsv.gz", min_count=2)
    check = EnglishCheck.load(path)
    assert check.vocabulary == {"the", "cat"}
    assert check.share("The cat!") == 1.0
    assert check.share("the zebra") == 0.5
    assert check.share("...") is None


@pytest.mark.parametrize("sentence", ENGLISH)
def test_shipped_list_knows_english(text_model: TextModel, sentence: str) -> None:
    share = text_model.english.share(sentence)
    assert share is not None and share >= 0.7


@pytest.mark.parametrize("sentence", FOREIGN)
def test_shipped_list_does_not_know_other_languages(text_model: TextModel, sentence: str) -> None:
    share = text_model.english.share(sentence)
    assert share is not None and share <= 0.3
