"""Tables that give a meeting's programme, not a plan's tasks.

A conference programme ("Chương trình hội nghị") is laid out like a task table: what happens,
who leads it, when. Its rows are the items of one sitting, timed by the clock ("14h00 - 14h05",
"10h30"), not tasks with a deadline. Such a table's time cells are, most of them, a time of day
or a span of two, and nothing else: a deadline names a day, a month or a year.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import regex

from extract.langdata import LanguageData
from extract.pattern_cache import compile_cached
from extract.tables.rows import BodyRow, own_cells

MIN_TIMED = 2  # one clock time alone ("Khai mạc lúc 8h00") does not make a programme


@cache
def _clock(lang: LanguageData) -> regex.Pattern[str] | None:
    pattern = lang.table("tables").get("clock_time", "")
    return compile_cached(pattern, regex.IGNORECASE) if pattern else None


def agenda_reason(columns: tuple[str | None, ...], rows: Sequence[BodyRow], lang: LanguageData) -> str | None:
    """Why a table with a task header is a meeting's programme, or None when it is not.

    Only filled time cells count; a group row's text spread across the row, or a column-numbering
    row's "(3)", is no time. Half of them or more must be a bare time of day (the language's
    ``[tables] clock_time``), and at least :data:`MIN_TIMED`.
    """
    clock = _clock(lang)
    if clock is None or "timeframe" not in columns:
        return None
    cells = own_cells(rows, columns.index("timeframe"))
    timed = sum(1 for cell in cells if clock.fullmatch(" ".join(cell.split())))
    if timed >= MIN_TIMED and timed * 2 >= len(cells):
        return f"a meeting's programme, not tasks ({timed} of {len(cells)} time cells are times of day)"
    return None



__all__ = ["agenda_reason"]
