"""Reasons a person reads; numbers kept for the details toggle; functional tags are not moods."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from moodify.music.catalog import load_catalog
from moodify.music.chain import ProviderChain
from moodify.music.deezer_catalog import load_deezer_catalog
from moodify.music.explain import feel
from moodify.music.http import HttpClient
from moodify.music.pipeline import recommend
from moodify.music.providers import CandidateQuery
from moodify.music.tags import FUNCTIONAL_TAGS
from moodify.types import EmotionScores, FeedbackEvent, PlaylistItem, Track

from .fakes import make_settings

SETTINGS = make_settings(Path("/nonexistent-moodify-test"))
CHAIN = ProviderChain.from_names(["offline"], SETTINGS)
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


class CatalogueOnly:
    """The Deezer catalogue without any network capability (no previews, no look-ups)."""

    name = "deezer"

    def candidates(self, query: CandidateQuery) -> Sequence[Track]:
        return load_deezer_catalog()


def test_feel_words() -> None:
    assert feel(0.6, -0.6) == "Calm and bright"
    assert feel(-0.6, 0.7) == "Lively and sombre"
    assert feel(0.0, 0.0) == "Even and unhurried"


def test_reasons_are_sentences_whose_only_numbers_are_step_and_fit() -> None:
    pl = recommend(EmotionScores.one_hot("sad"), "lift", 10, settings=SETTINGS, chain=CHAIN, seed=1, now=NOW)
    for it in pl.items:
        words = re.sub(r"track \d+ of \d+|\d+ % fit", "", it.reason)
        assert not any(ch.isdigit() for ch in words), it.reason
        assert f"{round(100 * fit_of(it))} % fit" in it.reason
        assert it.reason[0].isupper() and it.reason.endswith(".")
        assert it.details.startswith("valence ") and "this step aims at" in it.details
    assert "starting where you are (sad, " in pl.items[0].reason
    assert "a step brighter (track 5 of 10" in pl.items[4].reason


def fit_of(item: PlaylistItem) -> float:  # reads the fit back from the details
    return float(re.search(r"mood fit (\d\.\d+)", item.details).group(1))  # type: ignore[union-attr]


def _facts(item: PlaylistItem, emotion: str) -> tuple[object, ...]:
    t = item.track
    return (feel(t.valence, t.arousal), t.genres[:2], item.step_target, round(100 * fit_of(item)),
            "liked" in item.reason or "favourite" in item.reason)


def test_deezer_reasons_name_the_genre_and_differ_unless_every_fact_is_shared() -> None:
    settings = make_settings(Path("/nonexistent-moodify-test"), providers=["deezer"])
    chain = ProviderChain([CatalogueOnly()], settings, HttpClient(settings))
    for emotion in ("happy", "sad", "angry"):
        for mode in ("match", "lift"):
            pl = recommend(EmotionScores.one_hot(emotion), mode, 10, settings=settings, chain=chain, seed=3, now=NOW)
            seen: dict[str, tuple[object, ...]] = {}
            for it in pl.items:
                facts = _facts(it, emotion)
                assert seen.setdefault(it.reason, facts) == facts, (it.reason, facts, seen[it.reason])
                if it.track.genres:
                    assert it.track.genres[0] in it.reason
            assert len(seen) >= 8, list(seen)


def test_a_liked_artist_and_a_favourite_genre_are_named() -> None:
    settings = make_settings(Path("/nonexistent-moodify-test"), providers=["deezer"])
    chain = ProviderChain([CatalogueOnly()], settings, HttpClient(settings))
    first = recommend(EmotionScores.one_hot("happy"), "match", 10, settings=settings, chain=chain, seed=1, now=NOW)
    liked = first.items[0].track
    events = [FeedbackEvent("u", liked.key, "like", NOW - timedelta(days=3), artist=liked.artist)]
    again = recommend(EmotionScores.one_hot("happy"), "match", 10, settings=settings, chain=chain, seed=1, now=NOW,
                      feedback=events)
    assert next(it.reason for it in again.items if it.track.artist == liked.artist).endswith(
        "; you liked this artist before.")
    jazz = recommend(EmotionScores.one_hot("happy"), "match", 10, settings=settings, chain=chain, seed=1, now=NOW,
                     favourite=["Jazz"])
    assert sum("jazz is one of your favourite genres" in it.reason for it in jazz.items) >= 8


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
