"""Blank forms shaped like task tables: a template to fill in, not a plan's tasks.

A plan or decision often attaches forms ("Ý kiến 1 | … | Giải trình, tiếp thu của tổ chức chủ
trì", a reporting template whose rows name items and leave the agency and time cells blank). Its
header reads as a task header, but no row names who does the work or by when (its cells are empty
or dotted blanks "………"): the table is a form, and its rows are no tasks.
"""

from __future__ import annotations

from collections.abc import Sequence

from extract.fill_in import has_fill_in
from extract.tables.rows import BodyRow, is_spread

# The columns that say who does a task or by when; a task table fills at least one of them.
FILLED_ROLES = ("lead", "cooperating", "timeframe", "person", "submitter", "reviewer", "co_reviewer")


def form_reason(columns: tuple[str | None, ...], rows: Sequence[BodyRow]) -> str | None:
    """Why a table with a task header is a blank form, or None: no row fills a role or time column
    with more than a fill-in blank."""
    at = [i for i, concept in enumerate(columns) if concept in FILLED_ROLES]
    if not at or not rows:
        return None
    for row in rows:
        for i in at:
            text = row.cells[i].strip() if i < len(row.cells) else ""
            if text and not has_fill_in(text) and not is_spread(row.cells, i):
                return None
    named = ", ".join(columns[i] or "" for i in at)
    return f"a blank form, not tasks (no row fills its {named} column)"



__all__ = ["form_reason"]
