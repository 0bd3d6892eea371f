from __future__ import annotations

import numpy as np
import pytest

from moodify.music.learning import ListeningHistory, PreferenceModel
from moodify.music.pool import CandidatePool
from moodify.music.ranking import Weights, rank
from moodify.types import MoodPoint

from .fakes import make_track

STEP = MoodPoint(-0.6, -0.3)


def test_closest_track_wins_each_step() -> None:
    pool = CandidatePool.from_tracks([make_track(1, valence=0.8, arousal=0.5), make_track(2)])
    r = rank(pool, [STEP], ListeningHistory(), PreferenceModel(), np.random.default_rng(0))
    assert pool.tracks[r.picks[0].index].id == "2"
    assert r.picks[0].parts.mood_fit > 0.99


def test_no_artist_twice_in_a_short_playlist() -> None:
    tracks = [make_track(i, artist="Same") for i in range(6)] + [make_track(100 + i, valence=-0.4)
                                                                 for i in range(12)]
    pool = CandidatePool.from_tracks(tracks)
    r = rank(pool, [STEP] * 10, ListeningHistory(), PreferenceModel(), np.random.default_rng(0))
    artists = [pool.tracks[p.index].artist for p in r.picks]
    assert len(artists) == 10 and len(set(artists)) == 10  # the closer "Same" tracks appear once
    assert not r.relaxed_artist_rule


def test_no_artist_twice_within_five() -> None:
    tracks = [make_track(i, artist="Same") for i in range(6)] + [make_track(100 + i, valence=-0.4)
                                                                 for i in range(12)]
    pool = CandidatePool.from_tracks(tracks)
    r = rank(pool, [STEP] * 12, ListeningHistory(), PreferenceModel(), np.random.default_rng(0))
    artists = [pool.tracks[p.index].artist for p in r.picks]
    for i in range(len(artists)):
        window = artists[max(0, i - 4):i]
        assert artists[i] not in window
    assert not r.relaxed_artist_rule


def test_artist_rule_is_relaxed_only_when_nothing_else_is_left() -> None:
    pool = CandidatePool.from_tracks([make_track(i, artist="Only") for i in range(3)])
    r = rank(pool, [STEP] * 3, ListeningHistory(), PreferenceModel(), np.random.default_rng(0))
    assert len(r.picks) == 3 and r.relaxed_artist_rule


def test_disliked_and_recent_are_never_picked_and_run_out() -> None:
    pool = CandidatePool.from_tracks([make_track(i) for i in range(4)])
    history = ListeningHistory(recent=frozenset({"fake:0"}), disliked=frozenset({"fake:1"}),
                      heard=frozenset({"fake:0", "fake:1"}))
    r = rank(pool, [STEP] * 4, history, PreferenceModel(), np.random.default_rng(0))
    assert sorted(pool.tracks[p.index].id for p in r.picks) == ["2", "3"]


def test_preference_can_outweigh_a_small_mood_difference() -> None:
    from moodify.types import FeedbackEvent

    liked = make_track(1, tags=("piano",), valence=-0.5, artist="X")
    closer = make_track(2, tags=("synth",), artist="Y")
    pool = CandidatePool.from_tracks([liked, closer])
    from datetime import UTC, datetime
    events = [FeedbackEvent("u", f"fake:{100 + i}", "like", datetime.now(UTC), artist="X", tags=("piano",))
              for i in range(10)]
    plain = rank(pool, [STEP], ListeningHistory(), PreferenceModel(), np.random.default_rng(0))
    learned = rank(pool, [STEP], ListeningHistory(), PreferenceModel.from_events(events), np.random.default_rng(0))
    assert pool.tracks[plain.picks[0].index].id == "2"
    assert pool.tracks[learned.picks[0].index].id == "1"
    assert learned.picks[0].parts.preference > 0.2
    assert "piano" in learned.liked_tags


def test_scores_have_named_parts_that_add_up() -> None:
    pool = CandidatePool.from_tracks([make_track(1)])
    w = Weights(jitter=0.0)
    p = rank(pool, [STEP], ListeningHistory(), PreferenceModel(), np.random.default_rng(0), w).picks[0]
    assert p.parts.total == pytest.approx(w.mood * p.parts.mood_fit + w.preference * p.parts.preference + \
        w.novelty * p.parts.novelty + w.named * p.parts.named)


def test_best_liked_tag_counts_but_a_rejected_tag_still_hurts() -> None:
    from datetime import UTC, datetime

    from moodify.types import FeedbackEvent

    now = datetime.now(UTC)
    events = [FeedbackEvent("u", f"fake:{100 + i}", "like", now, tags=("piano",)) for i in range(10)]
    events += [FeedbackEvent("u", f"fake:{200 + i}", "dislike", now, tags=("noise",)) for i in range(10)]
    prefs = PreferenceModel.from_events(events)
    pool = CandidatePool.from_tracks([
        make_track(1, tags=("piano", "noise")), make_track(2, tags=("piano", "film", "sad")),
        make_track(3, tags=("film",)),
    ])
    r = rank(pool, [STEP] * 3, ListeningHistory(), prefs, np.random.default_rng(0), Weights(jitter=0.0))
    order = [pool.tracks[p.index].id for p in r.picks]
    assert order == ["2", "3", "1"]  # unrelated tags don't dilute "piano"; "noise" drags track 1 last
    assert r.picks[0].parts.preference > 0.25


def test_named_tracks_rank_ahead_of_untitled_at_equal_fit() -> None:
    untitled = [make_track(i, artist=f"u{i}") for i in range(5)]
    untitled = [t.__class__(**{**t.__dict__, "title": f"Untitled (Jamendo #{t.id})"}) for t in untitled]
    named = [make_track(10 + i, artist=f"n{i}") for i in range(5)]
    pool = CandidatePool.from_tracks(untitled + named)
    r = rank(pool, [STEP] * 5, ListeningHistory(), PreferenceModel(), np.random.default_rng(1))
    assert all(pool.tracks[p.index].title.startswith("T") for p in r.picks)
