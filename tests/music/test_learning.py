from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np

from moodify.music.learning import ListeningHistory, PreferenceModel
from moodify.types import FeedbackEvent

NOW = datetime(2026, 1, 10, 12, 0, tzinfo=UTC)


def ev(kind: str, key: str = "offline:1", tags: tuple[str, ...] = ("sad",), artist: str = "A",
       at: datetime = NOW) -> FeedbackEvent:
    return FeedbackEvent(user_id="u", track_key=key, kind=kind, at=at, artist=artist, tags=tags)  # type: ignore[arg-type]


def test_counts_per_tag_and_artist() -> None:
    m = PreferenceModel.from_events([ev("like"), ev("finished"), ev("skip", tags=("sad", "calm")),
                                     ev("dislike", tags=("calm",), artist="B"), ev("play")])
    assert (m.tags["sad"].successes, m.tags["sad"].failures) == (2, 1)
    assert (m.tags["calm"].successes, m.tags["calm"].failures) == (0, 3)
    assert (m.artists["a"].successes, m.artists["b"].failures) == (2, 2)
    assert m.liked_tags() == {"sad"} and m.liked_artists() == {"a"}


def test_thompson_draws_are_seeded_and_centred() -> None:
    m = PreferenceModel.from_events([ev("like")] * 20 + [ev("dislike", tags=("dark",))] * 10)
    names = ["sad", "dark", "never-rated"]
    a = m.sample_tags(names, np.random.default_rng(3))
    b = m.sample_tags(names, np.random.default_rng(3))
    assert np.array_equal(a, b)
    assert a[0] > 0.3 and a[1] < -0.3 and a[2] == 0.0


def test_draws_explore_when_evidence_is_thin() -> None:
    m = PreferenceModel.from_events([ev("like")])
    draws = [m.sample_tags(["sad"], np.random.default_rng(s))[0] for s in range(200)]
    assert min(draws) < 0 < max(draws)  # one like is not certainty


def test_history_windows() -> None:
    events = [
        ev("play", "offline:1", at=NOW - timedelta(hours=2)),
        ev("finished", "offline:2", at=NOW - timedelta(hours=30)),
        ev("dislike", "offline:3", at=NOW - timedelta(days=90)),
        ev("skip", "offline:4", at=(NOW - timedelta(hours=1)).replace(tzinfo=None)),  # naive timestamp
    ]
    h = ListeningHistory.from_events(events, NOW)
    assert h.recent == {"offline:1", "offline:4"}
    assert h.disliked == {"offline:3"}
    assert h.heard == {"offline:1", "offline:2", "offline:3", "offline:4"}


def test_listening_history_counts_as_played() -> None:
    h = ListeningHistory.from_events([], NOW, plays=[("offline:9", NOW - timedelta(hours=5)),
                                            ("offline:10", NOW - timedelta(days=5))])
    assert h.recent == {"offline:9"} and h.heard == {"offline:9", "offline:10"} and not h.disliked


def test_region_scores_follow_reactions_on_the_plane() -> None:
    from moodify.music.learning import region_scores

    points = np.array([[0.5, 0.5], [0.5, 0.5], [-0.5, -0.5]])
    rewards = np.array([1.0, 1.0, -1.0])
    cand_v = np.array([0.5, 0.55, -0.5, 0.0, -0.9])
    cand_a = np.array([0.5, 0.45, -0.5, 0.0, 0.9])
    s = region_scores(points, rewards, cand_v, cand_a)
    assert s[0] > 0.3 and s[1] > 0.3 and s[2] < -0.2
    assert abs(s[3]) < 0.05 and s[4] == 0.0  # far from every reaction: no opinion
    assert region_scores(np.zeros((0, 2)), np.zeros(0), cand_v, cand_a).tolist() == [0.0] * 5


def test_untagged_tracks_learn_from_artist_and_neighbourhood() -> None:
    from moodify.music.pool import CandidatePool
    from moodify.music.ranking import rank
    from moodify.types import MoodPoint, Track

    def t(i: int, artist: str, v: float, a: float) -> Track:
        return Track(str(i), "deezer", f"S{i}", artist, f"https://www.deezer.com/track/{i}", None,
                     valence=v, arousal=a)

    tracks = [t(1, "Liked", 0.3, 0.3), t(2, "Other", 0.3, 0.31), t(3, "Near", 0.62, 0.6), t(4, "Far", 0.0, 0.62)]
    pool = CandidatePool.from_tracks(tracks)
    liked = [ev("like", key="deezer:9", tags=(), artist="Liked", at=NOW - timedelta(days=2))] * 4
    m = PreferenceModel.from_events(liked)
    step = [MoodPoint(0.3, 0.3)]
    picks = [pool.tracks[rank(pool, step, ListeningHistory(), m, np.random.default_rng(s)).picks[0].index].artist
             for s in range(20)]
    assert picks.count("Liked") >= 15
    region = PreferenceModel.from_events([ev("like", key="deezer:3", tags=(), artist="Near")] * 3)
    between = [MoodPoint(0.31, 0.45)]  # Near and Far fit it about equally; Near's neighbourhood was liked
    assert rank(pool, between, ListeningHistory(), region, np.random.default_rng(0)).picks[0].parts.preference != 0
