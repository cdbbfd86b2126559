"""Speed and memory of the PDF loader (issue 7), with bare pdfplumber measured in the same run.

Run: python bench/bench_pdf.py [--runs N] [--ocr]. Prints medians and ratios.
  - pages/s of ``pdf_to_raw`` vs bare pdfplumber (``extract_tables`` + ``extract_text`` on every
    page, each page closed) on the same born-digital pages: target ratio >= 0.8.
  - peak RSS of loading a 200-page PDF vs a 20-page one, each in a fresh process: target <= 1.5x.
  - with --ocr: OCR pages/s on the 5-page scan with 1 and 2 workers.
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
import resource, sys
sys.path.insert(0, {root!r})
from extract.load.pdf import pdf_to_raw
pdf_to_raw({path!r}, ocr=None)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
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
        from extract.load.ocr import default_engine, ocr_pages

        engine = default_engine()
        if engine is None:
            print("OCR: tesseract with the Vietnamese model is not installed")
            return 0
        for workers in (1, 2):
            start = time.perf_counter()
            ocr_pages(str(SCAN), range(5), engine, workers=workers)
            print(f"OCR {workers} worker(s)       {5 / (time.perf_counter() - start):6.2f} pages/s  (5-page scan, 300 dpi)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
