"""Text -> emotion latency: model load time and per-sentence p50/p95 (target p50 <= 15 ms) on this CPU.

Run alone with ``python -m benchmarks.bench_text`` or through ``python -m benchmarks``. Sentences: the first
300 GoEmotions test comments when ``../shared/data/goemotions`` is there, else a built-in list.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

from moodify.settings import Settings
from moodify.text import analyze_text
from moodify.text.model import SHIPPED_DIR, TextModel

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "goemotions"
TARGET_P50_MS = 15.0
FALLBACK = ["I can't stop smiling, what a wonderful day", "This is the worst thing that ever happened to me",
            "Wow, I did not see that coming!", "Honestly I'm terrified of tomorrow", "That's disgusting",
            "ok", "Why would anyone do that? It makes me so angry I could scream at the screen all day long"]


def sentences(n: int = 300) -> list[str]:
    if (DATA / "test.tsv").is_file():
        from moodify.training.text.data import read_split

        return [e.text for e in read_split(DATA, "test")[:n]]
    return (FALLBACK * (n // len(FALLBACK) + 1))[:n]


def _ms(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {"p50_ms": round(statistics.median(ordered) * 1000, 2),
            "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))] * 1000, 2),
            "mean_ms": round(statistics.fmean(ordered) * 1000, 2)}


def main(quick: bool = False) -> dict[str, object]:
    loads = []
    for _ in range(2 if quick else 3):
        start = time.perf_counter()
        model = TextModel.load(SHIPPED_DIR, threads=1)
        loads.append(time.perf_counter() - start)
    settings = Settings()
    texts = sentences(60 if quick else 300)
    for text in texts[:10]:  # warm-up
        analyze_text(text, settings=settings, model=model)
    per_sentence = []
    for text in texts:
        start = time.perf_counter()
        analyze_text(text, settings=settings, model=model)
        per_sentence.append(time.perf_counter() - start)
    start = time.perf_counter()
    model.encoder.encode(texts)
    batch_s = time.perf_counter() - start
    latency = _ms(per_sentence)
    return {
        "model_load": {"min_s": round(min(loads), 3), "max_s": round(max(loads), 3), "runs": len(loads)},
        "analyze_text_single": {**latency, "n": len(per_sentence), "target_p50_ms": TARGET_P50_MS,
                                "meets_target": latency["p50_ms"] <= TARGET_P50_MS},
        "encode_batch": {"sentences_per_s": round(len(texts) / batch_s, 1), "n": len(texts)},
        "threads": 1,
        "load_average_1m": round(os.getloadavg()[0], 2),  # other jobs on this machine skew the figures
    }


if __name__ == "__main__":
    print(json.dumps(main(quick="--quick" in sys.argv), indent=2))
