"""Speed figures of issue 6: task-table reading is linear in rows, and kh179 is read quickly.

Run: python bench/bench_tables.py [--runs N] [--corpus DIR]. Prints medians measured in the same
run and their ratios:
  - one generated 10,000-row task table vs ten 1,000-row ones (the same rows cut in ten
    documents): target ratio <= 2 (linear, not quadratic, in rows);
  - extract_file of the 94-task kh179 Markdown page, warm: target <= 0.2 s (reading and
    NFC-normalising the same file is printed beside it as the floor).
"""

from __future__ import annotations

import argparse
import statistics
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

from extract import extract_file, extract_text

ROOT = Path(__file__).resolve().parent.parent
KH179 = "vi/kh179-dongnai-kinhteso-2026-2030.md"
AGENCIES = ["Sở Khoa học và Công nghệ", "Sở Tài chính", "Sở Nội vụ", "Sở Y tế", "Sở Xây dựng", "Công an tỉnh"]
FRAMES = ["Quý II/2026", "2026 - 2030", "Thường xuyên", "Tháng 12/2025", "Trước ngày 30/9/2026"]
HEADER = "| TT | Nhiệm vụ | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian thực hiện | Sản phẩm |\n|---|---|---|---|---|---|\n"


def table_document(rows: int, offset: int = 0) -> str:
    """A plan appendix: one task table of ``rows`` rows, a group row every 20 rows."""
    lines = ["# PHỤ LỤC", "", HEADER.rstrip("\n")]
    group = 0
    for at in range(offset, offset + rows):
        if at % 20 == 0:
            group += 1
            lines.append(f"| {group} | Nhóm nhiệm vụ số {at // 20 + 1} | | | | |")
        lead, coop = AGENCIES[at % 6], AGENCIES[(at + 1) % 6]
        lines.append(
            f"| {group}.{at % 20 + 1} | Triển khai nhiệm vụ chuyển đổi số số {at} trên địa bàn tỉnh | {lead} | {coop}; UBND các xã | {FRAMES[at % 5]} | Báo cáo {at} |"
        )
    return "\n".join(lines) + "\n"


def median(action: Callable[[], object], runs: int) -> float:
    action()  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent.parent / "shared" / "corpus")
    args = parser.parse_args()

    big = table_document(10_000)
    small = [table_document(1_000, 1_000 * k) for k in range(10)]
    one = median(lambda: extract_text(big, source="big.md"), max(1, args.runs // 2))
    ten = median(lambda: [extract_text(doc, source=f"small{k}.md") for k, doc in enumerate(small)], max(1, args.runs // 2))
    print(f"10,000-row table: {one:.2f} s; 10 x 1,000-row tables: {ten:.2f} s; ratio {one / ten:.2f} (target <= 2)")

    path = args.corpus / KH179
    if path.is_file():
        warm = median(lambda: extract_file(path), args.runs)
        floor = median(lambda: unicodedata.normalize("NFC", path.read_text(encoding="utf-8")), args.runs)
        print(f"kh179 warm extract_file: {warm:.3f} s (target <= 0.2 s); read+NFC: {floor * 1000:.1f} ms; ratio {warm / floor:.0f}x")
    else:
        print(f"kh179 not found at {path}; pass --corpus")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
