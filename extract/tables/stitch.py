"""Grids to task tables: headers found, pieces cut by page breaks stitched, repeats dropped.

A converter cuts a task table at page breaks. A later grid continues the current task table when
no text stands between them and it either repeats the header, has no header of its own and the
same width, or opens with a converter's placeholder header ("Col1 … Col7") whose real cells end
the previous row's cells. A whole table rendered twice (e.g. a pipe-table copy after the HTML
one, or a page printed again with a letter read differently) is recognised by its normalised
rows, found again exactly or nearly (``extract.tables.duplicates``), and is not read again.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from functools import cache

import regex

from extract.langdata import LanguageData
from extract.pattern_cache import compile_cached
from extract.tables.agenda import agenda_reason
from extract.tables.columns import missing_title_reason, with_fallbacks
from extract.tables.duplicates import RowIndex, row_signature
from extract.tables.forms import form_reason
from extract.tables.header import (
    OUTLINE_CAPTION, Header, find_header, header_at, is_repeated_header, is_task_columns, row_concepts,
)
from extract.tables.numbering import parse_number
from extract.tables.procedure import procedure_reason
from extract.tables.rows import GROUP_TITLE_MAX, BodyRow, body_to_task_rows
from schemas.blocks import ROWS_CUT_AT_PAGES, Block, Grid, TaskTable

logger = logging.getLogger(__name__)

CAPTION_MIN_LETTERS = 8  # a shorter all-capitals cell is an acronym, not a caption
CAPTION_LINES = 3  # lines a caption wrapped by the converter may take
SCRAP_LETTERS = 4  # letters: text with fewer between two grids is a scrap (stamp ink read as text), not a caption
DUPLICATE_SHARE = 0.8  # share of a grid's rows seen before, from which it is a repeat


@dataclass
class _Building:
    header: Header
    columns: tuple[str | None, ...]
    rows: list[BodyRow] = field(default_factory=list)
    tables: list[int] = field(default_factory=list)
    last_block: int = -1


@cache
def _placeholder(lang: LanguageData) -> regex.Pattern[str] | None:
    pattern = lang.table("tables").get("placeholder_header", "")
    return compile_cached(pattern, regex.IGNORECASE) if pattern else None


def _is_placeholder(text: str, lang: LanguageData) -> bool:
    pattern = _placeholder(lang)
    return pattern is not None and pattern.match(text.strip()) is not None


def is_placeholder_row(cells: tuple[str, ...], lang: LanguageData) -> bool:
    return sum(1 for c in cells if _is_placeholder(c, lang)) >= max(2, len(cells) // 2)


def _body_row(grid: Grid, r: int, width: int, opens_piece: bool) -> BodyRow:
    """Grid row ``r`` laid out on ``width`` columns."""
    row = grid.rows[r]
    cells = ([c.text for c in row] + [""] * width)[:width]
    covered = ([c.covered and c.origin is not None and c.origin[0] < r for c in row] + [False] * width)[:width]
    origin = grid.origins[r] if r < len(grid.origins) else None
    given = None
    if origin is not None and origin.cells is not None and origin.cells < width:
        given = max((at + 1 for at, text in enumerate(cells[: origin.cells]) if text.strip()), default=0)
    flags: tuple[str, ...] = ()
    if grid.width > width and any(c.text.strip() and not c.covered for c in row[width:]):
        flags = ("review",)
    return BodyRow(cells, covered, origin.page if origin else None, grid.index, r + 1, given, opens_piece, flags,
                   ocr="ocr" in grid.flags)


def _page_changes(grid: Grid, r: int) -> bool:
    """Is grid row ``r`` on another page than the row above it?"""
    if r == 0 or r >= len(grid.origins):
        return False
    above, here = grid.origins[r - 1].page, grid.origins[r].page
    return above is not None and here is not None and here != above


def _number_column(building: _Building) -> int:
    return building.columns.index("number") if "number" in building.columns else 0


def _named(header: Header) -> int:
    """The columns up to the last one the header names."""
    return max((at + 1 for at, text in enumerate(header.texts) if text), default=len(header.texts))


def _repeats_header(grid: Grid, header: Header, building: _Building, lang: LanguageData) -> bool:
    """The header found in a grid is the current table's header again, whole or in part."""
    cells = tuple(t for r in range(header.first, header.body) for t in grid.texts(r))
    return is_repeated_header(cells, building.header, lang)


def _caption_line(grid: Grid, header: Header) -> str:
    """The numbered caption ("1. Tasks overdue", its last lines) that ends the text run into the row before a
    header found at the end of a row (a converter ran the page's text and the header into one
    row), or "" when there is none."""
    texts = grid.texts(header.first)
    last = max((at for at, text in enumerate(texts) if text.strip()), default=-1)
    start = last + 1 - len(header.texts)
    before = next((texts[at] for at in range(start - 1, -1, -1) if texts[at].strip()), "") if start > 0 else ""
    lines = [line.strip() for line in before.strip().split("\n")]
    for at in range(len(lines) - 1, max(-1, len(lines) - 1 - CAPTION_LINES), -1):
        if OUTLINE_CAPTION.match(lines[at]):
            caption = " ".join(lines[at:])
            return caption if len(caption) <= GROUP_TITLE_MAX else ""
    return ""


def _row_before_header(body: BodyRow, grid: Grid, header: Header, width: int, *, numbered_first: bool) -> tuple[BodyRow | None, str]:
    """A row whose cells run on into a caption and a task header (the next table, run into this
    row by a converter): the row's own cells (None when the header opens the row) and the
    caption between them and the header ("" when none). The caption is the cell before the
    header when it is numbered ("2. Tasks …") or written in capitals ("APPENDIX II …"), or any
    cell past the table's width."""
    texts = grid.texts(body.row - 1)
    last = max((at for at, text in enumerate(texts) if text.strip()), default=-1)
    start = last + 1 - len(header.texts)
    if start <= 0:
        return None, ""
    end = min(width, start)
    if end == start and _is_caption(texts[start - 1]):
        end -= 1
    caption = " ".join(t.strip() for t in texts[end:start] if t.strip())
    cells = [t for t in texts[:end]]
    if len(cells) == width - 1 and numbered_first and parse_number(cells[0]) is None:
        cells = ["", *cells]  # the empty number cell a converter folds into the run of pipes before the row
    own = replace(body, cells=(cells + [""] * width)[:width], given=len(cells) if len(cells) < width else None,
                  flags=tuple(f for f in body.flags if f != "review"))
    return (own if any(c.strip() for c in own.cells) else None), caption


def _is_caption(text: str) -> bool:
    """A caption: its first line numbered ("2. Tasks …") or in capitals ("APPENDIX II")."""
    text = text.strip().split("\n", 1)[0].strip()
    letters = [c for c in text if c.isalpha()]
    return bool(OUTLINE_CAPTION.match(text)) or (len(letters) >= CAPTION_MIN_LETTERS and all(c.isupper() for c in letters))


def _compatible(grid: Grid, building: _Building, lang: LanguageData) -> bool:
    """A header-less grid that can continue ``building``: same width, or its first numbered
    row is numbered like the table's rows."""
    if abs(grid.width - len(building.columns)) <= 1:
        return True
    number_at = building.columns.index("number") if "number" in building.columns else None
    if number_at is None:
        return False
    first = next((grid.rows[r][number_at].text for r in range(min(3, grid.height)) if number_at < grid.width and grid.rows[r][number_at].text.strip()), "")
    return parse_number(first) is not None


def blocks_to_task_tables(blocks: tuple[Block, ...], lang: LanguageData) -> tuple[tuple[TaskTable, ...], list[str]]:
    """Every task table of a document, stitched from its grids, with warnings for what was dropped
    and, when no table gave tasks, why."""
    built: list[_Building] = []
    warnings: list[str] = []
    seen = RowIndex()
    refused: list[str] = []
    current: _Building | None = None
    last_text = max((i for i, b in enumerate(blocks) if b.grid is None and b.text.strip()), default=-1)
    for position, block in enumerate(blocks):
        grid = block.grid
        if grid is None:
            if block.kind in ("heading", "paragraph", "list_item") and _says_something(block.text):
                current = None
            continue
        if not grid.height:
            continue
        signatures = [row_signature(grid.texts(r)) for r in range(grid.height)]
        filled = [s for s in signatures if s]
        if seen and filled and sum(1 for s in filled if s in seen) / len(filled) >= DUPLICATE_SHARE:
            warnings.append(f"table {grid.index} (line {grid.line}) repeats rows already read; it is another rendering of the same table and was not counted again")
            continue
        header = find_header(grid, lang)
        if header is not None and current is not None and _repeats_header(grid, header, current, lang):
            header = None  # the table's header printed again inside a continued piece
        if header is not None:
            columns = with_fallbacks(header.columns, lang)[: _named(header)]
            if current is not None and columns == current.columns and len(columns) == grid.width:
                first = header.body  # the header repeated at a page break
            else:
                current = _Building(header, columns)
                built.append(current)
                first = header.body
                if caption := _caption_line(grid, header):
                    width = len(columns)
                    current.rows.append(BodyRow([caption] + [""] * (width - 1), [False] * width, grid.page, grid.index, header.first + 1, 1))
            opens_piece = False
        elif current is not None and (_compatible(grid, current, lang) or find_header(grid, lang) is not None):
            first = 0
            top = grid.texts(0)
            if is_placeholder_row(top, lang):
                first = 1
                cells = [t if not _is_placeholder(t, lang) else "" for t in top]
                width = len(current.columns)
                cells = (cells + [""] * width)[:width]
                if current.rows and any(cells):
                    previous = current.rows[-1].cells
                    signatures.append(row_signature(tuple(f"{a}\n{b}" if a and b else a or b for a, b in zip(previous, cells))))
                if any(cells):
                    current.rows.append(BodyRow(cells, [False] * width, grid.page, grid.index, 1, None, True))
            opens_piece = True
        else:
            current = None
            if grid.height >= 2 and grid.width >= 3:
                refused.append(_why_not(grid, lang))
            continue
        width = len(current.columns)
        for r in range(first, grid.height):
            body = _body_row(grid, r, width, opens_piece and r == first)
            body.after_cut = r > first and ROWS_CUT_AT_PAGES in grid.flags and _page_changes(grid, r)
            if is_repeated_header(tuple(body.cells), current.header, lang):
                continue
            row_cells = grid.rows[body.row - 1]
            wide = sum(1 for c in row_cells if c.text.strip()) > width + 1
            other = header_at(grid, body.row - 1, lang, trailing=wide)
            numbered_first = bool(current.columns) and current.columns[0] == "number"
            own, caption = _row_before_header(body, grid, other, width, numbered_first=numbered_first) if other and wide else (None, None)
            if own is not None:
                current.rows.append(own)
            if other and not _repeats_header(grid, other, current, lang):
                current.tables.append(grid.index)
                current = _Building(other, with_fallbacks(other.columns, lang)[: _named(other)])
                built.append(current)
                width = len(current.columns)
            if other and caption:
                current.rows.append(BodyRow([caption] + [""] * (width - 1), [False] * width, body.page, body.table, body.row, 1))
            if other and (wide or not _repeats_header(grid, other, current, lang)):
                continue
            if body.opens_piece and current.rows and not body.cells[_number_column(current)].strip():
                previous = current.rows[-1].cells
                joined = tuple(f"{a}\n{b}" if a and b else a or b for a, b in zip(previous, body.cells))
                signatures.append(row_signature(joined))  # the row as a copy would print it whole
            if "review" in body.flags:
                given = max(at + 1 for at, c in enumerate(grid.rows[body.row - 1]) if c.text.strip())
                warnings.append(f"table {grid.index} row {body.row} has {given} cells where the header has {width}; the extra cells were not read")
            current.rows.append(body)
        for signature in signatures:
            if signature:
                seen.add(signature)
        current.tables.append(grid.index)
        current.last_block = position
    tables: list[TaskTable] = []
    for building in built:
        if reason := (
            procedure_reason(building.header, building.columns, building.rows, lang)
            or agenda_reason(building.columns, building.rows, lang)
            or form_reason(building.columns, building.rows)
        ):
            refused.append(f"table {building.tables[0]}: {reason}")
            continue
        rows, notes = body_to_task_rows(building.rows, building.columns, lang)
        warnings.extend(notes)
        if rows:
            tables.append(TaskTable(building.columns, tuple(rows), tuple(building.tables), building.header.texts, building.last_block > last_text))
        else:
            refused.append(f"table {building.tables[0]}: a task header but no task rows under it")
    if not tables and refused:
        warnings.append("no task table: " + "; ".join(refused[:5]))
    return tuple(tables), warnings


def _says_something(text: str) -> bool:
    """Text between two grids that ends a table: a caption, a heading, a sentence. A scrap of a
    few letters (a seal or a signature read by OCR at the top of the next page: "HC") does not."""
    return sum(1 for c in text if c.isalpha()) >= SCRAP_LETTERS


def _why_not(grid: Grid, lang: LanguageData) -> str:
    """Why a grid was not read as a task table."""
    for r in range(min(4, grid.height)):
        columns = tuple(row_concepts(grid, r, lang))
        if any(columns):
            missing = "no task column" if "title" not in columns else "no lead or timeframe column"
            return f"table {grid.index} (line {grid.line}) {missing}: {missing_title_reason(grid.texts(r), columns)}"
    first = " | ".join(t for t in dict.fromkeys(grid.texts(0)) if t)[:120]
    return f"table {grid.index} (line {grid.line}): no header names a task column (first row {first!r})"


__all__ = ["blocks_to_task_tables", "is_task_columns"]
