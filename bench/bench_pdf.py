"""Speed and memory of the PDF loader (issue 7), with bare pdfplumber measured in the same run.

Run: python bench/bench_pdf.py [--runs N] [--ocr]. Prints medians and ratios.
  - pages/s of ``pdf_to_raw`` vs bare pdfplumber (``extract_tables`` + ``extract_text`` on every
    page, each page closed) on the same born-digital pages: target ratio >= 0.8.
  - peak RSS of loading a 200-page PDF vs a 20-page one, each in a fresh process: target <= 1.5x.
  - with --ocr: OCR pages/s on the 5-page scan with 1 and 2 workers (medians), and a PDF of
    born-digital pages with the scan inserted: how many pages went to OCR (only the scanned ones).
The long PDFs are made here by repeating the pages of a real printed plan (tables and text).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "corpus" / "pdf" / "laocai-kh-ct11-khoangsan-2026.pdf"
SCAN = ROOT / "corpus" / "pdf" / "cv4214-bca-scanned.pdf"

RSS_SCRIPT = """
import sys
sys.path.insert(0, {root!r})
from bench.peak_memory import own_peak_kib
from extract.load.pdf import pdf_to_raw
pdf_to_raw({path!r}, ocr=None)
print(own_peak_kib())
"""


def make_pdf(pages: int, out: Path) -> Path:
    """A PDF of ``pages`` pages repeating the source plan's pages."""
    import pypdfium2 as pdfium

    source = pdfium.PdfDocument(str(SOURCE))
    document = pdfium.PdfDocument.new()
    while len(document) < pages:
        take = min(len(source), pages - len(document))
        document.import_pages(source, list(range(take)))
    document.save(str(out))
    return out


def bare_pdfplumber(path: Path) -> int:
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            page.extract_tables()
            page.extract_text()
            page.close()
        return len(pdf.pages)


def loader(path: Path) -> int:
    from extract.load.pdf import pdf_to_raw

    return pdf_to_raw(path, ocr=None).pages or 0


def timed(function, path: Path) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    pages = function(path)
    return time.perf_counter() - start, pages


def peak_rss_kb(path: Path) -> int:
    done = subprocess.run(
        [sys.executable, "-c", RSS_SCRIPT.format(root=str(ROOT), path=str(path))], capture_output=True, text=True, check=True
    )
    return int(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--ocr", action="store_true", help="also time OCR of the scan with 1 and 2 workers")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        small, large = make_pdf(20, Path(folder) / "p20.pdf"), make_pdf(200, Path(folder) / "p200.pdf")
        ours, bare, ratios = [], [], []
        timed(loader, small), timed(bare_pdfplumber, small)  # warm-up
        for _ in range(args.runs):
            (t_ours, pages), (t_bare, _) = timed(loader, small), timed(bare_pdfplumber, small)
            ours.append(pages / t_ours), bare.append(pages / t_bare), ratios.append(t_bare / t_ours)
        print(f"pdf_to_raw            median {statistics.median(ours):6.1f} pages/s  (20 pages, {args.runs} runs)")
        print(f"bare pdfplumber       median {statistics.median(bare):6.1f} pages/s  baseline")
        print(f"speed ratio           median {statistics.median(ratios):6.2f}x  (target >= 0.8)")
        rss_small = statistics.median(peak_rss_kb(small) for _ in range(3))
        rss_large = statistics.median(peak_rss_kb(large) for _ in range(3))
        print(f"peak RSS  20 pages    median {rss_small / 1024:6.1f} MiB")
        print(f"peak RSS 200 pages    median {rss_large / 1024:6.1f} MiB  ratio {rss_large / rss_small:.2f}x (target <= 1.5)")
    if args.ocr:
        return ocr_figures(max(1, min(args.runs, 3)))
    return 0


class CountingEngine:
    """The installed engine, counting the page images it is given (pages read by OCR)."""

    def __init__(self, engine) -> None:  # type: ignore[no-untyped-def]
        self.engine, self.name, self.images = engine, engine.name, 0

    def image_to_words(self, png: bytes, dpi: int, *, block: bool = False):  # type: ignore[no-untyped-def]
        self.images += 0 if block else 1
        return self.engine.image_to_words(png, dpi, block=block)


def mixed_pdf(out: Path) -> Path:
    """The 20-page printed plan with the 5-page scan inserted after its first page."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(SOURCE))
    document.import_pages(pdfium.PdfDocument(str(SCAN)), list(range(5)), index=1)
    document.save(str(out))
    return out


def ocr_figures(runs: int) -> int:
    """OCR pages/s with 1 and 2 workers (medians), and OCR limited to the pages that need it."""
    from extract.load.ocr import default_engine, ocr_pages
    from extract.load.pdf import pdf_to_raw

    engine = default_engine()
    if engine is None:
        print("OCR: tesseract with the Vietnamese model is not installed")
        return 0
    speeds: dict[int, list[float]] = {1: [], 2: []}
    for _ in range(runs):
        for workers in (1, 2):
            start = time.perf_counter()
            ocr_pages(str(SCAN), range(5), engine, workers=workers)
            speeds[workers].append(5 / (time.perf_counter() - start))
    one, two = statistics.median(speeds[1]), statistics.median(speeds[2])
    print(f"OCR 1 worker          median {one:6.2f} pages/s  (5-page scan, 300 dpi, {runs} runs)")
    print(f"OCR 2 workers         median {two:6.2f} pages/s  ratio {two / one:.2f}x over 1 worker")
    with tempfile.TemporaryDirectory() as folder:
        mixed = mixed_pdf(Path(folder) / "mixed.pdf")
        counting = CountingEngine(engine)
        start = time.perf_counter()
        raw = pdf_to_raw(mixed, ocr=counting, ocr_workers=2)
        seconds = time.perf_counter() - start
    print(f"mixed PDF             {raw.pages} pages, {counting.images} read by OCR (the scanned ones), {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
