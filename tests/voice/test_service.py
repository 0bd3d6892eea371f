"""read_voice: the words heard (or corrected) are read and recorded like a typed sentence, once."""

from __future__ import annotations

import pytest

from moodify.service import Context
from moodify.service.voice import NO_WORDS, NOISE, SILENCE, hear, read_voice, voice_key
from moodify.store import User
from moodify.voice import NoSpeech
from tests.voice.conftest import Says


def test_the_words_heard_are_read_and_recorded_as_text(ctx: Context, ann: User, speech: bytes) -> None:
    said = read_voice(ctx, ann, speech, transcriber=Says("what a wonderful happy day"))
    assert said.words == "what a wonderful happy day" and not said.corrected
    assert said.said.reading.scores.emotion == "happy"
    events = ctx.store.list_mood_events(ann.id)
    assert [e.source for e in events] == ["text"]


def test_the_same_recording_is_recorded_once_and_a_new_attempt_again(ctx: Context, ann: User,
                                                                     speech: bytes) -> None:
    says = Says("I am furious about this")
    first = read_voice(ctx, ann, speech, transcriber=says)
    again = read_voice(ctx, ann, speech, transcriber=says)
    assert again.said.reading.event_id == first.said.reading.event_id and not again.said.reading.new
    read_voice(ctx, ann, speech, transcriber=says, attempt="retry-2")
    assert len(ctx.store.list_mood_events(ann.id)) == 2
    assert voice_key(speech) != voice_key(speech + b"\0")


def test_a_correction_is_read_instead_of_the_transcript(ctx: Context, ann: User, speech: bytes) -> None:
    heard = hear(ctx, speech, transcriber=Says("I am so hungry today"))
    said = read_voice(ctx, ann, speech, words="I am so happy today", heard=heard)
    assert said.corrected and said.words == "I am so happy today" and said.heard.text == "I am so hungry today"
    blank = read_voice(ctx, ann, speech, words="   ", heard=heard, attempt="blank")
    assert blank.words == "I am so hungry today"  # an emptied box is no correction


def test_silence_noise_and_no_words_are_plain_refusals(ctx: Context, silence: bytes, hiss: bytes,
                                                       speech: bytes) -> None:
    says = Says("anything")
    with pytest.raises(NoSpeech, match="silent"):
        hear(ctx, silence, transcriber=says)
    with pytest.raises(NoSpeech, match="noise"):
        hear(ctx, hiss, transcriber=says)
    assert says.calls == 0  # neither reached the engine
    with pytest.raises(NoSpeech) as caught:
        hear(ctx, speech, transcriber=Says(" "))
    assert str(caught.value) == NO_WORDS and SILENCE != NOISE
