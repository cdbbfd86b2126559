"""Checklist rows written as XML text read back exactly as openpyxl's own cells would."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook

from store.checklist import Item, labels
from store.formats.xlsx import SheetWriter, write_checklist_xlsx

WORDS = labels("vi")
TEXTS = ["Sở Y tế", "", " Sở\x01 <&> ", "- Rà soát\n dòng 2 ", "=HYPERLINK(\"x\")", "@x", "-5", "+5",
         "a" * 200, "Thường xuyên", "  ", "tab\tinside", "\rCR first"]


def _items() -> list[Item]:
    out = []
    for n, text in enumerate(TEXTS):
        out.append(Item(
            id=f"id{n}", agency=text or "Sở", role=("lead", "cooperate")[n % 2], document=f"{n}/KH-UBND", key=str(n),
            group=None, task=text, co_agencies=(), lead=(text,), cooperate=(TEXTS[-1 - n],), outputs=text or None,
            timeframe=text, recurrence=None, due=date(2026, 1 + n % 12, 1) if n % 3 else None,
            status=("done", "not_started", "in_progress")[n % 3], overdue=False, note=None,
            source={"page": n, "row": n + 1},
        ))
    return out


def _cells(path: Path) -> list[list[tuple[Any, ...]]]:
    sheet = load_workbook(path).worksheets[0]
    return [[(c.value, c.quotePrefix, c.alignment.wrap_text, c.number_format, c.is_date) for c in row]
            for row in sheet.iter_rows()]


def test_text_rows_equal_openpyxl_cells(tmp_path: Path) -> None:
    fast = tmp_path / "fast.xlsx"
    write_checklist_xlsx(_items(), fast, WORDS, today=date(2026, 6, 1))
    reference = tmp_path / "cells.xlsx"
    book = Workbook(write_only=True)
    from store.formats.xlsx import CHECKLIST_COLUMNS, WIDTHS
    from store.formats.text import status_label

    sheet = SheetWriter(book, "x", [WORDS["columns"][c] for c in CHECKLIST_COLUMNS],
                        [WIDTHS[c] for c in CHECKLIST_COLUMNS])
    for n, item in enumerate(_items(), start=1):
        sheet.append([n, item.id, item.agency, WORDS["roles"][item.role], item.task, "; ".join(item.lead),
                      "; ".join(item.cooperate), item.timeframe, item.outputs, status_label(item.status, WORDS),
                      item.due, item.document, item.where(WORDS["words"])])
    book.save(reference)
    assert _cells(fast) == _cells(reference)
    written = load_workbook(fast).worksheets[0]
    last = len(TEXTS) + 1
    assert written.auto_filter.ref == f"A1:M{last}"
    assert [str(v.sqref) for v in written.data_validations.dataValidation] == [f"J2:J{last}"]
    assert [str(r.sqref) for r in written.conditional_formatting] == [f"A2:M{last}"]


def test_an_empty_checklist_keeps_its_header_and_formats(tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    write_checklist_xlsx([], path, WORDS)
    sheet = load_workbook(path).worksheets[0]
    assert sheet.max_row == 1 and sheet["A1"].value == WORDS["columns"]["tt"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:M2"


def test_table_rows_equal_openpyxl_cells(tmp_path: Path) -> None:
    """Any table (matrix, review, listings) written as text reads back as SheetWriter's cells."""
    from store.formats.xlsx import write_table_xlsx

    header = ["a", "b", "c", "d"]
    table = [[text, n, n / 4 if n % 2 else None, date(2026, 1, 1 + n) if n % 3 else bool(n % 2)]
             for n, text in enumerate(TEXTS)]
    fast = tmp_path / "fast.xlsx"
    write_table_xlsx(header, table, fast, sheet="T", freeze="B2")
    reference = tmp_path / "cells.xlsx"
    book = Workbook(write_only=True)
    sheet = SheetWriter(book, "T", header, [10] * 4, freeze="B2")
    for row in table:
        sheet.append(row)
    sheet.finish()
    book.save(reference)
    assert _cells(fast) == _cells(reference)
    written = load_workbook(fast).worksheets[0]
    assert written.auto_filter.ref == f"A1:D{len(TEXTS) + 1}" and written.freeze_panes == "B2"
    write_table_xlsx(header, [], fast)
    assert load_workbook(fast).worksheets[0].auto_filter.ref == "A1:D2"
