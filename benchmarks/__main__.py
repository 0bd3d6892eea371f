"""Run every ``benchmarks/bench_*.py`` (or those named): ``python -m benchmarks [vision ...] [--list]``."""

from __future__ import annotations

import argparse
import importlib
import json
import platform
import sys
import time
import traceback
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"


def discover() -> list[str]:
    return sorted(p.stem.removeprefix("bench_") for p in HERE.glob("bench_*.py"))


def run(name: str) -> dict[str, object]:
    module = importlib.import_module(f"benchmarks.bench_{name}")
    started = time.perf_counter()
    result = module.main()
    return {
        "benchmark": name,
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"python": platform.python_version(), "cpu": platform.processor() or platform.machine(),
                    "cores": _cores()},
        "seconds": round(time.perf_counter() - started, 1),
        "results": result,
    }


def _cores() -> int | None:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("names", nargs="*", help=f"benchmarks to run (default: all of {discover()})")
    parser.add_argument("--list", action="store_true", help="list the benchmarks and exit")
    args = parser.parse_args(argv)
    if args.list:
        print("\n".join(discover()))
        return 0
    unknown = sorted(set(args.names) - set(discover()))
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; known: {', '.join(discover())}", file=sys.stderr)
        return 2
    RESULTS.mkdir(exist_ok=True)
    failed = []
    for name in args.names or discover():
        print(f"== {name}", flush=True)
        try:
            record = run(name)
        except Exception:  # one broken benchmark must not hide the others' numbers
            traceback.print_exc()
            failed.append(name)
            continue
        out = RESULTS / f"{name}.json"
        out.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
        print(json.dumps(record["results"], indent=2))
        print(f"-> {out.relative_to(HERE.parent)} ({record['seconds']} s)", flush=True)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
