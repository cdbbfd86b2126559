"""The rows of an all-agency checklist sheet made from task rows, each task's cells once.

An all-agency checklist shows each task once per agency (and per person without one) it
names, grouped by agency, so a task's rows are far apart in the sheet. Here a task's cells
are written as XML text (``store.formats.xlsx_rows.RowText``) once, as the task is read; each
of its rows is then its agency and role cells joined to them, held by agency
(``store.checklist.held_in_order``: past ``SPILL_ITEMS`` in a temporary file, as compact
text) and written in the order ``store.checklist.iter_checklist_items`` gives, numbered as
they go out. No item object is made and no item's fields are written to the temporary file.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from store.checklist import NO_DAY, OrderKeys, held_in_order, task_items, where_text
from store.formats.xlsx_rows import MARK

if TYPE_CHECKING:
    from store.formats.xlsx_rows import RowText
    from store.queries import TaskRow

_MARK = MARK.encode()


def checklist_rows(tasks: Iterable[TaskRow], text: RowText, words: dict[str, dict[str, str]]) -> Iterator[bytes]:
    """The ``<row>`` XML of each item of ``tasks`` (in task order) in reading order, numbered
    from sheet row 2 (TT 1); every task is read before the first row comes out."""
    rows = held_in_order(_keyed(tasks, text, words), itemgetter(0))
    for number, (_, row) in enumerate(rows, start=1):
        at = b"%d" % (number + 1)
        yield b'<row r="%s"><c r="A%s" t="n"><v>%d</v></c>%s</row>' % (at, at, number, row.replace(_MARK, at))


def _keyed(tasks: Iterable[TaskRow], text: RowText,
           words: dict[str, dict[str, str]]) -> Iterator[tuple[Any, tuple[int, bytes]]]:
    """(reading-order key, (due day number, the row's cells after TT)) of each item, with
    :data:`MARK` for the row number; columns as ``store.formats.xlsx.CHECKLIST_COLUMNS``."""
    order = OrderKeys()
    roles, statuses, where_words = words["roles"], words["statuses"], words["words"]
    (_, ids, agencies, role_cells, titles, leads, helpers, timeframes, outputs, status_cells, dues, documents,
     sources) = text.columns  # caches for the values that repeat; a task's own texts are made directly
    cell = text.cell
    empty: dict[str, Any] = {}
    for task in tasks:
        due = NO_DAY if task.due is None else task.due.toordinal()
        head = cell(ids.start, task.uid)
        tail = "".join((
            cell(titles.start, task.title), leads["; ".join(task.lead)], helpers["; ".join(task.cooperate)],
            timeframes[task.timeframe], cell(outputs.start, task.outputs),
            status_cells[statuses.get(task.status, task.status)], dues[task.due], documents[task.document],
            cell(sources.start, where_text(task.document, task.source or empty, where_words)),
        ))
        for name, role, _, _, person in task_items(task, None, True):
            yield order(person, name), (due, (head + agencies[name] + role_cells[roles.get(role, role)] + tail).encode())
