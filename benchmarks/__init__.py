"""Speed and quality benchmarks (``make bench`` = ``python -m benchmarks``). Never run as unit tests.

Each ``benchmarks/bench_<part>.py`` has ``main() -> dict``; the runner prints the result and writes it to
``benchmarks/results/<part>.json``.
"""
