"""Word (.docx) files to blocks: headings, paragraphs, list items and grids in body order.

The body XML is walked directly (paragraphs and tables interleaved as in the document). Tables
become ``Grid``s through ``spans_to_grid`` with Word's real cells and spans, except layout
tables: the letterhead (issuer, number, motto, place and date) and the signature block beside
the recipient list are read as text lines: the issuer block first, then the motto column with
place and date, then the number, so the document-facts stage finds the issuer right above the
motto as it does in other formats. A layout table is recognised by shape and
place: a small table (at most ``LAYOUT_MAX_ROWS`` rows and two columns with text: issuer | motto,
recipients | signer) that opens the document, or holds a recipient-list cell (the words are
language data), or has a single row.

List items are given as Markdown gives them: a Word number ("2.", "b)") is the block's marker,
bullet marks (Word's or typed) are dropped. Numbers in table cells stay in the cell text.

Headings: an outline level (paragraph or style, "Heading N") when the document uses outline
levels sparingly; otherwise, and for unstyled files, a short paragraph whose letters are all
bold. Levels follow the printed numbering ("I." 1, "1." 2, "1.1." 3) or upper case (1).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from extract.errors import LoadError
from extract.langdata import LANGUAGES, load_language
from extract.legacy import guess_legacy_encoding, legacy_to_unicode
from extract.load.docxnumbering import Numbering
from extract.load.docxpackage import DocxPackage
from extract.load.docxstyles import Styles, W
from extract.load.docxtables import TC, TR, TableRead, read_table, unwrap
from extract.load.docxtext import (
    BULLET_MARKS,
    SDT,
    SDT_CONTENT,
    TBL,
    P,
    ParagraphReader,
    ParagraphText,
)
from extract.load.grid import grid_text, spans_to_grid
from extract.load.headings import HEADING_MAX_CHARS
from extract.pattern_cache import compile_cached
from schemas.blocks import Block, BlockKind, Grid, RawDocument, RowOrigin

logger = logging.getLogger(__name__)

BODY = f"{W}body"
CUSTOM_XML = f"{W}customXml"
LAST_RENDERED = f"{W}lastRenderedPageBreak"
ALT_CHUNK = f"{W}altChunk"
PICTURES = (f"{W}drawing", f"{W}pict")
LAYOUT_MAX_ROWS = 4
LAYOUT_MAX_COLUMNS = 2  # columns with text: issuer | motto, recipients | signer
LETTERHEAD_MAX_LEADING = 3  # short paragraphs a letterhead table may follow
LEADING_MAX_CHARS = 80
OUTLINE_MAX_SHARE = 0.5  # above this share of paragraphs with an outline level, levels mean nothing
BODY_OUTLINE = 9
BOLD_HEADING_MAX_CHARS = 150
BULLET = compile_cached(r"^[-+*\u2022\u2013\u2014\u25cf\u25aa\u2219\u00b7]\s*")
ROMAN_NUMBER = compile_cached(r"^[IVXLC]+[.)]\s")
DOTTED_NUMBER = compile_cached(r"^\d{1,3}((?:\.\d{1,3})*)\.?\)?\s")
LETTER_NUMBER = compile_cached(r"^\p{Ll}[.)]\s")
MAX_DEPTH = 64
CENTRED = frozenset({"center", "centre"})
GUESS_SAMPLE_CHARS = 20_000  # text sampled to tell a legacy encoding from content


@dataclass(slots=True)
class _TableItem:
    read: TableRead
    opens_document: bool  # the first table, after at most a few short lines


def _body_items(reader: ParagraphReader, body: object) -> list[ParagraphText | _TableItem]:
    """Body paragraphs and tables in order, looking through content controls."""
    items: list[ParagraphText | _TableItem] = []
    leading: list[str] = []  # text lines before the first table
    tables = 0

    def walk(element: object, depth: int) -> None:
        nonlocal tables
        for child in element:  # type: ignore[attr-defined]
            if child.tag == P:
                para = reader.paragraph(child)
                items.append(para)
                items.extend(para.textboxes)
                if not tables:
                    leading.extend(t.text for t in (para, *para.textboxes) if t.text)
            elif child.tag == TBL and (content := _wrapper_cell(child)) is not None and depth < MAX_DEPTH:
                walk(content, depth + 1)  # a one-cell table used as a frame: its content is the body
            elif child.tag == TBL:
                opens = not tables and len(leading) <= LETTERHEAD_MAX_LEADING and \
                    all(len(text) <= LEADING_MAX_CHARS for text in leading)
                tables += 1
                items.append(_TableItem(read_table(child, reader), opens))
            elif child.tag == SDT and depth < MAX_DEPTH:
                content = child.find(SDT_CONTENT)
                if content is not None:
                    walk(content, depth + 1)
            elif child.tag == CUSTOM_XML and depth < MAX_DEPTH:
                walk(child, depth + 1)

    walk(body, 0)
    return items


def _wrapper_cell(tbl: Any) -> Any | None:
    """The only cell of a one-cell table that frames tables of its own, else None."""
    rows = unwrap(tbl, TR)
    if len(rows) != 1:
        return None
    cells = unwrap(rows[0], TC)
    if len(cells) != 1 or next(cells[0].iter(TBL), None) is None:
        return None
    return cells[0]


@cache
def _recipient_words() -> tuple[str, ...]:
    """Words opening a recipient-list cell, in every language planwatch reads."""
    return tuple(w.casefold() for code in LANGUAGES for w in load_language(code).words("layout", "recipients"))


def _is_layout(grid: Grid, opens_document: bool) -> bool:
    """A letterhead or signature table, by shape and place."""
    rows = [r for r in range(grid.height) if any(c.text.strip() for c in grid.rows[r])]
    columns = len([c for c in range(grid.width) if any(grid.rows[r][c].text.strip() for r in range(grid.height))])
    if not rows or len(rows) > LAYOUT_MAX_ROWS or columns > LAYOUT_MAX_COLUMNS + 1:
        return False
    if len(rows) == 1:  # no header with rows under it: not a table of anything
        return True
    if opens_document and columns <= LAYOUT_MAX_COLUMNS:
        return True
    words = _recipient_words()  # a signature beside the recipients, two signers for a joint letter
    cells = (cell.text.strip().casefold() for row in grid.rows for cell in row if not cell.covered)
    return bool(words) and any(text.startswith(words) for text in cells)


def _layout_blocks(grid: Grid) -> list[Block]:
    """A layout table's cells as text lines in reading order.

    Column by column; when the first column opens with upper-case lines (the issuer block,
    "UBND TỈNH X / SỞ Y"), the other columns (motto, place and date) follow those lines and the
    first column's other lines ("Số: …", "V/v …") come last.
    """
    columns: list[list[tuple[str, int | None]]] = []
    for c in range(grid.width):
        lines = [(line.strip(), grid.origins[r].page)
                 for r in range(grid.height) if not (cell := grid.rows[r][c]).covered
                 for line in cell.text.split("\n") if line.strip()]
        if lines:
            columns.append(lines)
    if not columns:
        return []
    first = columns[0]
    lead = next((at for at, (text, _) in enumerate(first) if not _upper(text)), len(first))
    rest = [line for column in columns[1:] for line in column]
    ordered = first[:lead] + rest + first[lead:] if lead else first + rest
    return [Block("paragraph", text, 0, page, None) for text, page in ordered]


def _item_texts(items: list[ParagraphText | _TableItem]) -> Iterator[str]:
    for item in items:
        if isinstance(item, ParagraphText):
            yield item.text
        else:
            yield from (cell.text for row in item.read.rows for cell in row)


def _guess_encoding(items: list[ParagraphText | _TableItem]) -> str | None:
    """A legacy encoding the whole text is in though no run's font names one (renamed fonts)."""
    sample: list[str] = []
    size = 0
    for text in _item_texts(items):
        sample.append(text)
        size += len(text)
        if size > GUESS_SAMPLE_CHARS:
            break
    return guess_legacy_encoding("\n".join(sample))


def _converted(items: list[ParagraphText | _TableItem], encoding: str) -> list[ParagraphText | _TableItem]:
    out: list[ParagraphText | _TableItem] = []
    for item in items:
        if isinstance(item, ParagraphText):
            out.append(replace(item, text=legacy_to_unicode(item.text, encoding)))
        else:
            rows = [[cell._replace(text=legacy_to_unicode(cell.text, encoding)) for cell in row] for row in item.read.rows]
            out.append(_TableItem(TableRead(rows, item.read.pages, item.read.widths, item.read.given), item.opens_document))
    return out


def _numbered_level(text: str) -> int | None:
    if ROMAN_NUMBER.match(text):
        return 1
    if dotted := DOTTED_NUMBER.match(text):
        return 2 + dotted.group(1).count(".")
    if LETTER_NUMBER.match(text):
        return 3
    return None


def _upper(text: str) -> bool:
    return any(ch.isalpha() for ch in text) and text == text.upper()


def _classify(para: ParagraphText, outlines: bool) -> tuple[BlockKind, int]:
    """Heading (with level), list item or paragraph."""
    text = para.text
    bullet = bool(BULLET.match(text))
    if outlines and para.outline is not None and para.outline < BODY_OUTLINE and not bullet \
            and len(text) <= HEADING_MAX_CHARS and "\n" not in text:
        return "heading", para.outline + 1
    if para.bold and not bullet and len(text) <= BOLD_HEADING_MAX_CHARS and "\n" not in text:
        level = _numbered_level(text)
        return "heading", level if level is not None else (1 if _upper(text) else 2)
    if para.label or bullet:
        return "list_item", 0
    return "paragraph", 0


def _list_text(item: ParagraphText) -> tuple[str, str]:
    """A list item's text and marker, as Markdown list items have them: a Word number ("2.",
    "b)") becomes the marker, a bullet mark (Word's or typed) is dropped."""
    if item.label and item.label not in BULLET_MARKS and item.text.startswith(item.label):
        rest = item.text[len(item.label):].strip()
        if rest:
            return rest, item.label
    return BULLET.sub("", item.text, count=1) or item.text, ""


def _continues(previous: ParagraphText, item: ParagraphText, last: Block, kind: BlockKind) -> bool:
    """A centred line opening in lower case continues the centred line above (a title typed
    over several paragraphs: "Kiểm tra, cấp Giấy chứng nhận …" / "vật liệu nổ công nghiệp …")."""
    first = item.text.lstrip()[:1]
    return (kind == last.kind and kind in ("heading", "paragraph") and first.islower()
            and previous.align in CENTRED and item.align in CENTRED and not previous.label and not item.label)


def _items_to_blocks(items: list[ParagraphText | _TableItem], has_pages: bool) -> list[Block]:
    """Classified text blocks and grids; layout tables become text."""
    paragraphs = [i for i in items if isinstance(i, ParagraphText) and i.text]
    with_outline = sum(1 for p in paragraphs if p.outline is not None and p.outline < BODY_OUTLINE)
    outlines = with_outline <= OUTLINE_MAX_SHARE * max(len(paragraphs), 1)
    blocks: list[Block] = []
    tables = 0
    line = 0
    previous: ParagraphText | None = None  # the paragraph that made the last block
    for item in items:
        if isinstance(item, ParagraphText):
            line += 1
            if item.text:
                kind, level = _classify(item, outlines)
                text, marker = _list_text(item) if kind == "list_item" else (item.text, "")
                if previous is not None and blocks and _continues(previous, item, blocks[-1], kind):
                    blocks[-1] = replace(blocks[-1], text=f"{blocks[-1].text}\n{text}")
                else:
                    blocks.append(Block(kind, text, level, item.page if has_pages else None, line, marker=marker))
                previous = item
            continue
        previous = None
        read = item.read
        row_pages = read.pages if has_pages else [None] * len(read.pages)
        width = max(read.widths, default=0)
        origins = [RowOrigin(page=p, cells=n if w < width else None)  # a short row: its cells, for layout
                   for p, w, n in zip(row_pages, read.widths, read.given, strict=True)]
        probe = spans_to_grid(read.rows, origins=origins, loader="docx")
        if probe.height == 0 or probe.width == 0:
            continue
        if _is_layout(probe, item.opens_document):
            blocks.extend(_layout_blocks(probe))
            continue
        tables += 1
        grid = Grid(probe.rows, probe.origins, tables, probe.loader, probe.flags)
        blocks.append(Block("table", grid_text(grid), 0, grid.page, None, grid))
    return blocks


def docx_to_raw(data: bytes, *, source: str, sha256: str) -> RawDocument:
    """Read a Word file's bytes into blocks with page provenance where the file has pages.

    Raises:
        LoadError: not a zip, damaged, a zip bomb, or no ``word/document.xml``.
    """
    package = DocxPackage(data, source)
    root = package.xml(package.document)
    body = root.find(BODY) if root is not None else None
    if body is None:
        raise LoadError(source, f"not a Word document: {package.document} has no body")
    styles = Styles(package.xml(package.styles))
    numbering = Numbering(package.xml(package.numbering), styles)
    rendered = next(body.iter(LAST_RENDERED), None) is not None
    reader = ParagraphReader(styles, numbering, rendered)
    items = _body_items(reader, body)
    guessed = None if reader.legacy_runs else _guess_encoding(items)
    if guessed:
        items = _converted(items, guessed)
    has_pages = reader.breaks > 0
    blocks = _items_to_blocks(items, has_pages)
    if reader.legacy_runs or guessed:  # text converted from a legacy encoding: a repaired reading
        blocks = [replace(block, reading="repaired") for block in blocks]
    warnings: list[str] = []
    for encoding, runs in sorted(reader.legacy_runs.items()):
        warnings.append(f"{source}: {runs} runs in legacy {encoding} fonts converted to Unicode; check the text")
    if guessed:
        warnings.append(f"{source}: the text reads as legacy {guessed} although no font says so; "
                        "converted to Unicode, check the text")
    chunks = sum(1 for _ in body.iter(ALT_CHUNK))
    if chunks:
        warnings.append(f"{source}: {chunks} embedded documents (altChunk) not read; open the file in Word and "
                        "save it again to inline them")
    if not blocks:
        pictures = sum(1 for _ in body.iter(*PICTURES))
        if pictures:
            raise LoadError(source, f"the Word document holds {pictures} pictures and no text (a scan?); "
                                    "planwatch reads the text of Word files, not images")
        raise LoadError(source, "the Word document has no text")
    pages = reader.page if has_pages else None
    return RawDocument(source, sha256, "docx", tuple(blocks), pages, None, tuple(warnings))
