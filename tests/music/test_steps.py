from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from moodify.music.mood import distance
from moodify.music.steps import step_targets
from moodify.types import MoodPoint

coord = st.floats(-1, 1, allow_nan=False)
points = st.builds(MoodPoint, coord, coord)


def test_iso_principle_starts_at_mood_and_ends_at_target() -> None:
    steps = step_targets(MoodPoint(-0.6, -0.3), MoodPoint(0.7, 0.35), 10)
    assert len(steps) == 10
    assert steps[0] == MoodPoint(-0.6, -0.3)
    assert steps[-1] == MoodPoint(0.7, 0.35)
    valences = [s.valence for s in steps]
    assert valences == sorted(valences)


@given(points, points, st.integers(2, 60))
def test_steps_are_even_and_monotone(start: MoodPoint, end: MoodPoint, n: int) -> None:
    steps = step_targets(start, end, n)
    gaps = [distance(a, b) for a, b in itertools.pairwise(steps)]
    assert max(gaps) - min(gaps) < 1e-4
    assert distance(steps[0], start) < 1e-5 and distance(steps[-1], end) < 1e-5


def test_single_track_sits_halfway() -> None:
    assert step_targets(MoodPoint(-1, 0), MoodPoint(1, 0), 1) == [MoodPoint(0, 0)]


def test_zero_tracks_is_an_error() -> None:
    with pytest.raises(ValueError):
        step_targets(MoodPoint(0, 0), MoodPoint(0, 0), 0)
