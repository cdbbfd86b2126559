"""OCR of a scanned copy of the generated long plan: task titles recovered and their error rate.

Run: python bench/bench_ocr_plan.py [--pages N] [--workers 2]. Needs tesseract-ocr-vie.
The plan's PDF (corpus/make/out/long-plan.pdf) is rasterised at 300 dpi, given a slight skew
and speckle noise like a scan, saved as an image-only PDF, and read by ``pdf_to_raw`` (OCR).
Each expected title is looked up in the OCR text (best-matching span); a title counts as
recovered when its character error rate is at most 2 %. Target: >= 95 % of titles.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PLAN = ROOT / "corpus" / "make" / "out"
DPI = 300
SKEW_DEGREES = 0.6
NOISE_SHARE = 0.002  # share of pixels flipped to black or white
MAX_CER = 0.02


def scan_copy(source: Path, out: Path, pages: int, seed: int = 5) -> Path:
    """An image-only PDF of the first ``pages`` pages, skewed and speckled."""
    import pypdfium2 as pdfium
    from PIL import Image

    rng = random.Random(seed)
    document = pdfium.PdfDocument(str(source))
    images = []
    for index in range(min(pages, len(document))):
        image = document[index].render(scale=DPI / 72, grayscale=True).to_pil().convert("L")
        image = image.rotate(rng.uniform(-SKEW_DEGREES, SKEW_DEGREES), resample=Image.BILINEAR, fillcolor=255, expand=False)
        pixels = image.load()
        width, height = image.size
        for _ in range(int(NOISE_SHARE * width * height)):
            pixels[rng.randrange(width), rng.randrange(height)] = rng.choice((0, 255))
        images.append(image)
    images[0].save(out, save_all=True, append_images=images[1:], resolution=DPI)
    return out


def cer_in(title: str, text: str) -> float:
    """Character error rate of ``title`` against its best-matching span of ``text``."""
    from rapidfuzz.distance import Levenshtein
    from rapidfuzz.fuzz import partial_ratio_alignment

    alignment = partial_ratio_alignment(title, text)
    if alignment is None:
        return 1.0
    span = text[alignment.dest_start : alignment.dest_end]
    return Levenshtein.distance(title, span) / max(len(title), 1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=48)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    from extract.load.ocr import default_engine
    from extract.load.pdf import pdf_to_raw

    engine = default_engine()
    if engine is None:
        print("tesseract with the Vietnamese model is not installed")
        return 1
    rows = json.loads((PLAN / "long-plan.json").read_text(encoding="utf-8"))["rows"]
    with tempfile.TemporaryDirectory() as folder:
        scan = scan_copy(PLAN / "long-plan.pdf", Path(folder) / "scan.pdf", args.pages)
        start = time.perf_counter()
        raw = pdf_to_raw(scan, ocr=engine, ocr_workers=args.workers)
        seconds = time.perf_counter() - start
    text = " ".join(" ".join(b.text.split()) for b in raw.blocks if b.grid is None)
    cells = {" ".join(t.split()) for b in raw.blocks if b.grid for r in range(b.grid.height) for t in b.grid.texts(r)}
    text = " ".join([text, *sorted(cells)])
    pages_read = raw.pages or 0
    # Titles on the pages read: the plan's rows in order, as far as the text reaches.
    titles = [row[1] for row in rows[1:] if row[0].isdigit()]
    titles = titles[: max(1, round(len(titles) * pages_read / 48))] if pages_read < 48 else titles
    errors = [cer_in(title, text) for title in titles]
    good = sum(1 for e in errors if e <= MAX_CER)
    errors.sort()
    print(f"OCR {pages_read} pages in {seconds:.0f} s ({pages_read / seconds:.2f} pages/s, {args.workers} workers)")
    print(f"titles with CER <= 2 %: {good}/{len(titles)} = {good / len(titles):.1%} (target >= 95 %)")
    print(f"median title CER {errors[len(errors) // 2]:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
