"""Lay out table cells with row and column spans into a rectangular ``Grid``.

Every loader hands its cells here (HTML ``rowspan``/``colspan``, Word ``gridSpan``/``vMerge``,
PDF cells covered by a span, plain pipe rows), so spans are resolved in one place, the way the
HTML table algorithm does: each cell takes the first free position of its row, a row-spanning
cell reserves positions in the rows below, and ragged rows are padded with empty cells.

Spans are clamped (as browsers do: colspan to 1,000, rowspan to the rows that exist) and the
grid's size is bounded, so a hostile ``colspan="99999"`` costs what the real content costs: a
grid holds at most ``MAX_CELLS`` positions, at most ``MAX_SPANNED_CELLS`` of them filled by
spans or padding (a staircase of ``rowspan="99999"`` cells fills the whole width on every row
from a few bytes each). A grid that reaches a limit keeps its first rows and is flagged ``cut``;
``grid_warnings`` says so.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import NamedTuple

from schemas.blocks import Grid, GridCell, RowOrigin

MAX_COLSPAN = 1000
MAX_WIDTH = 200  # columns; a wider "table" is a layout artefact, not a task table
MAX_CELLS = 1_000_000  # positions in one grid: twice a 100,000-row table of 5 columns
MAX_SPANNED_CELLS = 100_000  # positions filled by spans or padding (not cells the source gave); the corpus's most is 1,108
CUT = "cut"  # the flag of a grid whose last rows were not read: it reached a limit above
TABLE_CUT = (
    "table {index} (line {line}) is too large to read whole: only its first {rows} rows were read (a table may "
    "fill at most {cells:,} cells, {spanned:,} of them by row or column spans and padding); split the table or "
    "check its rowspan and colspan values"
)


class SpanCell(NamedTuple):
    """A cell as a loader reads it: its text and how many rows and columns it covers."""

    text: str
    rowspan: int = 1
    colspan: int = 1


def spans_to_grid(
    rows: Sequence[Sequence[SpanCell]],
    *,
    origins: Sequence[RowOrigin] = (),
    index: int = 0,
    loader: str = "",
    merge_spacers: bool = True,
) -> Grid:
    """A rectangular grid from rows of spanning cells; covered positions point at their origin.

    ``origins`` gives each input row's provenance (missing entries are empty). Flags: ``clamped``
    when a span or the width was cut down, ``ragged`` when rows had different widths, ``cut``
    (``CUT``) when the grid stops before the source's last row because it would fill more than
    ``MAX_CELLS`` positions, or more than ``MAX_SPANNED_CELLS`` positions that no source cell gave
    (spans and padding): a few bytes of ``rowspan="99999"`` cost what real cells cost.
    A column no cell has to itself is merged into its neighbours (``_spacer_columns``).
    """
    flags: set[str] = set()
    height = len(rows)
    placed: list[dict[int, GridCell]] = []
    given: list[int] = []  # per row: the columns where the source's own cells start
    widths: list[int] = []
    down: dict[int, list[tuple[int, GridCell]]] = {}  # column -> (last row, cell) spanning into it
    spanned = 0
    for r, cells in enumerate(rows):
        row: dict[int, GridCell] = {}
        for c in list(down):
            live = [entry for entry in down[c] if entry[0] >= r]
            if live:
                down[c] = live
                row[c] = live[0][1]  # the span placed first keeps a position two spans claim
            else:
                del down[c]
        spanned += len(row)
        if spanned > MAX_SPANNED_CELLS:
            flags.add(CUT)
            break
        col = 0
        starts: list[int] = []
        for cell in cells:
            while col in row:
                col += 1
            if col >= MAX_WIDTH:
                flags.add("clamped")
                break
            colspan = max(1, min(int(cell.colspan or 1), MAX_COLSPAN, MAX_WIDTH - col))
            rowspan = max(1, min(int(cell.rowspan or 1), height - r))
            if colspan != (cell.colspan or 1) or rowspan != (cell.rowspan or 1):
                flags.add("clamped")
            row[col] = GridCell(cell.text, rowspan, colspan)
            starts.append(col)
            if rowspan > 1 or colspan > 1:
                covered = GridCell(cell.text, 1, 1, (r, col))  # one record for every position it covers
                for dc in range(colspan):
                    if dc:
                        row.setdefault(col + dc, covered)
                    if rowspan > 1:
                        down.setdefault(col + dc, []).append((r + rowspan - 1, covered))
            col += colspan
        placed.append(row)
        given.append(len(starts))
        widths.append(col)
    # A span reaching past every row's last real cell adds nothing but empty columns: trim them.
    width = max((max((c for c, cell in p.items() if not cell.covered), default=-1) + 1 for p in placed), default=0)
    if len(set(widths)) > 1:
        flags.add("ragged")
    kept = _rows_within_limits(len(placed), given, width)
    if kept < len(placed):
        placed = placed[:kept]
        flags.add(CUT)
    empty = GridCell()
    grid_rows = tuple(tuple(_fitted(p.get(c, empty), c, width) for c in range(width)) for p in placed)
    row_origins = tuple(origins[r] if r < len(origins) else RowOrigin() for r in range(len(grid_rows)))
    if merge_spacers and CUT not in flags and (spare := _spacer_columns(grid_rows)):
        merged = spans_to_grid(_without_columns(grid_rows, spare), origins=origins, index=index, loader=loader,
                               merge_spacers=False)
        if not _spacer_columns(merged.rows):  # one pass settles it (else keep the grid as laid out)
            return replace(merged, flags=tuple(sorted(flags | set(merged.flags))))
    return Grid(grid_rows, row_origins, index, loader, tuple(sorted(flags)))


def _rows_within_limits(height: int, given: list[int], width: int) -> int:
    """How many of ``height`` rows fit in ``MAX_CELLS`` positions of ``width`` columns, of which
    at most ``MAX_SPANNED_CELLS`` are spanned or padding (``given``: each row's own cells)."""
    rows = min(height, MAX_CELLS // max(width, 1))
    filled = 0
    for r in range(rows):
        filled += width - min(given[r], width)
        if filled > MAX_SPANNED_CELLS:
            return r
    return rows


def _spacer_columns(rows: Sequence[Sequence[GridCell]]) -> set[int]:
    """Columns no cell has to itself: every cell over one also spans a neighbour, as under a
    merged "STT" over two grid columns in a Word or HTML table. Merging them loses no text and no
    boundary a row draws; each cell keeps at least one column. A padding cell counts as a cell."""
    width = len(rows[0]) if rows else 0
    own = {c for row in rows for c, cell in enumerate(row) if not cell.covered and cell.colspan == 1}
    spare = set(range(width)) - own
    for row in rows:
        if not spare:
            break
        for c, cell in enumerate(row):
            if not cell.covered and spare.issuperset(range(c, min(c + cell.colspan, width))):
                spare.discard(c)
    return spare


def _without_columns(rows: Sequence[Sequence[GridCell]], spare: set[int]) -> list[list[SpanCell]]:
    """The rows' own cells again, each span narrowed by the ``spare`` columns it covered."""
    width = len(rows[0]) if rows else 0
    return [
        [SpanCell(cell.text, cell.rowspan, sum(1 for x in range(c, min(c + cell.colspan, width)) if x not in spare))
         for c, cell in enumerate(row) if not cell.covered]
        for row in rows
    ]


def _fitted(cell: GridCell, col: int, width: int) -> GridCell:
    """A cell whose span was cut by trimming the grid to ``width`` columns."""
    if cell.covered or col + cell.colspan <= width:
        return cell
    return GridCell(cell.text, cell.rowspan, width - col, cell.origin)


def texts_to_grid(
    rows: Iterable[Sequence[str]],
    *,
    origins: Sequence[RowOrigin] = (),
    index: int = 0,
    loader: str = "",
) -> Grid:
    """A grid from rows of plain cell texts (no spans); ragged rows are padded.

    The same grid ``spans_to_grid`` builds from one-by-one cells, without its span bookkeeping.
    """
    rows = list(rows)
    kept = [row[:MAX_WIDTH] for row in rows]
    flags: set[str] = set()
    if any(len(row) < len(full) for row, full in zip(kept, rows)):
        flags.add("clamped")
    widths = {len(row) for row in kept}
    if len(widths) > 1:
        flags.add("ragged")
    width = max(widths, default=0)
    fit = _rows_within_limits(len(kept), [len(row) for row in kept], width)
    if fit < len(kept):
        kept = kept[:fit]
        flags.add(CUT)
    empty = GridCell()
    cells: dict[str, GridCell] = {}  # cells are frozen: one record per distinct text

    def cell(text: str) -> GridCell:
        found = cells.get(text)
        if found is None:
            found = cells[text] = GridCell(text)
        return found

    grid_rows = tuple(tuple([cell(t) for t in row] + [empty] * (width - len(row))) for row in kept)
    row_origins = tuple(origins[r] if r < len(origins) else RowOrigin() for r in range(len(grid_rows)))
    return Grid(grid_rows, row_origins, index, loader, tuple(sorted(flags)))


def grid_to_spans(grid: Grid) -> list[list[SpanCell]]:
    """The grid's origin cells, row by row, as the spanning cells it was built from."""
    return [[SpanCell(c.text, c.rowspan, c.colspan) for c in row if not c.covered] for row in grid.rows]


def map_grid_texts(grid: Grid, change: Callable[[str], str]) -> Grid:
    """The same grid with every cell's text passed through ``change`` (once per distinct text);
    its layout (spans, covered positions, flags) is kept as it is."""
    memo: dict[str, str] = {}
    cells: dict[GridCell, GridCell] = {}

    def changed(cell: GridCell) -> GridCell:
        if cell not in cells:
            if cell.text not in memo:
                memo[cell.text] = change(cell.text)
            text = memo[cell.text]
            cells[cell] = cell if text == cell.text else GridCell(text, cell.rowspan, cell.colspan, cell.origin)
        return cells[cell]

    rows = tuple(tuple(changed(c) for c in row) for row in grid.rows)
    return Grid(rows, grid.origins, grid.index, grid.loader, grid.flags)


def grid_warnings(grid: Grid) -> list[str]:
    """What a reader must know about a grid: that its last rows were not read (``CUT``)."""
    if CUT not in grid.flags:
        return []
    return [TABLE_CUT.format(index=grid.index, line=grid.line, rows=grid.height, cells=MAX_CELLS, spanned=MAX_SPANNED_CELLS)]


def grid_text(grid: Grid) -> str:
    """A table's text in reading order (each cell once), for readers of plain text."""
    return "\n".join(c.text for row in grid.rows for c in row if c.text and not c.covered)
