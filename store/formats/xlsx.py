"""Excel files officials can work in: headers as in the plans, frozen, filtered, wrapped, sized.

Written in openpyxl's write-only mode; the rows of every sheet but the summary go in as XML
text (``store.formats.xlsx_rows``), so 300,000 rows take seconds, not minutes. Text cells
a spreadsheet would run as formulas get Excel's quote prefix (see ``store.export``); due dates
are real dates; the status column offers the status names as a drop-down list; overdue rows
are highlighted by a conditional format that Excel re-evaluates as statuses change.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from copy import copy
from datetime import date
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from store.formats.cells import is_formula_like

if TYPE_CHECKING:
    from store.checklist import Item
    from store.queries import TaskRow

CHECKLIST_COLUMNS = ("tt", "id", "agency", "role", "task", "lead", "cooperate", "timeframe", "outputs",
                     "status", "due", "document", "source")
WIDTHS = {"tt": 6, "id": 11, "agency": 28, "role": 10, "task": 60, "lead": 28, "cooperate": 34, "timeframe": 18,
          "outputs": 45, "status": 16, "due": 12, "document": 24, "source": 24}
DATE_FORMAT = "DD/MM/YYYY"
OVERDUE_FILL = "FFC7CE"  # Excel's light red
HEADER_FILL = "DDEBF7"
DEFAULT_WIDTH = 20
SHORT_TEXT = 10  # text up to this long fits its column unwrapped
MAX_WIDTH = 60
WIDTH_SAMPLE = 200  # rows read before writing to size the columns


class SheetWriter:
    """One write-only sheet: a bold, wrapped, frozen, filtered header and sized columns."""

    def __init__(self, book: Any, title: str, header: Sequence[str], widths: Sequence[float], *,
                 freeze: str = "A2") -> None:
        from openpyxl.styles import Alignment, Font, PatternFill
        from openpyxl.utils import get_column_letter

        self.sheet = book.create_sheet(title[:31])
        self.wrap = Alignment(wrap_text=True, vertical="top")
        self.rows = 1
        self.letters = [get_column_letter(i + 1) for i in range(len(header))]
        for letter, width in zip(self.letters, widths):
            self.sheet.column_dimensions[letter].width = width
        self.sheet.freeze_panes = freeze
        self.sheet.auto_filter.ref = f"A1:{self.letters[-1]}1"
        self._prototypes()
        bold, fill = Font(bold=True), PatternFill("solid", fgColor=HEADER_FILL)
        self.sheet.append([self._cell(h, font=bold, fill=fill) for h in header])

    def _cell(self, value: Any, **style: Any) -> Any:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        if isinstance(value, str):
            value = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell = WriteOnlyCell(self.sheet, value)
        if style or is_formula_like(value):
            cell.alignment = self.wrap
            for name, setting in style.items():
                setattr(cell, name, setting)
            if is_formula_like(value):
                cell.data_type = "s"
                cell.quotePrefix = True
        else:  # the common case: copy a style made once (registering one per cell is slow)
            cell._style = copy(self.date_style if isinstance(value, date) else self.text_style)
        return cell

    def _prototypes(self) -> None:
        from openpyxl.cell import WriteOnlyCell

        text = WriteOnlyCell(self.sheet, "")
        text.alignment = self.wrap
        when = WriteOnlyCell(self.sheet, date.today())
        when.alignment = self.wrap
        when.number_format = DATE_FORMAT
        self.text_style, self.date_style = text._style, when._style

    def append(self, values: Sequence[Any]) -> None:
        """One row; short plain text and numbers go in as bare values (no cell object to build)."""
        self.sheet.append([v if _bare(v) else self._cell(v) for v in values])
        self.rows += 1

    def finish(self) -> None:
        self.sheet.auto_filter.ref = f"A1:{self.letters[-1]}{max(self.rows, 2)}"


def _bare(value: Any) -> bool:
    """A value that needs no style: a number, nothing, or short one-line text that is no formula."""
    if value is None or isinstance(value, (int, float)):
        return True
    return isinstance(value, str) and len(value) <= SHORT_TEXT and not is_formula_like(value) and value.isprintable()


def _widths(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[float]:
    """Widths from the longest text of each column in ``rows`` (a sample), within sane bounds."""
    out = []
    for i, title in enumerate(header):
        longest = max([len(str(title))] + [len(str(r[i])) for r in rows if r[i] is not None])
        out.append(min(max(longest + 2, 8), MAX_WIDTH))
    return out


def write_table_xlsx(header: Sequence[str], rows: Iterable[Sequence[Any]], path: str | Path, *,
                     sheet: str = "Sheet1", freeze: str = "A2") -> None:
    """Any table (text, numbers, dates, None) as one formatted sheet, written row by row as
    XML text (``store.formats.xlsx_rows``; widths from the first rows)."""
    from openpyxl import Workbook

    from store.formats.xlsx_rows import PLACEHOLDER_ROW, fill_sheet, sample_row

    rows = iter(rows)
    first = list(islice(rows, WIDTH_SAMPLE))
    book = Workbook(write_only=True)
    writer = SheetWriter(book, sheet, header, _widths(header, first), freeze=freeze)
    writer.append(sample_row())  # registers the body's styles; the rows replace it
    writer.rows = PLACEHOLDER_ROW
    writer.finish()
    _save(book, lambda package: fill_sheet(package, path, 1, writer.letters, chain(first, rows)))


def write_checklist_xlsx(items: Iterable[Item], path: str | Path, words: dict[str, dict[str, str]], *,
                         today: date | None = None,
                         summary: Sequence[dict[str, Any]] | Callable[[], Sequence[dict[str, Any]]] = ()) -> None:
    """The checklist on one filtered sheet, and the status summary on a second.

    Args:
        items: checklist items (``store.checklist``).
        path: the file to write.
        words: the labels (``store.checklist.labels``).
        today: the day overdue is judged against in the file; default Excel's TODAY().
        summary: rows of ``store.deadlines.Summary.to_dict()`` for the summary sheet, or a
            function giving them once the first item is read (``store.checklist.AgencyTally``).
    """
    from store.formats.xlsx_rows import fill_sheet

    if callable(summary):
        items = iter(items)
        first = next(items, None)  # the tally is complete once an item is read
        items = chain([first] if first is not None else [], items)
        summary = summary()
    book, sheet, _ = _checklist_book(words, today)
    _summary_sheet(book, words, summary)

    def rows() -> Iterator[list[Any]]:
        roles, statuses, where_words, join = words["roles"], words["statuses"], words["words"], "; ".join
        for n, item in enumerate(items, start=1):
            yield [
                n, item.id, item.agency, roles.get(item.role, item.role), item.task, join(item.lead),
                join(item.cooperate), item.timeframe, item.outputs, statuses.get(item.status, item.status), item.due,
                item.document, item.where(where_words),
            ]

    _save(book, lambda package: fill_sheet(package, path, 1, sheet.letters, rows()))


def write_task_checklist_xlsx(tasks: Iterable[TaskRow], path: str | Path, words: dict[str, dict[str, str]], *,
                              today: date | None = None,
                              summary: Sequence[dict[str, Any]] | Callable[[], Sequence[dict[str, Any]]] = ()) -> None:
    """:func:`write_checklist_xlsx` of the checklist of every agency and person of ``tasks``
    (``store.checklist.all_agency_rows``, in task order), its rows made from the tasks
    (``store.formats.xlsx_checklist``); ``summary`` as there, a function called once every
    task is read."""
    from store.formats.xlsx_checklist import checklist_rows
    from store.formats.xlsx_rows import RowText, fill_sheet_xml

    book, sheet, styles = _checklist_book(words, today)
    rows = checklist_rows(tasks, RowText(sheet.letters, styles), words)
    first = next(rows, None)  # every task is read
    _summary_sheet(book, words, summary() if callable(summary) else summary)
    _save(book, lambda package: fill_sheet_xml(package, path, 1, chain([first] if first else [], rows)))


def _checklist_book(words: dict[str, dict[str, str]], today: date | None) -> tuple[Any, SheetWriter, list[str | None]]:
    """A write-only workbook with the checklist's sheet: header, formats, validation, and the
    sample row that registers the body's styles (``store.formats.xlsx_rows``), whose style
    ids (wrapped text, quoted text, date; None for none) come third."""
    from openpyxl import Workbook
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.styles import PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    from store.formats.xlsx_rows import PLACEHOLDER_ROW, sample_row

    book = Workbook(write_only=True)
    header = [words["columns"][c] for c in CHECKLIST_COLUMNS]
    sheet = SheetWriter(book, words["words"]["checklist"], header, [WIDTHS[c] for c in CHECKLIST_COLUMNS])
    sample = [sheet._cell(value) for value in sample_row()]  # the rows replace it (store.formats.xlsx_rows)
    styles = [str(c.style_id) if c.has_style else None for c in sample]
    sheet.sheet.append(sample)
    sheet.rows = PLACEHOLDER_ROW
    sheet.finish()
    last = PLACEHOLDER_ROW
    status_col = sheet.letters[CHECKLIST_COLUMNS.index("status")]
    due_col = sheet.letters[CHECKLIST_COLUMNS.index("due")]
    names = list(words["statuses"].values())
    validation = DataValidation(type="list", formula1='"' + ",".join(names) + '"', allow_blank=True)
    validation.add(f"{status_col}2:{status_col}{last}")
    sheet.sheet.data_validations.append(validation)
    day = f"DATE({today.year},{today.month},{today.day})" if today else "TODAY()"
    closed = (words["statuses"]["done"], words["statuses"]["cancelled"])
    rule = FormulaRule(
        formula=[f'AND(ISNUMBER(${due_col}2),${due_col}2<{day},${status_col}2<>"{closed[0]}",'
                 f'${status_col}2<>"{closed[1]}")'],
        fill=PatternFill("solid", fgColor=OVERDUE_FILL, bgColor=OVERDUE_FILL),
    )
    sheet.sheet.conditional_formatting.add(f"A2:{sheet.letters[-1]}{last}", rule)
    return book, sheet, styles


def _summary_sheet(book: Any, words: dict[str, dict[str, str]], summary: Sequence[dict[str, Any]]) -> None:
    """The status summary's sheet, when there are rows."""
    if not summary:
        return
    keys = ("name", "total", "completed", "in_progress", "on_time", "overdue", "cancelled", "blocked")
    head = [words["columns"]["agency"] if i == 0 else words["categories"][k] for i, k in enumerate(keys)]
    totals = SheetWriter(book, words["words"]["summary"], head, [40, *[14] * (len(keys) - 1)])
    for row in summary:
        totals.append([row[k] for k in keys])
    totals.finish()


def _save(book: Any, fill: Callable[[str], int]) -> None:
    """Save ``book`` to a temporary package and ``fill`` the real file from it."""
    handle, package = tempfile.mkstemp(suffix=".xlsx")
    os.close(handle)
    try:
        book.save(package)
        fill(package)
    finally:
        os.unlink(package)
