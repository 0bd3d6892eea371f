from __future__ import annotations

from moodify.music.catalog import parse_source
from moodify.music.tags import (
    AUDIUS_MOOD_POINTS,
    EMOTION_TAGS,
    MTG_TAG_POINTS,
    mean_point,
    nearest_audius_mood,
    nearest_tags,
    tag_point,
)
from moodify.types import EMOTIONS, MoodPoint


def test_every_estimate_is_inside_the_circumplex() -> None:
    for table in (MTG_TAG_POINTS, AUDIUS_MOOD_POINTS):
        for name, (v, a) in table.items():
            assert -1 <= v <= 1 and -1 <= a <= 1, name


def test_59_mtg_tags_and_23_audius_moods() -> None:
    assert len(MTG_TAG_POINTS) == 59
    assert len(AUDIUS_MOOD_POINTS) == 23


def test_estimates_agree_with_common_sense() -> None:
    assert tag_point("happy")[0] > 0.5 and tag_point("sad")[0] < -0.5  # type: ignore[index]
    assert tag_point("calm")[1] < -0.5 < 0.5 < tag_point("energetic")[1]  # type: ignore[index]
    assert tag_point("Peaceful") == AUDIUS_MOOD_POINTS["Peaceful"]
    assert tag_point("chill") == MTG_TAG_POINTS["relaxing"]  # synonym
    assert tag_point("metal") is not None  # genre prior
    assert tag_point("kazoo") is None


def test_mean_point_ignores_unknown_words_and_refuses_to_guess() -> None:
    p = mean_point(["happy", "sad", "kazoo"])
    assert p is not None
    assert p.valence == (0.8 - 0.65) / 2
    assert mean_point(["kazoo", "xylophone"]) is None


def test_nearest_words() -> None:
    assert nearest_tags(MoodPoint(-0.65, -0.4), 1) == ["sad"]
    assert nearest_audius_mood(MoodPoint(0.45, -0.7)) == "Peaceful"
    for emotion in EMOTIONS:
        assert all(t in MTG_TAG_POINTS for t in EMOTION_TAGS[emotion])


def test_shipped_source_tags_all_have_estimates(tmp_path) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "mini.tsv"
    src.write_text("TRACK_ID\tARTIST_ID\tALBUM_ID\tPATH\tDURATION\tTAGS\n"
                   "track_0000948\tartist_000087\talbum_000149\t48/948.mp3\t212.7\tmood/theme---background\n"
                   "track_0000950\tartist_000087\talbum_000149\t50/950.mp3\t248.0\tmood/theme---sad\t"
                   "mood/theme---calm\n")
    rows = parse_source(src)
    assert [r.tags for r in rows] == [("background",), ("calm", "sad")]
