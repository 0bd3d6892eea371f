"""Stated taste as ranking input: blocked tags are a named hard filter, favourites a prior."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest

from moodify.errors import NoTracksFound
from moodify.music.catalog import load_catalog
from moodify.music.chain import ProviderChain
from moodify.music.feedback import InMemoryFeedbackStore
from moodify.music.filters import BlockedTags, normalise_words
from moodify.music.learning import PreferenceModel
from moodify.music.pipeline import recommend
from moodify.music.pool import CandidatePool
from moodify.types import EmotionScores, FeedbackEvent, Playlist

from .fakes import FakeProvider, fake_chain, make_settings, make_track

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
SETTINGS = make_settings(Path("/nonexistent-moodify-test"))
CHAIN = ProviderChain.from_names(["offline"], SETTINGS)


def run(emotion: str = "sad", mode: str = "match", n: int = 10, **kw: object) -> Playlist:
    kw.setdefault("chain", CHAIN)
    kw.setdefault("settings", SETTINGS)
    kw.setdefault("now", NOW)
    return recommend(EmotionScores.one_hot(emotion), mode, n, **kw)  # type: ignore[arg-type]


def tags_of(pl: Playlist) -> Counter[str]:
    return Counter(t for it in pl.items for t in it.track.tags)


@pytest.mark.parametrize("mode", ["match", "lift", "calm"])
def test_blocked_tags_never_appear_and_are_counted(mode: str) -> None:
    base = run("sad", mode, seed=1)
    common = [t for t, _ in tags_of(base).most_common(2)]
    words = [common[0].upper(), f" {common[-1]} "]  # case and spaces don't matter
    pl = run("sad", mode, seed=1, blocked=words)
    assert len(pl.items) == 10
    assert not {w.strip().lower() for w in words} & set(tags_of(pl))
    note = [w for w in pl.warnings if "blocked" in w]
    assert len(note) == 1 and common[0] in note[0]
    carrying = sum(1 for t in load_catalog() if set(common) & set(t.tags))
    assert note[0].startswith(f"{carrying} tracks left out")


def test_blocked_count_equals_the_candidates_carrying_the_tag() -> None:
    tracks = [make_track(i, tags=("Rock",) if i % 3 == 0 else ("jazz",), artist=f"a{i}") for i in range(30)]
    pl = run(chain=fake_chain(SETTINGS, FakeProvider("fake", tracks)), seed=0, n=5, blocked=["rock"])
    assert all("Rock" not in it.track.tags for it in pl.items)
    assert "10 tracks left out by your blocked genres (rock)" in pl.warnings


def test_no_warning_when_nothing_is_blocked() -> None:
    pl = run(seed=2, blocked=["no-such-tag"])
    assert not any("blocked" in w for w in pl.warnings)
    assert pl == run(seed=2)


def test_everything_blocked_raises_a_clear_error() -> None:
    tracks = [make_track(i, tags=("metal",), artist=f"a{i}") for i in range(5)]
    with pytest.raises(NoTracksFound, match="blocked"):
        run(chain=fake_chain(SETTINGS, FakeProvider("fake", tracks)), blocked=["Metal"])


def test_filter_step_alone() -> None:
    pool = CandidatePool.from_tracks([make_track(1, tags=("sad", "Dark")), make_track(2, tags=("happy",)),
                                      make_track(3, tags=())])
    mask, removed = BlockedTags(normalise_words(["dark", ""])).mask(pool)
    assert mask.tolist() == [True, False, False]
    assert removed is not None and removed.count == 1 and removed.matched == ("dark",)
    assert BlockedTags(frozenset()).mask(pool)[1] is None


def test_favourites_are_a_prior_that_lifts_matching_tracks() -> None:
    base = run("neutral", seed=4)
    # A tag that is near the neutral mood but not dominant in the default playlist.
    candidates = [t for t in ("calm", "relaxing", "soft", "mellow", "background", "melodic")
                  if tags_of(base)[t] < 5]
    fav = candidates[0]
    counts = [tags_of(run("neutral", seed=s, favourite=[fav.upper()]))[fav] for s in range(6)]
    plain = [tags_of(run("neutral", seed=s))[fav] for s in range(6)]
    assert sum(counts) > sum(plain), (fav, counts, plain)
    seed = max(range(6), key=lambda s: counts[s])
    explained = [it.reason for it in run("neutral", seed=seed, favourite=[fav]).items if fav in it.track.tags]
    assert explained and all("is one of your favourites" in r for r in explained)


def test_favourite_prior_is_not_feedback() -> None:
    m = PreferenceModel.from_events([], favourite=["Jazz"])
    assert m.tags == {} and m.liked_tags() == set()  # nothing was "liked"
    draws = np.array([m.sample_tags(["jazz", "rock"], np.random.default_rng(s)) for s in range(300)])
    assert draws[:, 0].mean() > 0.15 and np.all(draws[:, 1] == 0.0)
    # Real dislikes outweigh the stated prior.
    ev = FeedbackEvent("u", "offline:1", "dislike", NOW, tags=("jazz",))
    m2 = PreferenceModel.from_events([ev] * 5, favourite=["jazz"])
    assert np.mean([m2.sample_tags(["jazz"], np.random.default_rng(s))[0] for s in range(300)]) < 0


def test_listens_argument_overrides_the_store() -> None:
    first = run(seed=3).items[0].track
    after = run(seed=3, listens=[(first.key, NOW - timedelta(hours=2))])
    assert first.key not in {it.track.key for it in after.items}
    old = run(seed=3, listens=[(first.key, NOW - timedelta(days=3))])
    assert len(old.items) == 10
    # An explicit empty list wins over the store's own listening history.
    store = InMemoryFeedbackStore()
    assert run(seed=3, user_id="u", feedback=store, listens=[]).items[0].track == first
