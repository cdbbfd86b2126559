"""Checklists and matrix grids, and their files (Markdown, CSV, JSON, Excel)."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

from openpyxl import load_workbook
from sqlmodel import Session

from conftest import STTTT, UBND, VNPT
from store import export, queries

STTTT_CHECKLIST_MD = f"""\
# Checklist

## {STTTT}

- [ ] I.1 Rà soát, phát triển trạm BTS tại các khu vực lõm sóng (cooperate; due 2025-12-31 (2024-2025); with {VNPT}, {UBND}; source 34/KH-STTTT)
- [ ] I.2 Kiểm tra, đo kiểm chất lượng dịch vụ 4G (lead; due 2024-06-30 (Quý II/2024); with {VNPT}, các đơn vị có liên quan; source 34/KH-STTTT)
- [ ] II.1 Tuyên truyền về chuyển đổi số (cooperate; due Thường xuyên; with Đài Phát thanh tỉnh; source 34/KH-STTTT)
"""


def test_checklist_rows_is_pure_and_groups_by_agency() -> None:
    task = queries.TaskRow(
        id=1, document="34/KH-STTTT", key="I.1", group=None, title="Rà soát trạm BTS", outputs=None,
        timeframe="2024-2025", start=None, deadline=date(2025, 12, 31), recurrence=None, status="open",
        lead=("B",), cooperate=("A", "C"),
    )
    items = export.checklist_rows([task])
    assert [(i.agency, i.role, i.co_agencies) for i in items] == [
        ("A", "cooperate", ("B", "C")), ("B", "lead", ("A", "C")), ("C", "cooperate", ("B", "A")),
    ]
    assert [i.agency for i in export.checklist_rows([task], agencies={"C"})] == ["C"]


def test_checklist_markdown_for_one_agency(stored: Session) -> None:
    out = io.StringIO()
    export.write_markdown(export.checklist(stored, agency="Sở TT&TT"), out)
    assert out.getvalue() == STTTT_CHECKLIST_MD


def test_checklist_markdown_has_a_heading_per_agency(stored: Session) -> None:
    out = io.StringIO()
    export.write_markdown(export.checklist(stored), out)
    headings = [line for line in out.getvalue().splitlines() if line.startswith("## ")]
    assert headings == [
        "## các đơn vị có liên quan", "## Đài Phát thanh tỉnh", f"## {VNPT}", f"## {STTTT}", f"## {UBND}",
    ]


def test_checklist_csv_and_json(stored: Session) -> None:
    items = export.checklist(stored, agency="STTTT")
    out = io.StringIO()
    export.write_csv(items, out)
    assert out.getvalue().startswith("\ufeff")  # the BOM that makes Excel read UTF-8
    rows = list(csv.DictReader(io.StringIO(out.getvalue().removeprefix("\ufeff"))))
    assert [(r["task_key"], r["role"], r["deadline"]) for r in rows] == [
        ("I.1", "cooperate", "2025-12-31"), ("I.2", "lead", "2024-06-30"), ("II.1", "cooperate", ""),
    ]
    assert rows[0]["co_agencies"] == f"{VNPT}; {UBND}"
    out = io.StringIO()
    export.write_json(items, out)
    assert "Sở Thông tin" in out.getvalue()  # real characters, no \\u escapes
    assert json.loads(out.getvalue())[1]["co_agencies"] == [VNPT, "các đơn vị có liên quan"]


def test_checklist_xlsx_reads_back(stored: Session, tmp_path: Path) -> None:
    path = tmp_path / "checklist.xlsx"
    export.write_xlsx(export.checklist(stored, agency="STTTT"), path)
    sheet = load_workbook(path).active
    assert sheet.title == "Checklist"
    assert [c.value for c in sheet[1]] == list(export.CHECKLIST_COLUMNS)
    assert [c.value for c in sheet[3]][:5] == [STTTT, "lead", "34/KH-STTTT", "I.2", "Kiểm tra, đo kiểm chất lượng dịch vụ 4G"]
    assert sheet["F3"].value.date() == date(2024, 6, 30)
    assert sheet.max_row == 4


def test_matrix_grid_marks_lead_and_cooperate(stored: Session) -> None:
    header, body = export.matrix_grid(queries.iter_matrix(stored))
    assert header == ["document", "task_key", "task", VNPT, STTTT, UBND, "các đơn vị có liên quan", "Đài Phát thanh tỉnh"]
    assert [row[1:2] + row[3:] for row in body] == [
        ["I.1", "L", "C", "C", "", ""],
        ["I.2", "C", "L", "", "C", ""],
        ["II.1", "", "C", "", "", "L"],
    ]


def test_matrix_xlsx_reads_back(stored: Session, tmp_path: Path) -> None:
    path = tmp_path / "matrix.xlsx"
    export.write_grid_xlsx(*export.matrix_grid(queries.iter_matrix(stored)), path)
    sheet = load_workbook(path).active
    assert sheet["E1"].value == STTTT
    assert [sheet[f"E{r}"].value for r in (2, 3, 4)] == ["C", "L", "C"]
