"""GoEmotions reader: Reddit comments with 27 fine labels + neutral, mapped to our 7 Ekman classes."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from moodify.types import EMOTIONS, canonical_emotion

SPLITS: tuple[str, ...] = ("train", "dev", "test")


@dataclass(frozen=True)
class Example:
    """One comment and the set of our classes its fine labels map to (1 to 3 classes)."""

    id: str
    text: str
    labels: frozenset[int]  # indices into EMOTIONS

    @property
    def single(self) -> int | None:
        """The class when exactly one applies (the paper's 'single-class rows'), else None."""
        return next(iter(self.labels)) if len(self.labels) == 1 else None


def _fine_to_ours(root: Path) -> list[int]:
    """Index of each fine label (``emotions.txt`` order) -> index in :data:`EMOTIONS`."""
    fine = (root / "emotions.txt").read_text(encoding="utf-8").split("\n")
    ekman: dict[str, list[str]] = json.loads((root / "ekman_mapping.json").read_text(encoding="utf-8"))
    to_ekman = {name: key for key, names in ekman.items() for name in names}
    to_ekman["neutral"] = "neutral"  # not in the mapping file; stays itself
    return [EMOTIONS.index(canonical_emotion(to_ekman[name])) for name in fine]


def read_split(root: Path, split: str) -> list[Example]:
    """All rows of one official split. The files use CSV quoting, so ``csv`` (not ``split``) parses them."""
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}; known: {', '.join(SPLITS)}")
    mapping = _fine_to_ours(root)
    return list(_rows(root / f"{split}.tsv", mapping))


def _rows(path: Path, mapping: list[int]) -> Iterator[Example]:
    with path.open(encoding="utf-8", newline="") as f:
        for text, label_ids, row_id in csv.reader(f, delimiter="\t"):
            labels = frozenset(mapping[int(i)] for i in label_ids.split(","))
            yield Example(id=row_id, text=text, labels=labels)
