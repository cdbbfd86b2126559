"""Speed figures of issue 2: start-up of `planwatch --help` and warm extraction of seed 003.

Run: python bench/bench_speed.py [--runs N]. Prints medians with a baseline measured in the
same run, and the ratio, so that a noisy machine still gives a fair comparison.
  - `planwatch --help` (a fresh process each time) vs `python -c pass`: target < 0.5 s.
  - extract_file(seed 003), warm, in process vs reading and NFC-normalising the same file:
    target < 0.3 s.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "docs" / "003_c754e10d2d6fc772.txt"


def timed(command: list[str]) -> float:
    """Seconds one command takes as a whole process; a failing command stops the benchmark."""
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {done.stderr.strip()[-500:]}")
    return time.perf_counter() - start


def median_pair(first: list[str], second: list[str], runs: int) -> tuple[float, float, float]:
    """Medians of two commands run in turn, and the median of their pairwise ratios."""
    a, b, ratios = [], [], []
    timed(first), timed(second)  # warm-up
    for _ in range(runs):
        x, y = timed(first), timed(second)
        a.append(x), b.append(y), ratios.append(x / y)
    return statistics.median(a), statistics.median(b), statistics.median(ratios)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    planwatch = shutil.which("planwatch") or str(Path(sys.executable).with_name("planwatch"))

    help_s, python_s, ratio = median_pair([planwatch, "--help"], [sys.executable, "-c", "pass"], args.runs)
    print(f"planwatch --help      median {help_s * 1000:7.1f} ms   (target < 500 ms)")
    print(f"python -c pass        median {python_s * 1000:7.1f} ms   baseline; ratio {ratio:.2f}x")

    from extract import extract_file

    extract_file(SEED)  # warm: language data, lexicon, compiled patterns
    work, base = [], []
    for _ in range(args.runs):
        start = time.perf_counter()
        extract_file(SEED)
        work.append(time.perf_counter() - start)
        start = time.perf_counter()
        unicodedata.normalize("NFC", SEED.read_text(encoding="utf-8")).split()
        base.append(time.perf_counter() - start)
    print(f"extract seed 003 warm median {statistics.median(work) * 1000:7.1f} ms   (target < 300 ms)")
    print(f"read + NFC baseline   median {statistics.median(base) * 1000:7.1f} ms   ratio {statistics.median(work) / statistics.median(base):.0f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
