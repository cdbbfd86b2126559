"""Speed figures of issues 6 and 11: task-table reading is linear in rows, and real plans are read quickly.

Run: python bench/bench_tables.py [--runs N] [--corpus DIR]. Prints medians measured in the same
run and their ratios (CPU seconds of the process, so that other load on the machine counts less):
  - one generated 10,000-row task table vs ten 1,000-row ones (the same rows cut in ten
    documents): target ratio <= 2 (linear, not quadratic, in rows);
  - a table cut by page breaks (a page number between pieces, the header repeated on every
    other page), 1,000 vs 16,000 rows: target ratio <= 18 (issue 11);
  - the 94-task kh179 Markdown page and the 141-task nq03 appendix, each extracted for the
    first time in a fresh process already warmed on other documents (language data loaded,
    patterns compiled; what a long ingest sees), and again in the same process:
    kh179 target <= 0.2 s; reading and NFC-normalising the file is printed beside it as the floor;
  - per task row on those two files: the task-table stages (stitching, task rows, agency
    linking) over the tasks read, target <= 0.25 ms; the whole extraction per task beside it.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

from extract import extract_text

ROOT = Path(__file__).resolve().parent.parent
KH179 = "kh179-dongnai-kinhteso-2026-2030.md"
NQ03 = "nq03-cp-2025-phuluc2-nhiemvu.md"
WARM_UP = ["003_c754e10d2d6fc772.txt", "nq03-cp-2025-phuluc1-chitieu.md", "kh552-dongthap-doimoicongnghe-2035.md",
           "vietnamplus-quangninh-digital-transformation.txt"]
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


def page_split_document(rows: int, offset: int = 0, per_page: int = 25) -> str:
    """One task table cut into pages of ``per_page`` rows: a printed page number between pieces,
    the header repeated on odd pages only (even pages continue header-less: their first task row
    stands where a pipe table's header goes, as a converter writes such a piece)."""
    lines = ["# PHỤ LỤC", ""]
    for page, start in enumerate(range(offset, offset + rows, per_page)):
        if page:
            lines += ["", str(page + 1), ""]
        if page % 2 == 0:
            lines.append(HEADER.rstrip("\n"))
        for at in range(start, min(start + per_page, offset + rows)):
            lead, coop = AGENCIES[at % 6], AGENCIES[(at + 1) % 6]
            lines.append(f"| {at + 1} | Triển khai nhiệm vụ số {at} trên địa bàn tỉnh | {lead} | {coop} | {FRAMES[at % 5]} | Báo cáo {at} |")
            if page % 2 and at == start:
                lines.append("|---|---|---|---|---|---|")
    return "\n".join(lines) + "\n"


def median(action: Callable[[], object], runs: int) -> float:
    """Median CPU seconds of ``action`` (after one warm-up call)."""
    action()  # warm-up
    times = []
    for _ in range(runs):
        start = time.process_time()
        action()
        times.append(time.process_time() - start)
    return statistics.median(times)


# A child process: warm up on other documents, then time the first and a second extraction of
# one file, with the task-table stages timed apart (stitching, task rows, agency linking).
CHILD = """
import json, sys, time
from pathlib import Path
import extract.fields.collect as collect, extract.link as link, extract.tables as tables
from extract import extract_file
spent = {"tables": 0.0}
def timed(module, name):
    inner = getattr(module, name)
    def wrapper(*args, **kwargs):
        start = time.process_time()
        try:
            return inner(*args, **kwargs)
        finally:
            spent["tables"] += time.process_time() - start
    setattr(module, name, wrapper)
for module, name in ((tables, "blocks_to_task_tables"), (collect, "table_to_tasks"), (link, "tasks_to_linked")):
    timed(module, name)
for path in sys.argv[2:]:
    extract_file(path)
out = []
for _ in range(2):
    spent["tables"] = 0.0
    start = time.process_time()
    document = extract_file(sys.argv[1])
    out.append([time.process_time() - start, spent["tables"], len(document.tasks)])
print(json.dumps(out))
"""


def first_seen(path: Path, corpus: Path, runs: int) -> tuple[list[float], list[float]]:
    """Medians over ``runs`` fresh processes of [seconds, table seconds, tasks] for the first
    extraction of ``path`` (after the warm-up documents) and for a second one."""
    warm = [str(corpus / name) for name in WARM_UP if name != path.name and (corpus / name).is_file()]
    results = []
    for _ in range(runs):
        done = subprocess.run([sys.executable, "-c", CHILD, str(path), *warm], capture_output=True, text=True, cwd=ROOT)
        if done.returncode != 0:
            raise SystemExit(f"extracting {path} failed: {done.stderr.strip()[-500:]}")
        results.append(json.loads(done.stdout))
    first = [statistics.median(r[0][k] for r in results) for k in range(3)]
    again = [statistics.median(r[1][k] for r in results) for k in range(3)]
    return first, again


def median_fresh(make: Callable[[int], str], runs: int) -> float:
    """Median CPU seconds of extracting ``make(k)`` for k = 1 .. runs, after a warm-up on
    ``make(0)``: each run reads a document of new cell texts, so what one run left in the
    per-cell caches (4,096 normalised cells) cannot make the next cheaper, whatever its size."""
    extract_text(make(0), source="pages.md")
    times = []
    for k in range(1, runs + 1):
        document = make(k)
        start = time.process_time()
        extract_text(document, source="pages.md")
        times.append(time.process_time() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus" / "docs")
    args = parser.parse_args()

    big = table_document(10_000)
    small = [table_document(1_000, 1_000 * k) for k in range(10)]
    one = median(lambda: extract_text(big, source="big.md"), max(1, args.runs // 2))
    ten = median(lambda: [extract_text(doc, source=f"small{k}.md") for k, doc in enumerate(small)], max(1, args.runs // 2))
    print(f"10,000-row table: {one:.2f} s; 10 x 1,000-row tables: {ten:.2f} s; ratio {one / ten:.2f} (target <= 2)")

    split = {rows: median_fresh(lambda k, rows=rows: page_split_document(rows, 100_000 * (k + 1)), max(1, args.runs // 2))
             for rows in (1_000, 16_000)}
    print(f"page-split table: 1,000 rows {split[1_000]:.2f} s; 16,000 rows {split[16_000]:.2f} s; "
          f"ratio {split[16_000] / split[1_000]:.1f} (target <= 18)")

    for name, target in ((KH179, 0.2), (NQ03, None)):
        path = args.corpus / name
        if not path.is_file():
            print(f"{name} not found in {args.corpus}; pass --corpus")
            continue
        (first, tables, tasks), (again, _, _) = first_seen(path, args.corpus, args.runs)
        floor = median(lambda path=path: unicodedata.normalize("NFC", path.read_text(encoding="utf-8")), args.runs)
        goal = f" (target <= {target} s)" if target else ""
        print(f"{name}: first extraction in a warm process {first:.3f} s{goal}, again {again:.3f} s; "
              f"read+NFC {floor * 1000:.1f} ms, ratio {first / floor:.0f}x")
        print(f"{'':4}{tasks:.0f} tasks: task-table stages {tables / tasks * 1000:.3f} ms per task row (target <= 0.25); "
              f"whole extraction {first / tasks * 1000:.2f} ms per task")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
