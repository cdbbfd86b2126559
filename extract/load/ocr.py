"""The OCR seam: pages without a usable text layer, rasterised and read by an OCR engine.

An engine turns one page image into positioned words (the same dicts pdfplumber gives, in PDF
points), so the text builder treats OCR words like any others. Tesseract with its Vietnamese
model (Debian ``tesseract-ocr`` + ``tesseract-ocr-vie``) is the engine shipped; it is called as
a program, one page at a time, and only on the pages that need it. Another engine plugs in by
implementing ``OcrEngine``.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from typing import Any, Protocol

from extract.errors import LoadError
from extract.pattern_cache import compile_cached

DPI = 300
POINTS_PER_INCH = 72.0
TESSERACT_LANGUAGE = "vie"  # measured better alone than vie+eng on Vietnamese plans
TESSERACT_TIMEOUT = 120  # seconds per page
LINE_TO_FONT = 0.8  # a text line's box is about 1.25 font sizes high
MIN_CONFIDENCE = 10.0  # tesseract word confidence (0-100) below which a word is noise
PSM_PAGE = "3"  # tesseract page segmentation: a whole page, laid out automatically
PSM_BLOCK = "6"  # one uniform block of lines (a cell sheet)
INSTALL_HINT = "install planwatch[ocr] (tesseract-ocr-vie) to read them"

Word = dict[str, Any]
# Table rulings that the engine read as characters: a word made only of them, or hanging on a word.
RULING_ONLY = compile_cached(r"[|_\-—–=~^\[\]{}!:;.,'\"`]+")
BARS = compile_cached(r"\|+")
RULING_EDGES = compile_cached(r"^[|_—\[\]{}]+|[|_—\[\]{}]+$")
DASH = compile_cached(r"[-–—]")  # a dash standing alone: a range ("29/6/2026 - 09/7/2026") or a bullet


class OcrEngine(Protocol):
    """Reads one page image (PNG bytes at ``dpi``) into words positioned in PDF points."""

    name: str

    def image_to_words(self, png: bytes, dpi: int, *, block: bool = False) -> list[Word]:
        """``block``: the image is one block of lines (a cell sheet), not a page to lay out."""
        ...


class TesseractEngine:
    """Tesseract run as a program (``tesseract stdin stdout -l vie tsv``)."""

    name = "tesseract"

    def __init__(self, binary: str = "tesseract", language: str = TESSERACT_LANGUAGE) -> None:
        self.binary = binary
        self.language = language

    def image_to_words(self, png: bytes, dpi: int, *, block: bool = False) -> list[Word]:
        env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
        layout = PSM_BLOCK if block else PSM_PAGE
        command = [self.binary, "stdin", "stdout", "-l", self.language, "--psm", layout, "--dpi", str(dpi), "tsv"]
        try:
            done = subprocess.run(command, input=png, capture_output=True, timeout=TESSERACT_TIMEOUT, env=env, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise LoadError("<ocr>", f"tesseract failed: {exc}") from exc
        if done.returncode != 0:
            message = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise LoadError("<ocr>", f"tesseract failed: {message[-1] if message else done.returncode}")
        # On a cell sheet nothing but cell text is left: a word read with low confidence is
        # still a word (a lone "nghiệp." ending a cell), not a speck.
        tsv = done.stdout.decode("utf-8", "replace")
        return tsv_to_words(tsv, dpi, min_confidence=0.0, ruled=False) if block else tsv_to_words(tsv, dpi)


def tsv_to_words(tsv: str, dpi: int, *, min_confidence: float = MIN_CONFIDENCE, ruled: bool = True) -> list[Word]:
    """Tesseract TSV (level 5 rows are words) to word dicts in points, with confidence; words
    below ``min_confidence`` are dropped as noise. ``ruled``: the image may hold rulings, so a
    word of bars alone is one; on an image without (a cell sheet) it is the letter I, bold
    serif "I" and "II" of a group number being what the engine reads as bars."""
    scale = POINTS_PER_INCH / dpi
    words: list[Word] = []
    lone_dashes: set[int] = set()
    rows = [line.split("\t") for line in tsv.splitlines()[1:]]
    # A word's size is its line's height: word boxes vary with ascenders and descenders.
    line_heights = {tuple(p[1:5]): float(p[9]) for p in rows if len(p) >= 10 and p[0] == "4" and _number(p[9])}
    line_words = Counter(tuple(p[1:5]) for p in rows if len(p) >= 12 and p[0] == "5" and p[11].strip())
    for parts in rows:
        if len(parts) < 12 or parts[0] != "5" or not parts[11].strip():
            continue
        try:
            left, top, width, height = (float(v) for v in parts[6:10])
            confidence = float(parts[10])
        except ValueError:
            continue
        text = parts[11].strip()
        if not ruled and BARS.fullmatch(text):
            text = "I" * len(text)
        dash = DASH.fullmatch(text) is not None  # on a ruled image, kept as a bullet or between two words of its line
        if not dash:
            text = RULING_EDGES.sub("", text)
            if not text or RULING_ONLY.fullmatch(text):
                continue
        if confidence < min_confidence:
            continue
        if dash and ruled and not (parts[5] == "1" and line_words.get(tuple(parts[1:5]), 0) > 1):
            lone_dashes.add(len(words))  # not a dash opening a line of words: that is its bullet
        words.append(
            {
                "text": text,
                "x0": left * scale,
                "x1": (left + width) * scale,
                "top": top * scale,
                "bottom": (top + height) * scale,
                "size": max(line_heights.get(tuple(parts[1:5]), height) * scale * LINE_TO_FONT, 1.0),
                "fontname": "",
                "confidence": confidence / 100,
                # the line tesseract put the word on: its lines survive skew
                "ocr_line": (parts[1], parts[2], parts[3], parts[4]),
            }
        )
    return [w for at, w in enumerate(words) if at not in lone_dashes or _between_words(words, at)]


def _between_words(words: list[Word], at: int) -> bool:
    """A lone dash with a word of its own line on each side, the next one a number or a lower-case
    word, is text ("2025 - 2030", "5% - 7%", "đầu máy - toa xe"); one at a line's end or alone on
    its line may be a piece of a ruling. Before a capitalised word ("Độc lập - Tự do", "Bắc - Nam")
    it is dropped as before: it changes no reading there, and the letterhead is read without it."""
    line = words[at]["ocr_line"]
    if not (0 < at < len(words) - 1 and words[at - 1]["ocr_line"] == line == words[at + 1]["ocr_line"]):
        return False
    following = words[at + 1]["text"][:1]
    return following.isdigit() or following.islower()


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


@cache
def default_engine() -> OcrEngine | None:
    """Tesseract when its program and Vietnamese model are installed, else None."""
    binary = shutil.which("tesseract")
    if binary is None:
        return None
    try:
        listed = subprocess.run([binary, "--list-langs"], capture_output=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    languages = listed.stdout.decode("utf-8", "replace").split()
    return TesseractEngine(binary) if TESSERACT_LANGUAGE in languages else None


def render_page(path: str, index: int, dpi: int = DPI) -> bytes:
    """One page (0-based) rasterised to PNG bytes with pdfium."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(path)
    try:
        page = document[index]
        bitmap = page.render(scale=dpi / POINTS_PER_INCH, grayscale=True)
        image = bitmap.to_pil()
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        page.close()
        return buffer.getvalue()
    finally:
        document.close()


def ocr_pages(
    path: str, indexes: Sequence[int], engine: OcrEngine, *, workers: int = 1, dpi: int = DPI
) -> dict[int, tuple[list[Word], list[tuple[float, float, float, float]]]]:
    """Words of each page (0-based index) read by ``engine``, and the cell rectangles of its
    ruled tables found in the page image (the page turned straight when the scan is skewed,
    and words placed to match); pages run ``workers`` at a time."""
    try:
        import numpy  # noqa: F401  (page clean-up and ruling detection; the ocr extra installs it)
    except ImportError:
        prepared = False
    else:
        prepared = True
    from extract.load.ocr_tables import scan_page, sheet_words_to_page

    def one(index: int) -> tuple[int, tuple[list[Word], list[tuple[float, float, float, float]]]]:
        png = render_page(path, index, dpi)
        if not prepared:
            return index, (engine.image_to_words(png, dpi), [])
        page = scan_page(png, dpi)
        words = engine.image_to_words(page.page, dpi)
        if page.sheet is not None:
            words += sheet_words_to_page(engine.image_to_words(page.sheet, dpi, block=True), page.placements)
        return index, (words, page.cells)

    if workers <= 1 or len(indexes) <= 1:
        return dict(one(i) for i in indexes)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return dict(pool.map(one, indexes))
