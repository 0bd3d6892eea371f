"""Voice: word error rate of the speech engine, emotion accuracy spoken vs typed, latency per second of audio.

Human speech: five LibriVox sentences (benchmarks/data/librivox, public domain), for the word error rate.
Emotion needs labelled sentences, so that speech is synthetic: espeak-ng (Debian package ``espeak-ng``, needed
only here) reads held-out GoEmotions test sentences (never seen by the text model's training) in its US-English
voice at 150 words a minute, clean and with white noise at 10 dB SNR. Each recording goes the product's way
(``decode`` -> the configured engine -> ``analyze_text``) and the same sentence is also read as typed.
Latency is wall time and CPU time per second of audio (the CPU time does not grow with other load on the
machine). Run alone with ``python -m benchmarks.bench_voice`` or through ``python -m benchmarks``.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import wave
from collections import defaultdict
from pathlib import Path

import numpy as np

from moodify.settings import Settings
from moodify.text import analyze_text
from moodify.types import EMOTIONS
from moodify.voice import decode_for, engine_name, open_transcriber

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("MOODIFY_BENCH_GOEMOTIONS", ROOT.parent / "shared" / "data" / "goemotions"))
LIBRIVOX = Path(__file__).resolve().parent / "data" / "librivox"  # human read speech, public domain (README)
PER_CLASS = 10  # 70 sentences: two conditions take ~20 min on this shared 2-core machine
SNR_DB = 10.0
_WORD = re.compile(r"[a-z']+")


def held_out(per_class: int = PER_CLASS) -> list[tuple[str, str]]:
    """(sentence, emotion): the first ``per_class`` single-label test rows of each emotion that read aloud
    plainly (5-25 words of letters and punctuation, no [NAME] placeholders)."""
    from moodify.training.text.data import read_split

    picked: dict[str, list[str]] = defaultdict(list)
    for example in read_split(DATA, "test"):
        label = example.single
        if label is None or len(picked[EMOTIONS[label]]) >= per_class:
            continue
        text = example.text.strip()
        if "[" in text or not re.fullmatch(r"[A-Za-z ,.!?'’-]+", text) or not 5 <= len(text.split()) <= 25:
            continue
        picked[EMOTIONS[label]].append(text.replace("’", "'"))
    return [(text, emotion) for emotion in EMOTIONS for text in picked[emotion]]


_SPELLED = {"mr": "mister", "mrs": "missus", "dr": "doctor"}  # the engine writes these short, readers say them


def words(text: str) -> list[str]:
    return [_SPELLED.get(w, w) for w in _WORD.findall(text.lower())]


def edit_distance(ref: list[str], hyp: list[str]) -> int:
    row = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        prev, row[0] = row[0], i
        for j, h in enumerate(hyp, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (r != h))
    return row[-1]


def speak(text: str, folder: Path, n: int) -> bytes:
    path = folder / f"{n}.wav"
    subprocess.run(["espeak-ng", "-v", "en-us", "-s", "150", "-w", str(path), text], check=True,
                   capture_output=True)
    return path.read_bytes()


def with_noise(data: bytes, snr_db: float, seed: int) -> bytes:
    """The recording with white noise ``snr_db`` below its speech (as a 16-bit WAV at its own rate)."""
    with wave.open(io.BytesIO(data)) as w:
        rate, samples = w.getframerate(), np.frombuffer(w.readframes(w.getnframes()), "<i2").astype(np.float64)
    power = np.mean(np.square(samples[np.abs(samples) > 100])) if np.any(np.abs(samples) > 100) else 1.0
    noise = np.random.default_rng(seed).normal(0.0, np.sqrt(power / 10 ** (snr_db / 10)), len(samples))
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes((samples + noise).clip(-32768, 32767).astype("<i2").tobytes())
    return out.getvalue()


def _quantiles(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {"p50": round(statistics.median(ordered), 3), "p95": round(ordered[int(0.95 * (len(ordered) - 1))], 3)}


def run_condition(rows: list[tuple[str, str, bytes]], settings: Settings) -> dict[str, object]:
    engine = open_transcriber(settings)
    errors = ref_words = 0
    spoken_right = typed_right = agree = empty = 0
    per_second: list[float] = []
    cpu_per_second: list[float] = []
    decode_per_second: list[float] = []
    examples = []
    for n, (text, emotion, data) in enumerate(rows):
        start, cpu = time.perf_counter(), time.process_time()
        audio = decode_for(settings, data)
        decoded = time.perf_counter() - start
        heard = engine.transcribe(audio)
        per_second.append((time.perf_counter() - start) / audio.seconds)
        cpu_per_second.append((time.process_time() - cpu) / audio.seconds)
        decode_per_second.append(decoded / audio.seconds)
        ref, hyp = words(text), words(heard.text)
        errors += edit_distance(ref, hyp)
        ref_words += len(ref)
        typed = analyze_text(text, settings=settings).emotion
        spoken = analyze_text(heard.text, settings=settings).emotion if hyp else "neutral"
        empty += not hyp
        typed_right += typed == emotion
        spoken_right += spoken == emotion
        agree += spoken == typed
        if n % 15 == 0:
            examples.append({"said": text, "heard": heard.text, "label": emotion, "typed": typed, "spoken": spoken})
    total = len(rows)
    return {
        "sentences": total, "words": ref_words, "wer": round(errors / ref_words, 4), "no_words_heard": empty,
        "emotion_accuracy_typed": round(typed_right / total, 4),
        "emotion_accuracy_spoken": round(spoken_right / total, 4),
        "spoken_agrees_with_typed": round(agree / total, 4),
        "seconds_per_audio_second": _quantiles(per_second),
        "cpu_seconds_per_audio_second": _quantiles(cpu_per_second),
        "decode_seconds_per_audio_second": _quantiles(decode_per_second),
        "examples": examples,
    }


def human_speech(settings: Settings) -> dict[str, object]:
    """WER and latency on the five LibriVox clips (one human reader; no emotion labels)."""
    engine = open_transcriber(settings)
    errors = ref_words = 0
    per_second: list[float] = []
    cpu_per_second: list[float] = []
    heard = []
    for clip in sorted(LIBRIVOX.glob("*.flac")):
        start, cpu = time.perf_counter(), time.process_time()
        audio = decode_for(settings, clip.read_bytes())
        text = engine.transcribe(audio).text
        per_second.append((time.perf_counter() - start) / audio.seconds)
        cpu_per_second.append((time.process_time() - cpu) / audio.seconds)
        ref = words(clip.with_suffix(".txt").read_text(encoding="utf-8"))
        errors += edit_distance(ref, words(text))
        ref_words += len(ref)
        heard.append({"said": " ".join(ref), "heard": text})
    return {"clips": len(heard), "words": ref_words, "wer": round(errors / ref_words, 4),
            "seconds_per_audio_second": _quantiles(per_second),
            "cpu_seconds_per_audio_second": _quantiles(cpu_per_second), "examples": heard}


def main(per_class: int = PER_CLASS) -> dict[str, object]:
    if shutil.which("espeak-ng") is None:
        raise SystemExit("bench_voice needs espeak-ng: apt-get install espeak-ng")
    settings = Settings()
    sentences = held_out(per_class)
    with tempfile.TemporaryDirectory() as folder:
        clean = [(t, e, speak(t, Path(folder), n)) for n, (t, e) in enumerate(sentences)]
    noisy = [(t, e, with_noise(d, SNR_DB, n)) for n, (t, e, d) in enumerate(clean)]
    seconds = [decode_for(settings, d).seconds for _, _, d in clean]
    return {
        "engine": engine_name(settings),
        "speech": "synthetic: espeak-ng en-us, 150 wpm, reading GoEmotions test sentences",
        "audio_seconds": {"total": round(sum(seconds), 1), "mean": round(statistics.fmean(seconds), 2)},
        "human_librivox": human_speech(settings),
        "clean": run_condition(clean, settings),
        f"white_noise_{SNR_DB:g}db_snr": run_condition(noisy, settings),
    }


if __name__ == "__main__":
    per = int(sys.argv[1]) if len(sys.argv) > 1 else PER_CLASS
    print(json.dumps(main(per), indent=2))
