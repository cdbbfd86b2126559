"""Tables that lay out an administrative procedure's internal steps, not a plan's tasks.

A decision that publishes administrative procedures often attaches each one's internal
workflow as a table shaped like a task table: what is done, who does it, how long it takes.
Its rows are the processing steps every application goes through, not tasks with a deadline.
Such a table names a step column ("Bước thực hiện", "Thứ tự công việc") over undated times, or
its time column counts working days or hours ("0,25 ngày làm việc"), in its header or in most
of its cells, or most of its time cells are bare durations ("0,5 ngày", "Trong 02 giờ"). The decision's catalogue of the procedures themselves ("Tên thủ tục hành chính |
Lĩnh vực | Cơ quan thực hiện") is no task table either: its rows are procedures, not tasks.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import regex

from extract.langdata import LanguageData, compiled
from extract.pattern_cache import compile_cached
from extract.tables.columns import YEAR
from extract.tables.header import Header, header_key
from extract.tables.rows import BodyRow, own_cells


# A step's processing time is a bare duration ("0,25 ngày làm việc", "Trong 02 ngày làm việc"); a
# longer cell counting working days from an event ("Trong thời hạn 10 ngày làm việc kể từ ngày Kế
# hoạch được ban hành") is a plan's deadline and keeps its table a task table.
DURATION_CHARS = 30


def procedure_reason(header: Header, columns: tuple[str | None, ...], rows: Sequence[BodyRow], lang: LanguageData) -> str | None:
    """Why a table with a task header lays out a procedure's steps or lists procedures, or None
    when it does neither.

    A time cell that holds a year ("Quý II/2026") is a deadline, so a cell counts as a
    processing time only without one, and only as a bare duration (:data:`DURATION_CHARS`); a group row's text spread into the time column, or a
    column-numbering row's "(5)", is no time.
    """
    at = columns.index("timeframe") if "timeframe" in columns else None
    cells = own_cells(rows, at) if at is not None else []
    dated = bool(cells) and sum(1 for cell in cells if YEAR.search(cell)) * 2 >= len(cells)
    if not dated and (named := _procedure_column(header, lang)):
        return f"a catalogue of administrative procedures, not tasks (column {named!r})"
    if "step" in header.columns:
        if dated:
            return None  # steps with dated deadlines: a plan's roadmap, read as tasks
        return f"a procedure's steps, not tasks (step column {header.texts[header.columns.index('step')]!r})"
    if at is None:
        return None
    working = compiled(lang.code, "tables", "processing_time")
    if at < len(header.texts) and working.search(header.texts[at]):
        return f"a procedure's steps, not tasks (time column {header.texts[at]!r} counts working time)"
    bare = _bare_duration(lang)
    timed = sum(
        1 for cell in cells
        if len(cell) <= DURATION_CHARS and not YEAR.search(cell) and (working.search(cell) or bare.match(cell))
    )
    if cells and timed * 2 >= len(cells):
        return f"a procedure's steps, not tasks ({timed} of {len(cells)} time cells count working days or hours)"
    return None


@cache
def _bare_duration(lang: LanguageData) -> regex.Pattern[str]:
    """A cell that is only a duration, with at most one word before it: "0,5 ngày", "1/4 ngày",
    "Trong 02 giờ"."""
    units = "|".join(regex.escape(u) for u in sorted(lang.words("tables", "duration_units"), key=len, reverse=True))
    return compile_cached(rf"^\s*(?:\p{{L}}+\s+)?\d+(?:[.,/]\d+)?\s*(?:{units})\s*[.;]?\s*$", regex.IGNORECASE)


def _procedure_column(header: Header, lang: LanguageData) -> str | None:
    """The header of a column that begins by naming administrative procedures, else None."""
    names = [key for name in lang.words("tables", "procedure_names") if (key := header_key(name))]
    for text in header.texts:
        key = header_key(text)
        if key and any(key.startswith(name) for name in names):
            return text
    return None



__all__ = ["procedure_reason"]
