"""Benchmark of text repair (not a test): syllables per second, warm lexicon, against a trivial pass.

Run: ``python bench/bench_repair.py [--runs N] [--copies N]``. The text is seed 003 (PDF-broken
table cells and clean prose) repeated, plus clean administrative paragraphs. The baseline is NFC
normalisation and a whitespace split over the same text, timed in the same run.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEED = Path(__file__).resolve().parent.parent / "corpus" / "docs" / "003_c754e10d2d6fc772.txt"
TARGET = 100_000  # syllables per second, warm
CLEAN = (
    "Ủy ban nhân dân tỉnh ban hành Kế hoạch chuyển đổi số năm 2025, xây dựng cơ sở dữ liệu dùng "
    "chung, cung cấp dịch vụ công trực tuyến toàn trình; Sở Thông tin và Truyền thông chủ trì, "
    "phối hợp với các sở, ban, ngành và UBND các huyện, thành phố triển khai thực hiện trước "
    "ngày 31/12/2025, báo cáo kết quả về Ủy ban nhân dân tỉnh theo quy định.\n"
)
COLD_LOAD = (
    "import time; t = time.perf_counter(); from extract.lexicon import lexicon, is_well_formed; "
    "lexicon(); is_well_formed('a'); print(time.perf_counter() - t)"
)


def bench_text(copies: int) -> str:
    """Seed 003 and clean paragraphs, ``copies`` times each."""
    seed = SEED.read_text(encoding="utf-8") if SEED.is_file() else ""
    return (seed + CLEAN * 20) * copies


def trivial_pass(text: str) -> int:
    """The baseline: NFC normalisation and a whitespace split."""
    return len(unicodedata.normalize("NFC", text).split())


def time_runs(func: object, text: str, runs: int) -> list[float]:
    """Wall-clock seconds of ``func(text)``, ``runs`` times."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func(text)  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return times


def cold_load_seconds(runs: int) -> list[float]:
    """Lexicon and syllable-rule load time, each in a fresh interpreter."""
    out = []
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-c", COLD_LOAD], capture_output=True, text=True, check=True, cwd=ROOT
        )
        out.append(float(done.stdout))
    return out


def main() -> None:
    """Print medians of repair and baseline throughput, their ratio, and the cold load time."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--copies", type=int, default=20)
    args = parser.parse_args()

    from extract.repair import repair_text

    text = bench_text(args.copies)
    syllables = len(text.split())
    repair_text(text)  # warm: lexicon, syllable rules, caches
    repair_times = time_runs(repair_text, text, args.runs)
    base_times = time_runs(trivial_pass, text, args.runs)
    repair_rate = syllables / statistics.median(repair_times)
    base_rate = syllables / statistics.median(base_times)
    cold = cold_load_seconds(max(3, args.runs // 2))

    print(f"text: {syllables:,} syllables (whitespace tokens), {len(text):,} characters, {args.runs} runs")
    print(f"repair_text (warm)     median {statistics.median(repair_times) * 1000:8.1f} ms  "
          f"{repair_rate:12,.0f} syllables/s")
    print(f"baseline NFC + split   median {statistics.median(base_times) * 1000:8.1f} ms  "
          f"{base_rate:12,.0f} syllables/s")
    print(f"ratio baseline/repair  {base_rate / repair_rate:.1f}x slower than the trivial pass")
    print(f"cold lexicon load      median {statistics.median(cold) * 1000:8.1f} ms over {len(cold)} runs")
    verdict = "meets" if repair_rate >= TARGET else "BELOW"
    print(f"target {TARGET:,} syllables/s: {verdict}")


if __name__ == "__main__":
    main()
