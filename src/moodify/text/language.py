"""Is this English? The text model only learned English, so other languages must get low confidence.

The check is the share of words found in a list of words seen in GoEmotions' training comments (shipped
as ``english_words.tsv.gz``). Spanish, German, Russian or Chinese sentences share few words with English
Reddit comments; English ones, even slangy, share most.
"""

from __future__ import annotations

import gzip
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def words(text: str) -> list[str]:
    """Lower-cased runs of letters (apostrophes inside a word kept: don't, it's)."""
    return [w.lower() for w in _WORD.findall(text)]


@dataclass(frozen=True)
class EnglishCheck:
    vocabulary: frozenset[str]

    def share(self, text: str) -> float | None:
        """Share of the text's words that are known English words; None when it has no words at all."""
        found = words(text)
        if not found:
            return None
        return sum(w in self.vocabulary for w in found) / len(found)

    @classmethod
    def load(cls, path: Path) -> EnglishCheck:
        with gzip.open(path, "rt", encoding="utf-8") as f:
            return cls(frozenset(line.strip() for line in f if line.strip()))

    @staticmethod
    def build(texts: Iterable[str], path: Path, *, min_count: int = 2) -> Path:
        """Write the words used at least ``min_count`` times (rare ones are typos and names)."""
        counts = Counter(w for text in texts for w in words(text))
        kept = sorted(w for w, n in counts.items() if n >= min_count)
        with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as f:
            f.write("\n".join(kept) + "\n")
        return path
