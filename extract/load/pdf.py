"""PDF files to blocks and grids, page by page (pdfplumber; OCR for pages without usable text).

Each page is read and released before the next (``page.close()``), so memory does not grow
with the page count; what is kept is text. A page's text layer is judged first
(``pdf_layers``): readable pages give ruled tables (``pdf_tables``) and paragraphs and headings
(``pdf_text``); pages with no layer or a garbled one are read by OCR when an engine is
installed, and otherwise named in a warning, or in the error when most pages are unreadable.
Running headers, footers and page numbers are dropped; a table continued across a page break
becomes one grid.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extract.errors import LoadError
from extract.legacy import encoding_of_font, legacy_to_unicode
from extract.load.grid import grid_text
from extract.load.ocr import INSTALL_HINT, OcrEngine, default_engine, ocr_pages
from extract.load.ocr_tones import mend_tone_confusions
from extract.load.pdf_layers import classify_layer, font_is_legacy, image_share, is_visible_ruling, looks_vietnamese
from extract.load.pdf_tables import PdfTable, cells_to_table, is_real_table, mend_misread_numbers, rejoin_split_merges, stitch, table_to_grid
from extract.load.pdf_unruled import MIN_ROWS as MIN_UNRULED_ROWS
from extract.load.pdf_unruled import words_to_unruled_tables
from extract.load.pdf_text import BOLD_FONT, TextBlock, ocr_words_to_blocks, segments_to_blocks, words_to_segments
from extract.pattern_cache import compile_cached
from extract.reading import RANK
from schemas.blocks import Block, RawDocument, Reading

MAX_PAGES = 2000  # pages read from one PDF; a longer file is refused (pdf_to_raw(max_pages=…))
CHUNK_PAGES = 20  # pages read per opening of the file (bounds pdfminer's object cache)
X_TOLERANCE = 1.0  # points between letters of one word; pdfplumber's 3 glues words set tight
Y_TOLERANCE = 3.0
MARGIN_BAND = 0.09  # share of the page height at top and bottom where running headers live
REPEATED_SHARE = 0.5  # a margin text on at least this share of pages (and 3) is a running one
MIN_REPEATS = 3
SAMPLE_CHARS = 3000  # text read before the document's language is judged
PAGE_NUMBER = compile_cached(r"^[-–—\s]*(?:\p{L}{1,8}\.?\s*)?\d{1,4}(?:\s*(?:/|\p{L}{1,3})\s*\d{1,4})?[-–—\s]*$")
DIGITS = compile_cached(r"\d+")
LAYER_READING: dict[str, Reading] = {"ocr": "ocr", "legacy": "repaired"}  # a page's layer -> its blocks' reading
LAYER_FLAG = {"ocr": "ocr", "repaired": "legacy-font"}  # the grid flag of each reading


@dataclass(slots=True)
class PageContent:
    """What one page gave: text blocks and real tables, in reading order by their tops."""

    number: int
    height: float
    blocks: list[TextBlock] = field(default_factory=list)
    tables: list[PdfTable] = field(default_factory=list)
    layer: str = "text"
    reason: str = ""

    def items(self) -> list[TextBlock | PdfTable]:
        ordered: list[tuple[float, float, TextBlock | PdfTable]] = [(b.top, b.x0, b) for b in self.blocks]
        ordered += [(t.bbox[1], t.bbox[0], t) for t in self.tables]
        return [item for _, _, item in sorted(ordered, key=lambda x: (x[0], x[1]))]


def _nfc(word: dict[str, Any]) -> dict[str, Any]:
    chars = word.pop("chars", None)
    if chars:
        # A word's font and size from its letters: Vietnamese letters often come from a
        # fallback font, so fonts cannot be where words are cut (pdfplumber's extra_attrs).
        word["fontname"] = Counter(str(c.get("fontname", "")) for c in chars).most_common(1)[0][0]
        word["size"] = max(float(c.get("size", 0) or 0) for c in chars)
        word["bold_share"] = sum(1 for c in chars if BOLD_FONT.search(str(c.get("fontname", "")))) / len(chars)
    text = str(word["text"])
    if font_is_legacy(str(word.get("fontname", ""))):
        text = _legacy_text(text, str(word.get("fontname", "")))
    word["text"] = unicodedata.normalize("NFC", text)
    return word


def _inside(word: Mapping[str, Any], bbox: Sequence[float]) -> bool:
    cx = (float(word["x0"]) + float(word["x1"])) / 2
    cy = (float(word["top"]) + float(word["bottom"])) / 2
    return bbox[0] <= cx <= bbox[2] and bbox[1] <= cy <= bbox[3]


def words_to_content(
    words: list[dict[str, Any]], number: int, height: float, width: float, tables: Sequence[PdfTable] = ()
) -> PageContent:
    """A page's blocks from its words outside ``tables``, with page numbers in the margins dropped."""
    rest = [w for w in words if not any(_inside(w, t.bbox) for t in tables)]
    segments = [
        s
        for s in words_to_segments(rest)
        if not (_in_margin(s.top, s.bottom, height) and PAGE_NUMBER.fullmatch(s.text))
    ]
    left = min((s.x0 for s in segments), default=0.0)
    right = max((s.x1 for s in segments), default=width)
    blocks = segments_to_blocks(segments, left=left, right=right)
    return PageContent(number, height, blocks, list(tables))


def _in_margin(top: float, bottom: float, height: float) -> bool:
    return top < MARGIN_BAND * height or bottom > (1 - MARGIN_BAND) * height


def _page_tables(page: Any, words: Sequence[Mapping[str, Any]], number: int, after_table: bool) -> list[PdfTable]:
    """The page's ruled tables; on a page without any, the tables its text lays out unruled
    (one numbered row is enough when the page before ended in a table it may carry on)."""
    visible = page.filter(is_visible_ruling)
    found = [(f.cells, f.bbox) for f in visible.find_tables()]
    if not found:
        unruled = words_to_unruled_tables(words, min_rows=1 if after_table else MIN_UNRULED_ROWS)
        found = [(boxes, _bbox(boxes)) for boxes in unruled]
    tables: list[PdfTable] = []
    for cells, bbox in found:
        inside = [w for w in words if _inside(w, bbox)]
        table = cells_to_table(cells, inside, number)
        if table is not None and is_real_table(table):
            tables.append(table)
    return tables


def _bbox(boxes: Sequence[tuple[float, float, float, float]]) -> tuple[float, float, float, float]:
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def _read_page(page: Any, number: int, vietnamese: bool | None, after_table: bool = False) -> PageContent:
    share = image_share(page.images, float(page.width), float(page.height))
    layer, reason = classify_layer(page.chars, vietnamese=vietnamese, image_share=share)
    if layer in ("none", "garbage"):
        return PageContent(number, float(page.height), layer=layer, reason=reason)
    words = [
        _nfc(w)
        for w in page.extract_words(x_tolerance=X_TOLERANCE, y_tolerance=Y_TOLERANCE, return_chars=True)
    ]
    content = words_to_content(words, number, float(page.height), float(page.width), _page_tables(page, words, number, after_table))
    content.layer, content.reason = layer, reason
    return content


def _legacy_text(text: str, fontname: str) -> str:
    """Text of a word set in a legacy Vietnamese font, as Unicode."""
    encoding = encoding_of_font(fontname)
    return legacy_to_unicode(text, encoding) if encoding else text


def _page_count(path: str) -> int:
    """Pages in the file by pdfium (fast, and it names encryption and damage plainly)."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as exc:
        reason = str(exc).lower()
        if "password" in reason:
            raise LoadError(path, "the PDF is encrypted (password needed); save an unprotected copy") from None
        raise LoadError(path, f"not a readable PDF ({exc})") from None
    try:
        return len(document)
    finally:
        document.close()


def pdf_to_raw(
    path: str | Path,
    *,
    max_pages: int = MAX_PAGES,
    ocr: OcrEngine | None | bool = True,
    ocr_workers: int = 1,
) -> RawDocument:
    """Read a PDF into a ``RawDocument``.

    ``ocr``: True uses the installed engine if any, None or False reads no page by OCR, or an
    engine. Raises LoadError for a damaged, encrypted, too long or unreadable file.
    """
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError

    name = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise LoadError(name, exc.strerror or str(exc)) from exc
    if not data.strip():
        raise LoadError(name, "the file is empty")
    if not data.lstrip()[:5] == b"%PDF-":
        raise LoadError(name, "not a PDF (no %PDF- header)")
    count = _page_count(name)
    if count == 0:
        raise LoadError(name, "the PDF has no pages")
    if count > max_pages:
        raise LoadError(name, f"the PDF has {count} pages, more than the {max_pages} planwatch reads")
    engine = default_engine() if ocr is True else (ocr or None)
    pages: list[PageContent] = []
    sample: list[str] = []
    vietnamese: bool | None = None
    try:
        # The file is opened afresh for each run of pages: pdfminer caches every object and font
        # it parsed for as long as the document is open, which would grow with the page count.
        for first in range(1, count + 1, CHUNK_PAGES):
            numbers = list(range(first, min(first + CHUNK_PAGES, count + 1)))
            with pdfplumber.open(name, pages=numbers) as pdf:
                for number, page in zip(numbers, pdf.pages, strict=True):
                    try:
                        after_table = bool(pages) and isinstance((pages[-1].items() or [None])[-1], PdfTable)
                        content = _read_page(page, number, vietnamese, after_table)
                    finally:
                        page.close()
                    pages.append(content)
                    if vietnamese is None:
                        sample.extend(b.text for b in content.blocks)
                        if sum(map(len, sample)) >= SAMPLE_CHARS:
                            vietnamese = looks_vietnamese(" ".join(sample))
    except LoadError:
        raise
    except (PDFSyntaxError, Exception) as exc:  # pdfminer raises many kinds on damaged files
        raise LoadError(name, f"not a readable PDF ({type(exc).__name__}: {exc})".rstrip(": )") + ")") from None
    warnings = _read_unreadable(name, pages, engine, ocr_workers)
    blocks = _assemble(pages)
    if not blocks:
        raise LoadError(name, "the PDF has no text")
    sha = hashlib.sha256(data).hexdigest()
    return RawDocument(name, sha, "pdf", tuple(blocks), len(pages), None, tuple(warnings))


def _read_unreadable(name: str, pages: list[PageContent], engine: OcrEngine | None, workers: int) -> list[str]:
    """OCR the pages without a usable layer, or say which they are (an error if most are)."""
    legacy = [str(p.number) for p in pages if p.layer == "legacy"]
    notes = [f"{name}: page(s) {', '.join(legacy)} set in a legacy Vietnamese font, converted to Unicode; check the text"] if legacy else []
    bad = [p for p in pages if p.layer in ("none", "garbage")]
    if not bad:
        return notes
    if engine is not None:
        read = ocr_pages(name, [p.number - 1 for p in bad], engine, workers=workers)
        for page in bad:
            words, cells = read.get(page.number - 1, ([], []))
            words = mend_tone_confusions([_nfc(w) for w in words])
            table = cells_to_table(cells, words, page.number) if cells else None
            page.tables = [table] if table is not None and is_real_table(table) else []
            rest = [w for w in words if not any(_inside(w, t.bbox) for t in page.tables)]
            page.blocks = [
                b for b in ocr_words_to_blocks(rest) if not (_in_margin(b.top, b.bottom, page.height) and PAGE_NUMBER.fullmatch(b.text))
            ]
            page.layer = "ocr"
        numbers = ", ".join(str(p.number) for p in bad)
        return [*notes, f"{name}: page(s) {numbers} read by OCR ({engine.name}); check the text"]
    summary = _unreadable_summary(bad, len(pages))
    if 2 * len(bad) > len(pages):
        raise LoadError(name, f"{summary}; {INSTALL_HINT}")
    numbers = ", ".join(str(p.number) for p in bad)
    return [*notes, f"{name}: page(s) {numbers} skipped: {summary}; {INSTALL_HINT}"]


def _unreadable_summary(bad: Sequence[PageContent], total: int) -> str:
    kinds = Counter(p.layer for p in bad)
    parts = []
    if kinds["none"]:
        parts.append(f"{kinds['none']} of {total} pages have no text layer")
    if kinds["garbage"]:
        reason = next(p.reason for p in bad if p.layer == "garbage")
        parts.append(f"{kinds['garbage']} of {total} pages have a garbled text layer ({reason})")
    prefix = "scanned PDF: " if kinds["none"] == len(bad) else "unreadable PDF text: "
    return prefix + " and ".join(parts)


def _running_texts(pages: Sequence[PageContent]) -> set[str]:
    """Margin texts (digits ignored) that repeat on enough pages to be running headers/footers."""
    counts: Counter[str] = Counter()
    for page in pages:
        seen = {_margin_key(b.text) for b in page.blocks if _in_margin(b.top, b.bottom, page.height)}
        counts.update(seen)
    least = max(MIN_REPEATS, REPEATED_SHARE * len(pages))
    return {text for text, n in counts.items() if n >= least}


def _margin_key(text: str) -> str:
    return DIGITS.sub("#", text.casefold().strip())


def _assemble(pages: Sequence[PageContent]) -> list[Block]:
    """Blocks in reading order; a table that ends a page and one that starts the next joined."""
    running = _running_texts(pages)
    items: list[tuple[int, TextBlock | PdfTable]] = []
    open_table: PdfTable | None = None
    for page in pages:
        page_items = [
            item
            for item in page.items()
            if not (
                isinstance(item, TextBlock)
                and _in_margin(item.top, item.bottom, page.height)
                and _margin_key(item.text) in running
            )
        ]
        carried: PdfTable | None = None
        for position, item in enumerate(page_items):
            if position == 0 and isinstance(item, PdfTable) and open_table is not None and stitch(open_table, item):
                carried = open_table
                continue
            items.append((page.number, item))
        last = page_items[-1] if page_items else None
        if isinstance(last, PdfTable):
            open_table = carried if len(page_items) == 1 and carried is not None else last
        else:
            open_table = None
    blocks: list[Block] = []
    index = 0
    reading_of = {p.number: LAYER_READING.get(p.layer, "") for p in pages}
    for number, item in items:
        if isinstance(item, PdfTable):
            index += 1
            rejoin_split_merges(item)
            # A table stitched across pages is as weak as its weakest page.
            reading = max((reading_of.get(o.page or 0, "") for o in item.origins), key=RANK.__getitem__, default="")
            if reading == "ocr":
                mend_misread_numbers(item)
            grid = table_to_grid(item, index, (LAYER_FLAG[reading],) if reading else ())
            blocks.append(Block("table", grid_text(grid), 0, number, None, grid, reading=reading))
        else:
            blocks.append(Block(item.kind, item.text, item.level, number, reading=reading_of.get(number, "")))  # type: ignore[arg-type]
    return blocks
