"""Tables that lay out an administrative procedure's internal steps, not a plan's tasks.

A decision that publishes administrative procedures often attaches each one's internal
workflow as a table shaped like a task table: what is done, who does it, how long it takes.
Its rows are the processing steps every application goes through, not tasks with a deadline.
Such a table names a step column ("Bước thực hiện", "Thứ tự công việc"), or its time column
counts working days or hours ("0,25 ngày làm việc"), in its header or in most of its cells.
"""

from __future__ import annotations

from collections.abc import Sequence

from extract.langdata import LanguageData, compiled
from extract.tables.columns import YEAR
from extract.tables.header import Header
from extract.tables.rows import BodyRow


def procedure_reason(header: Header, columns: tuple[str | None, ...], rows: Sequence[BodyRow], lang: LanguageData) -> str | None:
    """Why a table with a task header lays out a procedure's steps, or None when it does not.

    A time cell that holds a year ("Quý II/2026") is a deadline, so a cell counts as a
    processing time only without one; a group row's text spread into the time column is no time.
    """
    if "step" in header.columns:
        return f"a procedure's steps, not tasks (step column {header.texts[header.columns.index('step')]!r})"
    if "timeframe" not in columns:
        return None
    at = columns.index("timeframe")
    working = compiled(lang.code, "tables", "processing_time")
    if at < len(header.texts) and working.search(header.texts[at]):
        return f"a procedure's steps, not tasks (time column {header.texts[at]!r} counts working time)"
    cells = [cell for row in rows if at < len(row.cells) and (cell := row.cells[at].strip()) and not _spread(row, at)]
    timed = sum(1 for cell in cells if working.search(cell) and not YEAR.search(cell))
    if cells and timed * 2 >= len(cells):
        return f"a procedure's steps, not tasks ({timed} of {len(cells)} time cells count working days or hours)"
    return None


def _spread(row: BodyRow, at: int) -> bool:
    """Whether a row's cell at ``at`` repeats another of its cells: a group or caption row whose
    one text a span spread across the row, not a time of its own."""
    text = row.cells[at].strip()
    return any(i != at and cell.strip() == text for i, cell in enumerate(row.cells))


__all__ = ["procedure_reason"]
