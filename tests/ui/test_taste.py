"""Stated taste (favourite / blocked genres) reaches the real ranking over the offline catalog."""

from __future__ import annotations

from collections import Counter

import moodify
from moodify.music.feedback import InMemoryFeedbackStore
from moodify.settings import Settings
from moodify.store import Preferences
from moodify.types import EmotionScores
from moodify.ui.taste import StatedTaste, recommend_with_taste

SETTINGS = Settings(providers=["offline"])
HAPPY = EmotionScores.from_mapping({"happy": 0.8, "neutral": 0.2})


def _tags(playlist: moodify.types.Playlist) -> Counter[str]:
    return Counter(t for item in playlist.items for t in item.track.tags)


def _make(prefs: Preferences, mode: str = "match") -> moodify.types.Playlist:
    taste = StatedTaste.of(InMemoryFeedbackStore(), prefs)
    return recommend_with_taste(moodify.recommend, taste, scores=HAPPY, mode=mode, n=10, user_id="u",
                                settings=SETTINGS, seed=7)


def test_blocked_words_never_appear_and_the_playlist_keeps_its_length() -> None:
    plain = _make(Preferences(user_id="u"))
    common = [t for t, _ in _tags(plain).most_common(2)]
    assert common, "the offline catalog gives tagged tracks"
    blocked = _make(Preferences(user_id="u", blocked_genres=tuple(common)))
    assert not set(common) & set(_tags(blocked))
    assert len(blocked.items) == 10


def test_a_favourite_word_shows_up_more_often() -> None:
    plain = _tags(_make(Preferences(user_id="u"), mode="calm"))
    word = "relaxing"
    liked = _tags(_make(Preferences(user_id="u", favourite_genres=(word,)), mode="calm"))
    assert liked[word] > plain[word]


def test_stated_events_never_count_as_recent_plays() -> None:
    taste = StatedTaste(InMemoryFeedbackStore(), favourite=("pop",), blocked=("metal",))
    events = taste.list_feedback("u")
    assert [(e.track_key, e.kind) for e in events] == [("pref:pop", "like"), ("pref:metal", "dislike")]
    assert all(e.at.year == 2000 for e in events)
