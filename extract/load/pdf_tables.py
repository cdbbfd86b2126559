"""Ruled PDF tables to grids: cells with spans, fake tables refused, page breaks stitched.

pdfplumber finds a table's cell rectangles from its ruling; a merged cell is one rectangle
covering several rows or columns (pdfplumber reports ``None`` at the positions it covers). Here
each rectangle becomes a cell with a row and column span on the table's own row and column
edges, words are placed in the cell under their centre, and a table continued on the next
page is joined to the one before when their columns agree: a repeated header is dropped, a
row cut by the page break is put back together, and a merged cell cut by it is extended.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from extract.load.grid import SpanCell, spans_to_grid
from extract.load.pdf_text import join_wrapped, words_to_segments
from extract.pattern_cache import compile_cached
from schemas.blocks import ROWS_CUT_AT_PAGES, Grid, RowOrigin

EDGE_MERGE = 2.5  # points: cell edges closer than this are one edge
MIN_COLUMN = 4.0  # points: a narrower column is a ruling artefact
WIDTH_AGREEMENT = 0.10  # column widths of two page pieces within this share are one table
MIN_FILLED_SHARE = 0.15  # a grid with fewer non-empty positions is a drawing, not a table
HEADER_ROWS_CHECKED = 3
FILLED_COLUMN = 0.9  # share of rows with text that makes a column "always filled"
MIN_ROWS_FOR_FILL = 8
HEADER_SIMILARITY = 0.75  # each header cell this similar to the first page's: the header repeated
CELL_PADDING = 5.4  # points each side: Word's default cell margin
LOWER_START = compile_cached(r"^[\p{Ll}(,;.]")
CLOSED = compile_cached(r"[.;!?:)\]…]\s*$")
SPACES = compile_cached(r"\s+")
ROW_NUMBER = compile_cached(r"^(\d{1,3})[.)]?$")
MISREAD_NUMBER = compile_cached(r"^\S{1,3}$")  # what OCR makes of a lone digit: "h)" for 2, "l" for 1, "2," for 7
GROUP_NUMERAL = compile_cached(r"^[IVX]{2,3}\.?$")  # "II", "III.": a group row's number, never a misread digit


@dataclass(slots=True)
class PdfCell:
    """A cell rectangle placed on its table's rows and columns."""

    row: int
    col: int
    rowspan: int
    colspan: int
    bbox: tuple[float, float, float, float]
    words: list[Mapping[str, Any]] = field(default_factory=list)
    text: str = ""


@dataclass(slots=True)
class PdfTable:
    """A table of one page, or several pages once stitched."""

    cells: list[PdfCell]
    col_edges: list[float]
    n_rows: int
    origins: list[RowOrigin]
    bbox: tuple[float, float, float, float]
    header: list[tuple[str, ...]] = field(default_factory=list)

    @property
    def n_cols(self) -> int:
        return len(self.col_edges) - 1

    def widths(self) -> list[float]:
        return [b - a for a, b in zip(self.col_edges, self.col_edges[1:], strict=False)]

    def occupancy(self) -> dict[tuple[int, int], PdfCell]:
        taken: dict[tuple[int, int], PdfCell] = {}
        for cell in self.cells:
            for r in range(cell.row, cell.row + cell.rowspan):
                for c in range(cell.col, cell.col + cell.colspan):
                    taken.setdefault((r, c), cell)
        return taken

    def row_texts(self, row: int) -> tuple[str, ...]:
        taken = self.occupancy()
        return tuple(_key(taken[(row, c)].text) if (row, c) in taken else "" for c in range(self.n_cols))


def _key(text: str) -> str:
    return SPACES.sub(" ", text).strip().casefold()


def _edges(values: Iterable[float]) -> list[float]:
    merged: list[float] = []
    for v in sorted(values):
        if merged and v - merged[-1] <= EDGE_MERGE:
            continue
        merged.append(v)
    return merged


def _nearest(edges: Sequence[float], value: float) -> int:
    i = bisect_right(edges, value)
    if i > 0 and (i == len(edges) or value - edges[i - 1] <= edges[i] - value):
        return i - 1
    return min(i, len(edges) - 1)


def _drop_narrow(edges: list[float]) -> list[float]:
    kept = [edges[0]] if edges else []
    for edge in edges[1:]:
        if edge - kept[-1] < MIN_COLUMN and len(kept) > 1:
            kept[-1] = edge
        elif edge - kept[-1] >= MIN_COLUMN:
            kept.append(edge)
    return kept


def cells_to_table(
    cell_boxes: Sequence[tuple[float, float, float, float]],
    words: Sequence[Mapping[str, Any]],
    page: int,
) -> PdfTable | None:
    """One page's table from pdfplumber's cell rectangles and the page's words inside it."""
    if not cell_boxes:
        return None
    col_edges = _drop_narrow(_edges(v for b in cell_boxes for v in (b[0], b[2])))
    row_edges = _edges(v for b in cell_boxes for v in (b[1], b[3]))
    if len(col_edges) < 2 or len(row_edges) < 2:
        return None
    cells: list[PdfCell] = []
    taken: dict[tuple[int, int], PdfCell] = {}
    for box in sorted(cell_boxes, key=lambda b: (b[1], b[0])):
        r0, r1 = _nearest(row_edges, box[1]), _nearest(row_edges, box[3])
        c0, c1 = _nearest(col_edges, box[0]), _nearest(col_edges, box[2])
        if r1 <= r0 or c1 <= c0 or (r0, c0) in taken:
            continue
        cell = PdfCell(r0, c0, r1 - r0, c1 - c0, box)
        cells.append(cell)
        for r in range(r0, r1):
            for c in range(c0, c1):
                taken.setdefault((r, c), cell)
    n_rows, n_cols = len(row_edges) - 1, len(col_edges) - 1
    for word in words:
        cx = (float(word["x0"]) + float(word["x1"])) / 2
        cy = (float(word["top"]) + float(word["bottom"])) / 2
        r, c = bisect_right(row_edges, cy) - 1, bisect_right(col_edges, cx) - 1
        if not (0 <= r < n_rows and 0 <= c < n_cols):
            continue
        cell = taken.get((r, c))
        if cell is None:
            box = (col_edges[c], row_edges[r], col_edges[c + 1], row_edges[r + 1])
            cell = taken[(r, c)] = PdfCell(r, c, 1, 1, box)
            cells.append(cell)
        cell.words.append(word)
    for cell in cells:
        if cell.words:
            cell.text = join_wrapped(words_to_segments(cell.words), cell.bbox[2] - cell.bbox[0] - 2 * CELL_PADDING)
        cell.words = []
    x0, x1 = col_edges[0], col_edges[-1]
    origins = [RowOrigin(page=page, bbox=(x0, row_edges[r], x1, row_edges[r + 1])) for r in range(n_rows)]
    table = PdfTable(cells, col_edges, n_rows, origins, (x0, row_edges[0], x1, row_edges[-1]))
    table.header = [table.row_texts(r) for r in range(min(HEADER_ROWS_CHECKED, n_rows))]
    return table


def is_real_table(table: PdfTable) -> bool:
    """False for a one-column box of prose, a grid of nothing, or a single row."""
    taken = table.occupancy()
    filled_cols = {c for (r, c), cell in taken.items() if cell.text.strip()}
    filled_rows = {r for (r, c), cell in taken.items() if cell.text.strip()}
    if len(filled_cols) < 2 or len(filled_rows) < 2:
        return False
    filled = sum(1 for cell in taken.values() if cell.text.strip())
    return filled >= MIN_FILLED_SHARE * table.n_rows * table.n_cols


def columns_agree(a: PdfTable, b: PdfTable) -> bool:
    """Same number of columns, each within ``WIDTH_AGREEMENT`` of the other's width."""
    wa, wb = a.widths(), b.widths()
    if len(wa) != len(wb):
        return False
    return all(abs(x - y) <= WIDTH_AGREEMENT * max(x, y) + 1.0 for x, y in zip(wa, wb, strict=True))


def _remove_rows(table: PdfTable, count: int) -> None:
    """Drop the first ``count`` rows (a span reaching below them keeps its lower part)."""
    kept: list[PdfCell] = []
    for cell in table.cells:
        end = cell.row + cell.rowspan
        if end <= count:
            continue
        if cell.row < count:
            cell.rowspan, cell.row = end - count, count
        cell.row -= count
        kept.append(cell)
    table.cells = kept
    table.n_rows -= count
    table.origins = table.origins[count:]


def _same_header_row(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """The same header row, letter for letter or nearly (OCR reads a repeated header with a
    slip or two: "nhiệm vụ" / "nhiêm vu")."""
    if a == b:
        return True
    if len(a) != len(b) or [bool(x) for x in a] != [bool(y) for y in b]:
        return False
    return all(x == y or SequenceMatcher(None, x, y, autojunk=False).ratio() >= HEADER_SIMILARITY for x, y in zip(a, b, strict=True))


def _repeated_header_rows(prev: PdfTable, nxt: PdfTable) -> int:
    count = 0
    for i, row in enumerate(prev.header):
        if i >= nxt.n_rows or not any(row) or not _same_header_row(nxt.row_texts(i), row):
            break
        count = i + 1
    return count


def _continues_row(above: PdfCell | None, filled: Sequence[PdfCell]) -> bool:
    """Is a first row without a number the rest of the row cut by the page break?

    Yes when its text starts in lower case ("nghệ" after "Sở Khoa học và Công"), or when it
    fills a single cell whose neighbour above stops without closing punctuation.
    """
    if LOWER_START.match(filled[0].text):
        return True
    if len(filled) != 1 or above is None or not above.text.strip():
        return False
    return not CLOSED.search(above.text)


def _absorb_into_cell_above(table: PdfTable, cell: PdfCell, taken: Mapping[tuple[int, int], PdfCell]) -> None:
    """An empty merged cell that starts a page piece is the rest of the merged cell above it.

    Seen when a cell merged over three rows is cut by two page breaks: its middle piece stood
    alone, one row high, on its page, and only the piece after it showed it was merged.
    """
    if cell.text.strip() or cell.row == 0 or table.origins[cell.row].page == table.origins[cell.row - 1].page:
        return
    upper = taken.get((cell.row - 1, cell.col))
    if upper is None or upper is cell or upper.col != cell.col or upper.colspan != cell.colspan or not upper.text.strip():
        return
    upper.rowspan += cell.rowspan
    table.cells.remove(cell)


def stitch(prev: PdfTable, nxt: PdfTable) -> bool:
    """Append ``nxt`` (the first table of the next page) to ``prev`` if it continues it.

    Returns False, changing nothing, when the columns disagree.
    """
    if not columns_agree(prev, nxt) or prev.n_rows == 0:
        return False
    _remove_rows(nxt, _repeated_header_rows(prev, nxt))
    if nxt.n_rows == 0:
        return True
    last = prev.n_rows - 1
    above = prev.occupancy()
    first_row = [c for c in nxt.cells if c.row == 0]
    lead = next((c for c in first_row if c.col == 0), None)
    filled = [c for c in sorted(first_row, key=lambda c: c.col) if c.text.strip()]
    spanning: set[int] = set()
    if (lead is None or not lead.text.strip()) and filled and _continues_row(above.get((last, filled[0].col)), filled):
        # A row cut by the page break: its fragments belong to the row above.
        for cell in first_row:
            target = above.get((last, cell.col))
            if cell.text.strip() and target is not None:
                target.text = f"{target.text} {cell.text}".strip() if target.text.strip() else cell.text
        for cell in first_row:
            if cell.rowspan == 1:
                nxt.cells.remove(cell)
            else:
                # An empty cell reaching below the cut row is the merged cell above going on.
                spanning.add(id(cell)) if not cell.text.strip() else None
                cell.text = ""
        _remove_rows(nxt, 1)
    for cell in [c for c in nxt.cells if c.row == 0 and not c.text.strip()]:
        # A merged cell cut by the page break goes on as an empty cell on the next page.
        target = above.get((last, cell.col))
        if target is None or target.col != cell.col or target.colspan != cell.colspan:
            continue
        # Evidence that it is one merged cell: it was merged above the break, or the empty
        # piece below the break is itself merged over rows (no one leaves a merged cell blank).
        if target.rowspan > 1 or cell.rowspan > 1 or id(cell) in spanning:
            target.rowspan += cell.rowspan
            nxt.cells.remove(cell)
            _absorb_into_cell_above(prev, target, above)
    offset = prev.n_rows
    for cell in nxt.cells:
        cell.row += offset
    prev.cells.extend(nxt.cells)
    prev.n_rows += nxt.n_rows
    prev.origins.extend(nxt.origins)
    return True


def rejoin_split_merges(table: PdfTable) -> None:
    """Empty cells at the top of a page piece, in columns otherwise always filled, continue the
    cell above: a cell merged over two rows and cut exactly between them leaves no other trace.
    """
    pages = [o.page for o in table.origins]
    if len(set(pages)) < 2 or table.n_rows < MIN_ROWS_FOR_FILL:
        return
    taken = table.occupancy()
    for col in range(table.n_cols):
        cells = [taken.get((r, col)) for r in range(table.n_rows)]
        filled = sum(1 for cell in cells if cell is not None and cell.text.strip())
        if filled < FILLED_COLUMN * table.n_rows:
            continue
        for row in range(1, table.n_rows):
            cell, upper = cells[row], cells[row - 1]
            if pages[row] == pages[row - 1] or cell is None or upper is None or cell is upper:
                continue
            if cell.row != row or cell.text.strip() or not upper.text.strip():
                continue
            if upper.col == cell.col == col and upper.colspan == cell.colspan:
                upper.rowspan += cell.rowspan
                table.cells.remove(cell)
                taken = table.occupancy()
                cells = [taken.get((r, col)) for r in range(table.n_rows)]


def table_to_grid(table: PdfTable, index: int, flags: Sequence[str] = ()) -> Grid:
    """The format-free grid of a (stitched) PDF table."""
    taken = table.occupancy()
    starts = {(c.row, c.col): c for c in table.cells}
    rows: list[list[SpanCell]] = []
    for r in range(table.n_rows):
        row: list[SpanCell] = []
        for c in range(table.n_cols):
            cell = starts.get((r, c))
            if cell is not None and taken.get((r, c)) is cell:
                row.append(SpanCell(cell.text, cell.rowspan, cell.colspan))
            elif (r, c) not in taken:
                row.append(SpanCell(""))
        rows.append(row)
    grid = spans_to_grid(rows, origins=table.origins, index=index, loader="pdf")
    if len({o.page for o in table.origins}) > 1:
        flags = (*flags, ROWS_CUT_AT_PAGES)  # a row the page break cut is only put back when it shows
    if flags:
        grid = Grid(grid.rows, grid.origins, grid.index, grid.loader, tuple(sorted({*grid.flags, *flags})))
    return grid


def mend_misread_numbers(table: PdfTable) -> None:
    """In an OCR-read table, a first-column cell of one to three characters that is not the
    number the column counts on to ("h)", "l", or a digit misread as another: "2," for 7,
    "3." for 9), where the rows around say which it is (n-1 above it and n+1 below it, or 2
    and 3 below a first row), is that number n: a lone digit in a cell is what OCR gets
    wrong most."""
    column = sorted((c for c in table.cells if c.col == 0 and c.colspan == 1), key=lambda c: c.row)
    values = [_row_number(c.text) for c in column]
    for at, cell in enumerate(column):
        text = cell.text.strip()
        if not MISREAD_NUMBER.match(text) or GROUP_NUMERAL.match(text):
            continue
        before = values[at - 1] if at > 0 else None
        after = values[at + 1 : at + 3]
        if before is not None and after and after[0] == before + 2:
            guess = before + 1
        elif before is None and after == [2, 3]:
            guess = 1
        else:
            continue
        if values[at] != guess:
            cell.text = str(guess)
            values[at] = guess


def _row_number(text: str) -> int | None:
    found = ROW_NUMBER.match(text.strip())
    return int(found.group(1)) if found else None
