"""Readings: one idempotency rule, the photo opt-in, and the one current mood."""

from __future__ import annotations

from typing import Any

import pytest

from moodify import service
from moodify.errors import InvalidInput
from moodify.service import Context
from moodify.store import Preferences, User
from moodify.types import Analysis, Box, EmotionScores, Face

HAPPY = EmotionScores.from_mapping({"happy": 0.8, "neutral": 0.2})
SAD = EmotionScores.from_mapping({"sad": 0.7, "fear": 0.3})


def two_faces(data: bytes, **_: Any) -> Analysis:
    return Analysis(640, 480, (Face(Box(0, 0, 200, 200), scores=HAPPY), Face(Box(300, 0, 100, 100), scores=SAD)))


@pytest.fixture
def scripted(ctx: Context) -> Context:
    ctx.analyze = two_faces
    return ctx


def test_the_same_photo_and_face_is_one_reading_another_face_is_another(scripted: Context, ann: User) -> None:
    first = service.read_photo(scripted, ann, b"photo-bytes")
    again = service.read_photo(scripted, ann, b"photo-bytes")
    other = service.read_photo(scripted, ann, b"photo-bytes", face=1)
    assert first.reading is not None and again.reading is not None and other.reading is not None
    assert first.reading.new and not again.reading.new and first.reading.event_id == again.reading.event_id
    assert other.reading.new and other.scores == SAD
    assert [e.emotion for e in scripted.store.list_mood_events(ann.id)] == ["happy", "sad"]


def test_no_face_records_nothing_and_a_missing_face_index_is_refused(ctx: Context, ann: User) -> None:
    ctx.analyze = lambda data, **_: Analysis(10, 10, ())
    assert service.read_photo(ctx, ann, b"x").reading is None
    ctx.analyze = two_faces
    with pytest.raises(InvalidInput, match="no face 3"):
        service.read_photo(ctx, ann, b"x", face=2)
    assert ctx.store.list_mood_events(ann.id) == []


def test_photos_are_kept_only_after_opting_in(scripted: Context, ann: User) -> None:
    service.read_photo(scripted, ann, b"one")
    scripted.store.set_preferences(Preferences(user_id=ann.id, store_photos=True))
    service.read_photo(scripted, ann, b"two")
    assert [e.photo for e in scripted.store.list_mood_events(ann.id)] == [None, b"two"]


def test_corrections_and_picks_are_recorded_once_per_attempt(scripted: Context, ann: User) -> None:
    service.correct_face(scripted, ann, b"p", 0, "sad")
    service.correct_face(scripted, ann, b"p", 0, "sad")
    service.tell_emotion(scripted, ann, "angry", attempt="form-1")
    service.tell_emotion(scripted, ann, "angry", attempt="form-1")  # a retry
    service.tell_emotion(scripted, ann, "angry", attempt="form-2")  # a new submission
    sources = [e.source for e in scripted.store.list_mood_events(ann.id)]
    assert sorted(sources) == ["correction", "manual", "manual"]
    with pytest.raises(InvalidInput, match="not an emotion"):
        service.tell_emotion(scripted, ann, "bored")


def test_confidence_is_clamped_not_refused(ctx: Context, ann: User) -> None:
    over = EmotionScores((1.0 + 1e-12, 0, 0, 0, 0, 0, 0))  # float sums can land a hair above 1
    reading = service.record_reading(ctx, ann, over, "manual", "k1")
    assert ctx.store.get_mood_event(ann.id, reading.event_id).confidence == 1.0


def test_the_current_mood_says_where_it_comes_from() -> None:
    assert service.current_mood() is None
    face = service.current_mood(face=HAPPY)
    assert face is not None and face.scores == HAPPY and face.sources == ("face",)
    both = service.current_mood(face=HAPPY, text=SAD)
    assert both is not None and both.sources == ("face", "words") and both.scores not in (HAPPY, SAD)
    fixed = service.current_mood(face=HAPPY, text=SAD, correction="fear")
    assert fixed is not None and fixed.scores.emotion == "fear" and fixed.sources == ("your correction",)


def test_low_confidence_needs_confirmation_and_offers_the_likeliest() -> None:
    from moodify.service.readings import LOW_CONFIDENCE, likeliest, needs_confirmation

    unsure = EmotionScores.from_mapping({"sad": 0.22, "neutral": 0.21, "fear": 0.2, "happy": 0.19, "angry": 0.18})
    assert needs_confirmation(unsure) and not needs_confirmation(EmotionScores.one_hot("happy"))
    assert not needs_confirmation(EmotionScores.from_mapping({"sad": LOW_CONFIDENCE, "happy": 1 - LOW_CONFIDENCE}))
    assert likeliest(unsure) == ("sad", "neutral", "fear")


UNSURE = EmotionScores.from_mapping({"sad": 0.3, "neutral": 0.28, "fear": 0.22, "happy": 0.2})


def test_the_gate_records_an_unsure_face_only_once_confirmed(ctx: Context, ann: User) -> None:
    ctx.analyze = lambda data, **_: Analysis(100, 100, (Face(Box(0, 0, 50, 50), scores=UNSURE),))
    asked = service.read_photo(ctx, ann, b"unsure photo")
    assert asked.needs_confirmation and asked.reading is None and asked.scores is None
    assert asked.likeliest == ("sad", "neutral", "fear") and asked.face == 0 and asked.face_scores == UNSURE
    assert asked.photo_id == service.photo_id(b"unsure photo")
    assert ctx.store.list_mood_events(ann.id) == []
    confirmed = service.confirm_face(ctx, ann, asked.photo_id, 0, "neutral")
    assert confirmed.new and confirmed.source == "correction"
    assert not service.confirm_face(ctx, ann, asked.photo_id, 0, "neutral").new  # a retry: stored once
    # the UI's path (the bytes at hand) is the same record
    assert not service.correct_face(ctx, ann, b"unsure photo", 0, "neutral").new
    assert [(e.source, e.emotion) for e in ctx.store.list_mood_events(ann.id)] == [("correction", "neutral")]


def test_no_face_has_no_face_index(ctx: Context, ann: User) -> None:
    ctx.analyze = lambda data, **_: Analysis(10, 10, ())
    nothing = service.read_photo(ctx, ann, b"x", face=0)
    assert nothing.face is None and not nothing.needs_confirmation and nothing.face_scores is None
