"""Reasons a person reads; numbers kept for the details toggle; functional tags are not moods."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from moodify.music.catalog import load_catalog
from moodify.music.chain import ProviderChain
from moodify.music.explain import feel
from moodify.music.pipeline import recommend
from moodify.music.tags import FUNCTIONAL_TAGS
from moodify.types import EmotionScores

from .fakes import make_settings

SETTINGS = make_settings(Path("/nonexistent-moodify-test"))
CHAIN = ProviderChain.from_names(["offline"], SETTINGS)
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def test_feel_words() -> None:
    assert feel(0.6, -0.6) == "Calm and bright"
    assert feel(-0.6, 0.7) == "Lively and sombre"
    assert feel(0.0, 0.0) == "Even and unhurried"


def test_reasons_are_sentences_without_numbers() -> None:
    pl = recommend(EmotionScores.one_hot("sad"), "lift", 10, settings=SETTINGS, chain=CHAIN, seed=1, now=NOW)
    for it in pl.items:
        assert not any(ch.isdigit() for ch in it.reason.split("(track")[0]), it.reason
        assert it.reason[0].isupper() and it.reason.endswith(".")
        assert it.details.startswith("valence ") and "this step aims at" in it.details
    assert "starting where you are (sad)" in pl.items[0].reason
    assert "a step brighter" in pl.items[4].reason


def test_functional_tags_place_no_track_and_are_never_cited() -> None:
    assert all(any(t not in FUNCTIONAL_TAGS for t in t_.tags) for t_ in load_catalog())
    for mode in ("lift", "calm", "match"):
        pl = recommend(EmotionScores.one_hot("sad"), mode, 10, settings=SETTINGS, chain=CHAIN, seed=2, now=NOW)
        for it in pl.items:
            assert not any(f in it.reason for f in FUNCTIONAL_TAGS)
            assert not any(f in it.details for f in FUNCTIONAL_TAGS)


def test_no_artist_twice_in_ten() -> None:
    for seed in range(5):
        pl = recommend(EmotionScores.one_hot("happy"), "calm", 10, settings=SETTINGS, chain=CHAIN, seed=seed,
                       now=NOW)
        artists = [it.track.artist for it in pl.items]
        assert len(set(artists)) == len(artists)
