"""Lay out table cells with row and column spans into a rectangular ``Grid``.

Every loader hands its cells here (HTML ``rowspan``/``colspan``, Word ``gridSpan``/``vMerge``,
PDF cells covered by a span, plain pipe rows), so spans are resolved in one place, the way the
HTML table algorithm does: each cell takes the first free position of its row, a row-spanning
cell reserves positions in the rows below, and ragged rows are padded with empty cells.

Spans are clamped (as browsers do: colspan to 1,000, rowspan to the rows that exist) and the
grid's size is bounded, so a hostile ``colspan="99999"`` costs what the real content costs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

from schemas.blocks import Grid, GridCell, RowOrigin

MAX_COLSPAN = 1000
MAX_WIDTH = 200  # columns; a wider "table" is a layout artefact, not a task table
MAX_CELLS = 2_000_000  # positions in one grid


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
) -> Grid:
    """A rectangular grid from rows of spanning cells; covered positions point at their origin.

    ``origins`` gives each input row's provenance (missing entries are empty). Flags: ``clamped``
    when a span or the width was cut down, ``ragged`` when rows had different widths.
    """
    flags: set[str] = set()
    height = len(rows)
    placed: list[dict[int, GridCell]] = [{} for _ in range(height)]
    widths: list[int] = []
    for r, cells in enumerate(rows):
        col = 0
        for cell in cells:
            while col in placed[r]:
                col += 1
            if col >= MAX_WIDTH:
                flags.add("clamped")
                break
            colspan = max(1, min(int(cell.colspan or 1), MAX_COLSPAN, MAX_WIDTH - col))
            rowspan = max(1, min(int(cell.rowspan or 1), height - r))
            if colspan != (cell.colspan or 1) or rowspan != (cell.rowspan or 1):
                flags.add("clamped")
            text = cell.text
            for dr in range(rowspan):
                for dc in range(colspan):
                    if dr == 0 and dc == 0:
                        placed[r][col] = GridCell(text, rowspan, colspan)
                    else:
                        placed[r + dr].setdefault(col + dc, GridCell(text, 1, 1, (r, col)))
            col += colspan
        widths.append(col)
    # A span reaching past every row's last real cell adds nothing but empty columns: trim them.
    width = max((max((c for c, cell in p.items() if not cell.covered), default=-1) + 1 for p in placed), default=0)
    if len(set(widths)) > 1:
        flags.add("ragged")
    if width * height > MAX_CELLS:
        height = max(1, MAX_CELLS // max(width, 1))
        placed = placed[:height]
        flags.add("clamped")
    empty = GridCell()
    grid_rows = tuple(tuple(_fitted(p.get(c, empty), c, width) for c in range(width)) for p in placed)
    row_origins = tuple(origins[r] if r < len(origins) else RowOrigin() for r in range(len(grid_rows)))
    return Grid(grid_rows, row_origins, index, loader, tuple(sorted(flags)))


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
    if width * len(kept) > MAX_CELLS:
        kept = kept[: max(1, MAX_CELLS // max(width, 1))]
        flags.add("clamped")
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
    """The same grid with every cell's text passed through ``change`` (once per distinct text)."""
    memo: dict[str, str] = {}
    plain: dict[str, GridCell] = {}  # cells are frozen: one record per distinct unspanned text

    def changed(text: str) -> str:
        if text not in memo:
            memo[text] = change(text)
        return memo[text]

    def relaid(c: GridCell) -> GridCell:
        if c.origin is not None or c.rowspan != 1 or c.colspan != 1:
            return GridCell(changed(c.text), c.rowspan, c.colspan, c.origin)
        found = plain.get(c.text)
        if found is None:
            found = plain[c.text] = GridCell(changed(c.text))
        return found

    # The cells keep their places: a covered position repeats its origin's text, so it takes
    # that text changed. "ragged" is added as laying out the origin cells again would add it.
    rows = tuple(tuple(relaid(c) for c in row) for row in grid.rows)
    ends = {max((c + cell.colspan for c, cell in enumerate(row) if not cell.covered), default=0) for row in grid.rows}
    flags = {*grid.flags, "ragged"} if len(ends) > 1 else set(grid.flags)
    return Grid(rows, grid.origins, grid.index, grid.loader, tuple(sorted(flags)))


def grid_text(grid: Grid) -> str:
    """A table's text in reading order (each cell once), for readers of plain text."""
    return "\n".join(c.text for row in grid.rows for c in row if c.text and not c.covered)
