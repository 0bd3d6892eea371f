"""The iso principle: start where the listener is, then move one small step per track to the target."""

from __future__ import annotations

from moodify.types import MoodPoint


def step_targets(start: MoodPoint, target: MoodPoint, n: int) -> list[MoodPoint]:
    """``n`` points from ``start`` to ``target``, first at the start, last at the target, evenly spaced.

    With one track there is no journey; it sits halfway, so it neither ignores the goal nor jumps to it.
    """
    if n < 1:
        raise ValueError("a playlist needs at least one track")
    if n == 1:
        return [MoodPoint((start.valence + target.valence) / 2, (start.arousal + target.arousal) / 2)]
    return [
        MoodPoint(
            round(start.valence + (target.valence - start.valence) * i / (n - 1), 6),
            round(start.arousal + (target.arousal - start.arousal) * i / (n - 1), 6),
        )
        for i in range(n)
    ]
