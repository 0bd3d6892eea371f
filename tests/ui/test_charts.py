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


def test_timeline_labels_are_never_repeated() -> None:
    from datetime import UTC, datetime, timedelta

    from moodify.ui.charts import time_ticks

    start = datetime(2026, 3, 1, 10, 0, tzinfo=UTC)
    for gap in (timedelta(seconds=20), timedelta(minutes=7), timedelta(days=3)):
        times = [start + gap * i for i in range(3)]
        ticks, fmt = time_ticks(times)
        py = fmt.replace("%d", "%-d") if fmt.startswith("%d") else fmt
        labels = [t.strftime(py) for t in ticks]
        assert len(set(labels)) == len(labels) == 5, (gap, labels)
    assert time_ticks([start])[0] == [start]
    spec = timeline_chart([Reading(at=start + timedelta(seconds=20 * i), emotion="happy", confidence=0.9,
                                   source="upload") for i in range(3)]).to_dict()
    assert spec["encoding"]["x"]["axis"]["format"] == "%H:%M:%S"
