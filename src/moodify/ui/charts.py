"""Altair charts: the 7 probabilities, the mood timeline and the distribution per emotion."""

from __future__ import annotations

from collections.abc import Sequence

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
    return (
        alt.Chart(frame)
        .mark_circle(size=90, opacity=0.85)
        .encode(
            x=alt.X("at:T", title=None, scale=alt.Scale(nice=True, padding=16),
                    axis=alt.Axis(format="%d %b %H:%M", labelAngle=0, tickCount=5, labelOverlap=True)),
            y=alt.Y("emotion:N", sort=list(EMOTIONS), title=None, scale=alt.Scale(domain=list(EMOTIONS))),
            color=alt.Color("emotion:N", scale=_SCALE, legend=None),
            tooltip=[alt.Tooltip("at:T", format="%Y-%m-%d %H:%M"), "emotion", "source",
                     alt.Tooltip("confidence:Q", format=".0%")],
        )
        .properties(height=240)
    )


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
