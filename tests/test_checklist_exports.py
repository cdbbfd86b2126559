"""Checklist and matrix files for "Sở TT&TT", read back: md, csv, json, xlsx, ics and html
(the page opened in headless Chromium), on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from test_tracking import LAOCAI, SEED, by_key, rows, run

STTTT = "Sở Thông tin và Truyền thông"
AS_OF = "2026-01-01"
IN_CI = os.environ.get("CI") == "true"


@pytest.fixture
def marked(db_url: str) -> dict[str, Any]:
    """Seed 003 and the Lào Cai plan, with I.2 (led by the Sở) done and I.3 in progress."""
    assert run(db_url, "ingest", str(SEED), str(LAOCAI)).exit_code == 0
    seed = by_key(rows(db_url, "tasks"), "Đắk Nông")
    run(db_url, "task", "set", seed["I.2"]["id"], "--status", "done")
    run(db_url, "task", "set", seed["I.3"]["id"], "--status", "in_progress")
    mine = rows(db_url, "tasks", "--agency", "Sở TT&TT", "--as-of", AS_OF)
    return {"db": db_url, "seed": seed, "mine": mine, "done": seed["I.2"]["id"]}


def export(marked: dict[str, Any], fmt: str, tmp_path: Path, *extra: str) -> Path:
    out = tmp_path / f"checklist.{fmt}"
    result = run(marked["db"], "checklist", "--agency", "Sở TT&TT", "--as-of", AS_OF, "--format", fmt,
                 "-o", str(out), *extra)
    assert result.exit_code == 0, result.output
    return out


def test_json_lists_every_task_of_the_agency_with_role_due_and_status(marked: dict[str, Any], tmp_path: Path) -> None:
    items = json.loads(export(marked, "json", tmp_path).read_text(encoding="utf-8"))
    assert sorted(i["id"] for i in items) == sorted(t["id"] for t in marked["mine"])
    assert {i["agency"] for i in items} == {STTTT}
    led = {i["id"] for i in items if i["role"] == "lead"}
    assert led == {t["id"] for t in marked["mine"] if STTTT in t["lead"]}
    done = next(i for i in items if i["id"] == marked["done"])
    assert (done["status"], done["overdue"], done["due"]) == ("done", False, "2025-12-31")
    assert all(i["overdue"] for i in items if i["id"] != marked["done"])  # all due 31/12/2025
    assert all(i["source"]["page"] and i["source"]["row"] for i in items)


def test_markdown_boxes_grouped_by_agency_then_deadline(marked: dict[str, Any], tmp_path: Path) -> None:
    text = export(marked, "md", tmp_path).read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == "# Danh mục nhiệm vụ" and f"## {STTTT}" in lines and "### Hạn 2025-12-31" in lines
    items = [line for line in lines if line.startswith("- [")]
    assert len(items) == len(marked["mine"])
    done = [line for line in items if line.startswith("- [x]")]
    assert len(done) == 1 and done[0].endswith(f"`{marked['done']}`") and "— chủ trì;" in done[0]
    assert all(re.search(r"`[0-9a-z]{8}`$", line) for line in items)
    assert all("nguồn: " in line and "trang " in line and "dòng " in line for line in items)
    english = export(marked, "md", tmp_path, "--lang", "en").read_text(encoding="utf-8")
    assert english.startswith("# Checklist") and "— lead;" in english and "**overdue**" in english


def test_csv_is_bom_utf8_neutralised_and_reads_back(marked: dict[str, Any], tmp_path: Path) -> None:
    raw = export(marked, "csv", tmp_path).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert table[0][:4] == ["Mã", "Đơn vị", "Vai trò", "Nhiệm vụ"] and "Hạn" in table[0]
    assert sorted(r[0] for r in table[1:]) == sorted(t["id"] for t in marked["mine"])
    outputs = [r[table[0].index("Kết quả")] for r in table[1:]]
    assert any(o.startswith("'- ") for o in outputs)  # "- Đẩy mạnh …" cannot run as a formula
    assert not any(o.startswith(("=", "+", "-", "@")) for row in table for o in row)


def test_xlsx_headers_filters_widths_dates_validation_and_overdue_highlight(
    marked: dict[str, Any], tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    book = load_workbook(export(marked, "xlsx", tmp_path))
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[1]]
    for title in ("TT", "Nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian thực hiện", "Kết quả",
                  "Trạng thái", "Hạn"):
        assert title in header
    for each in book.worksheets:  # every sheet: frozen header, filter, widths
        assert each.freeze_panes == "A2" and each.auto_filter.ref.startswith("A1:")
        assert all(each.column_dimensions[c].width for c in "ABCDE")
    column = {title: header.index(title) for title in header}
    body = list(sheet.iter_rows(min_row=2))
    assert sorted(r[column["Mã"]].value for r in body) == sorted(t["id"] for t in marked["mine"])
    due = body[0][column["Hạn"]]
    assert isinstance(due.value, datetime) and due.value.date() == date(2025, 12, 31) and due.is_date
    assert body[0][column["Nhiệm vụ"]].alignment.wrap_text
    statuses = {r[column["Mã"]].value: r[column["Trạng thái"]].value for r in body}
    assert statuses[marked["done"]] == "Hoàn thành"
    (validation,) = sheet.data_validations.dataValidation
    assert validation.type == "list" and "Hoàn thành" in validation.formula1 and "Đang thực hiện" in validation.formula1
    status_letter = chr(ord("A") + column["Trạng thái"])
    assert str(validation.sqref) == f"{status_letter}2:{status_letter}{len(body) + 1}"
    (rules,) = list(sheet.conditional_formatting)
    formula = rules.rules[0].formula[0]
    assert "DATE(2026,1,1)" in formula and '"Hoàn thành"' in formula and rules.rules[0].dxf.fill is not None
    summary = book.worksheets[1]
    assert summary.title == "Tình hình thực hiện" and summary["F1"].value == "Quá hạn"


def test_ics_has_a_todo_per_deadline_with_reminders_and_rrules(marked: dict[str, Any], tmp_path: Path) -> None:
    from icalendar import Calendar

    calendar = Calendar.from_ical(export(marked, "ics", tmp_path).read_bytes())
    todos = {str(t["uid"]).split("@")[0]: t for t in calendar.walk("VTODO")}
    assert set(todos) == {t["id"] for t in marked["mine"] if t["due"]}
    done = todos[marked["done"]]
    assert str(done["status"]) == "COMPLETED" and not done.walk("VALARM")
    for uid, todo in todos.items():
        assert todo.decoded("due") == date(2025, 12, 31)
        if uid != marked["done"]:
            (alarm,) = todo.walk("VALARM")
            assert alarm.decoded("trigger").days == -7
    everyone = tmp_path / "all.ics"
    assert run(marked["db"], "checklist", "--format", "ics", "-o", str(everyone), "--as-of", "2026-03-15").exit_code == 0
    recurring = [t for t in Calendar.from_ical(everyone.read_bytes()).walk("VTODO") if t.get("rrule")]
    yearly = by_key(rows(marked["db"], "tasks"), "laocai")
    assert {str(t["uid"]).split("@")[0] for t in recurring} == {
        t["id"] for t in yearly.values() if t["recurrence"] == "yearly"
    }
    assert all(t["rrule"]["FREQ"] == ["YEARLY"] and t.decoded("due") == date(2026, 12, 31) for t in recurring)


def _chromium() -> str | None:
    return next((p for p in (shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome")) if p), None)


def test_html_page_is_self_contained_and_its_cells_read_right_in_chromium(
    marked: dict[str, Any], tmp_path: Path
) -> None:
    page = export(marked, "html", tmp_path)
    text = page.read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)\s*=|<script|@import|url\(""", text)  # nothing to fetch
    browser = _chromium()
    if browser is None:
        if IN_CI:
            pytest.fail("chromium is missing in CI (.ci/debian-packages.txt lists it)")
        pytest.skip("chromium not installed")
    shot = tmp_path / "page.png"
    args = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", f"--user-data-dir={tmp_path}/p"]
    dom = subprocess.run([*args, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120,
                         check=True).stdout
    subprocess.run([*args, f"--screenshot={shot}", "--window-size=1400,1000", page.as_uri()],
                   capture_output=True, timeout=120, check=True)
    assert shot.stat().st_size > 10_000
    from lxml import html

    tree = html.fromstring(dom)
    headers = [th.text_content() for th in tree.xpath('//table[@id="matrix"]/thead/tr/th')]
    assert headers[:5] == ["TT", "Mã", "Nhiệm vụ", "Hạn", "Trạng thái"] and headers[5:] == [STTTT]
    body = {tr.get("data-id"): [td.text_content() for td in tr.xpath("td")]
            for tr in tree.xpath('//table[@id="matrix"]/tbody/tr[@data-id]')}
    assert set(body) == {t["id"] for t in marked["mine"]}
    for task in marked["mine"]:
        cells = body[task["id"]]
        assert cells[5] == ("Chủ trì" if STTTT in task["lead"] else "Phối hợp")
    assert body[marked["done"]][4] == "Hoàn thành"
    overdue = {tr.get("data-id") for tr in tree.xpath('//tr[@class="overdue"]')}
    assert overdue == {t["id"] for t in marked["mine"]} - {marked["done"]}
    summary = tree.xpath('//table[@id="summary"]/tbody/tr')
    (row,) = [r for r in summary if r.xpath("th")[0].text_content() == STTTT]
    counts = {td.get("data-key"): int(td.text_content()) for td in row.xpath("td")}
    assert counts["total"] == len(marked["mine"]) and counts["completed"] == 1
    assert counts["overdue"] == len(marked["mine"]) - 1


def test_matrix_shows_ids_and_writes_xlsx_with_widths(marked: dict[str, Any], tmp_path: Path) -> None:
    from openpyxl import load_workbook

    lines = run(marked["db"], "matrix", "--format", "csv").stdout.splitlines()
    assert lines[0].startswith("\ufeffid,document,task_key,task,")
    out = tmp_path / "matrix.xlsx"
    assert run(marked["db"], "matrix", "--format", "xlsx", "-o", str(out)).exit_code == 0
    sheet = load_workbook(out).active
    assert sheet["A1"].value == "id" and sheet.freeze_panes == "A2"
    assert all(sheet.column_dimensions[c].width for c in "ABCDE")
    overdue = rows(marked["db"], "matrix", "--overdue", "--as-of", AS_OF)
    assert {r["id"] for r in overdue} == {t["id"] for k, t in marked["seed"].items() if k != "I.2"}


def test_xlsx_summary_counted_from_the_checklist_equals_the_summary_read_on_its_own(
    marked: dict[str, Any], tmp_path: Path
) -> None:
    """Without an agency or a filter the summary sheet is counted from the tasks the checklist
    reads; with one it is read on its own: both list every agency with the same counts, as
    ``status_summary`` gives them, for the store and for one document."""
    from openpyxl import load_workbook
    from sqlmodel import Session

    from store.checklist import AgencyTally, iter_checklist_items
    from store.db import make_engine
    from store.tracking import status_summary

    def sheet(*args: str) -> list[tuple[Any, ...]]:
        out = tmp_path / "summary.xlsx"
        result = run(marked["db"], "checklist", "--as-of", AS_OF, "--format", "xlsx", "-o", str(out), *args)
        assert result.exit_code == 0, result.output
        return [tuple(c.value for c in row) for row in load_workbook(out).worksheets[1].iter_rows()]

    counted = sheet()
    assert len(counted) > 10 and counted[-1][0] == "TOTAL"
    assert counted == sheet("--agency", "Sở TT&TT") == sheet("--status", "done")
    engine = make_engine(marked["db"])
    with Session(engine) as session:
        for document in (None, "Đắk Nông"):
            tally = AgencyTally(date(2026, 1, 1))
            items = iter_checklist_items(session, document=document, today=date(2026, 1, 1), tally=tally)
            assert next(items, None) is not None
            expected = status_summary(session, by="agency", document=document, today=date(2026, 1, 1))
            assert [s.to_dict() for s in tally.summary()] == [s.to_dict() for s in expected]
        with pytest.raises(ValueError):
            iter_checklist_items(session, status="done", tally=AgencyTally(date(2026, 1, 1)))
    engine.dispose()
