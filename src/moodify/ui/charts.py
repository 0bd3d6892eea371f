"""Altair charts: the 7 probabilities, the mood timeline and the distribution per emotion."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import altair as alt
import pandas as pd

from moodify.types import EMOTIONS, EmotionScores
from moodify.ui.emotions import EMOTION_COLOURS
from moodify.ui.history_model import Reading

_SCALE = alt.Scale(domain=list(EMOTIONS), range=[EMOTION_COLOURS[e] for e in EMOTIONS])


def probabilities_chart(scores: EmotionScores) -> alt.Chart:
    frame = pd.DataFrame({"emotion": list(EMOTIONS), "probability": list(scores.probabilities)})
    return (
        alt.Chart(frame)
        .mark_bar(cornerRadiusEnd=4)
        .encode(
            x=alt.X("probability:Q", scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format="%", title=None)),
            y=alt.Y("emotion:N", sort=list(EMOTIONS), title=None),
            color=alt.Color("emotion:N", scale=_SCALE, legend=None),
            tooltip=["emotion", alt.Tooltip("probability:Q", format=".1%")],
        )
        .properties(height=210)
    )


def timeline_chart(readings: Sequence[Reading]) -> alt.Chart:
    frame = pd.DataFrame([{"at": r.at, "emotion": r.emotion, "confidence": r.confidence, "source": r.source}
                          for r in readings])
    ticks, fmt = time_ticks([r.at for r in readings])
    return (
        alt.Chart(frame)
        .mark_circle(size=90, opacity=0.85)
        .encode(
            x=alt.X("at:T", title=None, scale=alt.Scale(padding=16),
                    axis=alt.Axis(format=fmt, values=[t.isoformat() for t in ticks], labelAngle=0,
                                  labelOverlap=True)),
            y=alt.Y("emotion:N", sort=list(EMOTIONS), title=None, scale=alt.Scale(domain=list(EMOTIONS))),
            color=alt.Color("emotion:N", scale=_SCALE, legend=None),
            tooltip=[alt.Tooltip("at:T", format="%Y-%m-%d %H:%M"), "emotion", "source",
                     alt.Tooltip("confidence:Q", format=".0%")],
        )
        .properties(height=240)
    )


_FORMATS = (("%d %b", "%-d %b"), ("%d %b %H:%M", "%-d %b %H:%M"), ("%H:%M:%S", "%H:%M:%S"))


def time_ticks(times: Sequence[datetime], most: int = 5) -> tuple[list[datetime], str]:
    """Up to ``most`` evenly spaced ticks and the coarsest label format (d3) that names each one differently:
    readings minutes apart no longer show one date label three times."""
    if not times:
        return [], _FORMATS[0][0]
    first, last = min(times), max(times)
    n = 1 if last == first else most
    ticks = [first + (last - first) * i / max(1, n - 1) for i in range(n)]
    for d3, py in _FORMATS:
        if len({t.strftime(py) for t in ticks}) == len(ticks):
            return ticks, d3
    return ticks[:1] + ticks[-1:], _FORMATS[-1][0]  # under a second apart: just both ends


def distribution_chart(readings: Sequence[Reading]) -> alt.Chart:
    counts: dict[str, int] = {e: 0 for e in EMOTIONS}
    for r in readings:
        counts[r.emotion] = counts.get(r.emotion, 0) + 1
    frame = pd.DataFrame({"emotion": list(counts), "readings": list(counts.values())})
    return (
        alt.Chart(frame)
        .mark_bar(cornerRadiusEnd=4)
        .encode(
            x=alt.X("readings:Q", title=None, axis=alt.Axis(tickMinStep=1)),
            y=alt.Y("emotion:N", sort=list(EMOTIONS), title=None),
            color=alt.Color("emotion:N", scale=_SCALE, legend=None),
            tooltip=["emotion", "readings"],
        )
        .properties(height=210)
    )
