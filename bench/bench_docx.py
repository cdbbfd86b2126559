"""Speed of the Word loader on a long generated plan (issue 6: a 200-page, 200-table DOCX).

Run: python bench/bench_docx.py [--runs N] [--tables T]. Generates (once, cached in the temp
folder) a Word file of T tables, one per page, each a task table of 20 rows with a merged group
row, a lead cell merged over three rows, multi-line cells and Vietnamese text, plus a heading and
a paragraph per page. Then times, in turn and in the same process:
  - planwatch's loader (``load_file``: body XML, styles, numbering, spans, grids);
  - the baseline: python-docx opening the file and reading ``cell.text`` of every cell.
Prints both medians and the median of the per-run ratios. Targets: <= 10 s and <= 3x.

Then hostile files (issue 7): each must be refused by the Word loader with a LoadError in bounded
time and memory; prints the median time of the refusal and the peak Python heap it took
(tracemalloc; lxml allocates outside it). The file's bytes are read first, as ``load_file`` does.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
import tracemalloc
import zipfile
from pathlib import Path

ROWS = 20
COLUMNS = ("TT", "Nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian thực hiện", "Kết quả")
AGENCIES = ("Sở Khoa học và Công nghệ", "Sở Tài chính", "Ủy ban nhân dân các xã, phường", "Công an tỉnh")
TITLE = "Rà soát, hoàn thiện cơ sở dữ liệu {field} {area} phục vụ chuyển đổi số, bước {n}"
FIELDS = ("đất đai", "xây dựng", "giáo dục", "y tế", "giao thông", "nông nghiệp", "du lịch", "tài chính", "tư pháp",
          "văn hóa", "lao động", "môi trường", "công thương", "nội vụ", "dân tộc", "khoa học", "thuế", "hải quan",
          "bảo hiểm", "thống kê")
AREAS = ("miền núi", "vùng cao", "đô thị", "nông thôn", "biên giới", "ven biển", "trung du", "hải đảo", "đồng bằng",
         "cao nguyên")


def generate(path: Path, tables: int) -> None:
    """A Word file with ``tables`` pages, one task table on each."""
    from docx import Document

    document = Document()
    for t in range(tables):
        document.add_heading(f"Phụ lục {t + 1}: nhiệm vụ của nhóm {t + 1}", level=2)
        document.add_paragraph("Các cơ quan, đơn vị triển khai theo bảng dưới đây; báo cáo kết quả hằng quý.")
        table = document.add_table(rows=ROWS, cols=len(COLUMNS))
        table.style = "Table Grid"
        for c, name in enumerate(COLUMNS):
            table.rows[0].cells[c].text = name
        group = table.cell(1, 0).merge(table.cell(1, len(COLUMNS) - 1))
        group.text = f"{t + 1}. Nhóm nhiệm vụ chuyển đổi số"
        for r in range(2, ROWS):
            cells = table.rows[r].cells
            cells[0].text = str(r - 1)
            field, area = FIELDS[t % len(FIELDS)], AREAS[t // len(FIELDS) % len(AREAS)]
            cells[1].text = TITLE.format(field=field, area=area, n=r - 1)
            cells[2].text = AGENCIES[r % len(AGENCIES)]
            cells[3].text = f"{AGENCIES[(r + 1) % len(AGENCIES)]}\n{AGENCIES[(r + 2) % len(AGENCIES)]}"
            cells[4].text = f"Quý {1 + r % 4}/2026"
            cells[5].text = "Báo cáo kết quả thực hiện"
        lead = table.cell(2, 2).merge(table.cell(4, 2))
        lead.text = AGENCIES[0]
        if t < tables - 1:
            document.add_page_break()
    document.save(str(path))


def read_with_python_docx(path: Path) -> int:
    from docx import Document

    document = Document(str(path))
    return sum(len(cell.text) for table in document.tables for row in table.rows for cell in row.cells)


def hostile_files(folder: Path, real: Path) -> dict[str, Path]:
    """Damaged and hostile .docx files, written once into ``folder``."""
    folder.mkdir(exist_ok=True)
    files = {name: folder / f"{name}.docx" for name in
             ("random-bytes", "truncated", "zip-bomb-200MB", "20000-parts", "deep-xml", "no-document")}
    if all(path.exists() for path in files.values()):
        return files
    files["random-bytes"].write_bytes(os.urandom(1024 * 1024))
    data = real.read_bytes()
    files["truncated"].write_bytes(data[: len(data) // 2])
    with zipfile.ZipFile(files["zip-bomb-200MB"], "w", zipfile.ZIP_DEFLATED) as package, \
            package.open("word/document.xml", "w") as part:
        for _ in range(200):
            part.write(b"\x00" * (1024 * 1024))
    with zipfile.ZipFile(files["20000-parts"], "w") as package:
        for n in range(20_000):
            package.writestr(f"word/media/{n}.xml", b"")
    deep = b"<w:hyperlink>" * 50_000
    with zipfile.ZipFile(files["deep-xml"], "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("word/document.xml", b'<w:document xmlns:w="http://schemas.openxmlformats.org/'
                         b'wordprocessingml/2006/main"><w:body><w:p>' + deep)
    with zipfile.ZipFile(files["no-document"], "w") as package:
        package.writestr("word/styles.xml", b"<styles/>")
    return files


def bench_hostile(real: Path, runs: int) -> None:
    """Refusals of the Word loader itself (the file's bytes already read by ``load_file``)."""
    from extract.errors import LoadError
    from extract.load.docx import docx_to_raw

    for name, path in hostile_files(Path(tempfile.gettempdir()) / "planwatch-bench-hostile-docx", real).items():
        data = path.read_bytes()
        times, message = [], ""
        for _ in range(runs):
            start = time.perf_counter()
            try:
                docx_to_raw(data, source=name, sha256="")
            except LoadError as error:
                message = error.reason
            times.append(time.perf_counter() - start)
        tracemalloc.start()
        try:
            docx_to_raw(data, source=name, sha256="")
        except LoadError:
            pass
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(f"{name:<16} {len(data) // 1024:>7} KiB  refused in {statistics.median(times) * 1000:7.1f} ms, "
              f"peak {peak / 2**20:6.1f} MiB: {message[:70] or 'NOT REFUSED'}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--tables", type=int, default=200)
    args = parser.parse_args()
    path = Path(tempfile.gettempdir()) / f"planwatch-bench-{args.tables}-tables-v3.docx"
    if not path.exists():
        start = time.perf_counter()
        generate(path, args.tables)
        print(f"generated {path} in {time.perf_counter() - start:.1f} s")

    from extract.load import load_file

    raw = load_file(path)
    grids = [b.grid for b in raw.blocks if b.grid is not None]
    print(f"{path.name}: {path.stat().st_size // 1024} KiB, {raw.pages} pages, {len(grids)} grids, "
          f"{sum(g.height for g in grids)} rows")
    from extract import extract_file

    start = time.perf_counter()
    tasks = len(extract_file(path).tasks)
    print(f"whole extraction (for information): {time.perf_counter() - start:.2f} s, {tasks} tasks")
    read_with_python_docx(path)  # warm both
    ours, theirs, ratios = [], [], []
    for _ in range(args.runs):
        start = time.perf_counter()
        load_file(path)
        a = time.perf_counter() - start
        start = time.perf_counter()
        read_with_python_docx(path)
        b = time.perf_counter() - start
        ours.append(a), theirs.append(b), ratios.append(a / b)
    print(f"planwatch load_file        median {statistics.median(ours):6.2f} s   (target <= 10 s)")
    print(f"python-docx every cell     median {statistics.median(theirs):6.2f} s   baseline")
    print(f"ratio (median of per-run)         {statistics.median(ratios):6.2f}x  (target <= 3x)")
    print()
    bench_hostile(path, args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
