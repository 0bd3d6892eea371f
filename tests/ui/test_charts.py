"""The altair charts get the right data."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from moodify.types import EMOTIONS, EmotionScores
from moodify.ui.charts import distribution_chart, probabilities_chart, timeline_chart
from moodify.ui.history_model import Reading


def _rows(chart: object) -> list[dict[str, object]]:
    spec = chart.to_dict()  # type: ignore[attr-defined]
    datasets = spec["datasets"]
    return next(iter(datasets.values()))


def test_probabilities_chart_has_all_seven_emotions() -> None:
    rows = _rows(probabilities_chart(EmotionScores.from_mapping({"happy": 0.75, "sad": 0.25})))
    assert [r["emotion"] for r in rows] == list(EMOTIONS)
    assert {r["emotion"]: r["probability"] for r in rows}["happy"] == 0.75


def test_timeline_and_distribution_count_the_readings() -> None:
    now = datetime(2026, 1, 5, 12, tzinfo=UTC)
    readings = [Reading(now - timedelta(hours=i), e, 0.8, "upload")
                for i, e in enumerate(["happy", "happy", "sad"])]
    assert len(_rows(timeline_chart(readings))) == 3
    counts = {r["emotion"]: r["readings"] for r in _rows(distribution_chart(readings))}
    assert counts["happy"] == 2 and counts["sad"] == 1 and counts["fear"] == 0
