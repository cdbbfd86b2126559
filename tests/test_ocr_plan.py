"""OCR of two scanned pages of the generated long plan: cells read one by one, the table
stitched across the page break, and every fact marked as read by OCR (flag, lower confidence)."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from extract.load.ocr import default_engine
from extract.load.pdf import pdf_to_raw
from extract.pipeline import raw_to_extraction

PLAN = Path(__file__).parent.parent / "corpus" / "make" / "out"
pytestmark = pytest.mark.skipif(default_engine() is None, reason="tesseract with its Vietnamese model is not installed")


def _scan(out: Path, pages: int = 2) -> Path:
    """The plan's first pages as an image-only PDF, turned a little and speckled like a scan."""
    pdfium = pytest.importorskip("pypdfium2")
    from PIL import Image

    rng = random.Random(3)
    document = pdfium.PdfDocument(str(PLAN / "long-plan.pdf"))
    images = []
    for index in range(pages):
        image = document[index].render(scale=300 / 72, grayscale=True).to_pil().convert("L")
        image = image.rotate(rng.choice((-0.5, 0.4)), resample=Image.BILINEAR, fillcolor=255)
        pixels = image.load()
        for _ in range(image.width * image.height // 500):
            pixels[rng.randrange(image.width), rng.randrange(image.height)] = rng.choice((0, 255))
        images.append(image)
    images[0].save(out, save_all=True, append_images=images[1:], resolution=300)
    return out


def test_scanned_plan_pages_give_the_table_and_ocr_marked_tasks(tmp_path: Path) -> None:
    from rapidfuzz.distance import Levenshtein

    raw = pdf_to_raw(_scan(tmp_path / "scan.pdf"), ocr_workers=2)
    grids = [b.grid for b in raw.blocks if b.grid is not None]
    assert len(grids) == 1 and {o.page for o in grids[0].origins} == {1, 2}  # stitched
    assert {b.reading for b in raw.blocks} == {"ocr"} and "ocr" in grids[0].flags
    rows = [[" ".join(t.split()) for t in grids[0].texts(r)] for r in range(grids[0].height)]
    expected = json.loads((PLAN / "long-plan.json").read_text(encoding="utf-8"))["rows"][: len(rows)]
    # Lone numbers in the TT column are read too (a digit alone on its line is still misread at times).
    numbers = [got[0] == want[0] for got, want in zip(rows, expected, strict=True)]
    assert sum(numbers) >= 0.85 * len(numbers) and rows[1][0] == "I"
    # The last row goes on past the excerpt's last page: its title is cut.
    titles = [(got[1], want[1]) for got, want in zip(rows[:-1], expected, strict=False) if want[0].isdigit()]
    close = [Levenshtein.distance(got, want) <= 0.02 * len(want) for got, want in titles]
    assert len(titles) >= 7 and sum(close) >= len(titles) - 1
    doc = raw_to_extraction(raw)
    assert len(doc.tasks) >= len(titles) - 1  # a misread number can join a row to the one above
    assert all("ocr" in t.flags and t.confidence < 0.8 for t in doc.tasks)
