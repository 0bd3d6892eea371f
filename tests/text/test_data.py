from __future__ import annotations

from pathlib import Path

import pytest

from moodify.training.text.data import read_split
from moodify.types import EMOTIONS
from tests.text.conftest import FINE, write_goemotions

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "goemotions"


def _id(name: str) -> str:
    return str(FINE.index(name))


def test_maps_fine_labels_to_our_classes_and_unquotes(tmp_path: Path) -> None:
    root = write_goemotions(tmp_path, {"train": [
        ('He said "wow" twice', _id("surprise")),
        ("so annoying", _id("annoyance")),
        ("thanks, love it", f"{_id('gratitude')},{_id('love')}"),
        ("sad but fine", f"{_id('sadness')},{_id('neutral')}"),
    ]})
    rows = read_split(root, "train")
    assert rows[0].text == 'He said "wow" twice'
    assert rows[0].single == EMOTIONS.index("surprise")
    assert rows[1].single == EMOTIONS.index("angry")
    assert rows[2].single == EMOTIONS.index("happy")  # two fine labels, one class
    assert rows[3].single is None
    assert rows[3].labels == {EMOTIONS.index("sad"), EMOTIONS.index("neutral")}


def test_unknown_split_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown split"):
        read_split(tmp_path, "validation")


@pytest.mark.skipif(not SHARED.is_dir(), reason="shared GoEmotions data not beside the repo")
def test_real_test_split_matches_the_readme_counts() -> None:
    rows = read_split(SHARED, "test")
    assert len(rows) == 5427
    single = [r.single for r in rows if r.single is not None]
    assert len(single) == 4968
    assert single.count(EMOTIONS.index("happy")) == 1863
    assert single.count(EMOTIONS.index("disgust")) == 76
