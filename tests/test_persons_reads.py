"""The read commands' persons on their driver path (``sqlite3`` on a SQLite file, psycopg on a
stamped PostgreSQL database): what a session gives, on the real documents that name people;
and a store made before persons, read by a command, gets its persons first."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from older_stores import as_before_persons
from store.cli import cli
from store.db import make_engine
from store.migrate import SCHEMA_VERSION, schema_stamp

DOCS = Path(__file__).parent.parent / "corpus" / "docs"
KH2242 = "kh2242-laocai-sct-kiemtra-vlncn-2026.docx"
CV6225 = "cv6225-bvhttdl-cds-nguoichiutrachnhiem.md"
OFFICIALS = {"Đỗ Mạnh Cường", "Vũ Việt Linh", "Nguyễn Thị Loan"}

READS = (
    ("tasks", "--format", "json"),
    ("tasks", "--agency", "Cục Du lịch Quốc gia Việt Nam", "--format", "json"),
    ("checklist", "--format", "json", "--as-of", "2026-01-01"),
    ("checklist", "--agency", "Cục Du lịch Quốc gia Việt Nam", "--format", "json", "--as-of", "2026-01-01"),
    ("checklist", "--format", "md", "--as-of", "2026-01-01"),
)


def _run(url: str, *args: str) -> str:
    result = CliRunner().invoke(cli, ["--db", url, "--silent", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def _ingest(url: str, tmp_path: Path, *names: str) -> None:
    for name in names:
        shutil.copy(DOCS / name, tmp_path / name)
        _run(url, "ingest", str(tmp_path / name))


def _by_task(listing: str) -> dict[str, list[tuple[str, str, str | None]]]:
    """Each task's persons in a ``tasks --format json`` listing, in name order (an upgrade moves
    a task's officials in name order, not in the order its cell gave them)."""
    return {row["id"]: sorted((p["person"], p["role"], p["agency"]) for p in row.get("persons", ()))
            for row in json.loads(listing)}


@pytest.fixture
def with_persons(db_url: str, tmp_path: Path) -> str:
    _ingest(db_url, tmp_path, KH2242, CV6225)
    return db_url


@pytest.mark.parametrize("args", READS, ids=[" ".join(a[:3]) for a in READS])
def test_persons_read_through_the_driver_as_through_a_session(
    with_persons: str, args: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    import store.db

    light = _run(with_persons, *args)
    monkeypatch.setattr(store.db, "postgres_uri", lambda _url: None)
    monkeypatch.setattr(store.db, "plain_sqlite_file", lambda _url: None)
    assert light == _run(with_persons, *args)
    if "json" in args:
        rows = json.loads(light)
        assert any(r.get("persons") for r in rows)


def test_the_driver_path_lists_persons_without_an_agency_last(with_persons: str) -> None:
    items = json.loads(_run(with_persons, "checklist", "--format", "json"))
    loan = [i for i in items if "Nguyễn Thị Loan" in i.get("persons", [])]
    assert len(loan) == 4 and all(i["agency"] is None and i["role"] == "lead" for i in loan)
    assert items[-1]["agency"] is None
    tasks = json.loads(_run(with_persons, "tasks", "--format", "json"))
    named = {p["person"] for row in tasks for p in row.get("persons", []) if p["agency"] is None}
    assert named == OFFICIALS


def test_a_read_on_a_store_from_before_persons_moves_them_first(db_url: str, tmp_path: Path) -> None:
    """kh2242's officials as a planwatch without persons stored them (unresolved agencies
    leading the tasks), a schema stamp older than the persons table: ``tasks`` upgrades the
    store, then lists them as persons."""
    _ingest(db_url, tmp_path, KH2242)
    expected = _by_task(_run(db_url, "tasks", "--format", "json"))
    assert {person for people in expected.values() for person, _, _ in people} >= OFFICIALS
    engine = make_engine(db_url)
    as_before_persons(engine, OFFICIALS, "Lào Cai")  # the rows as a planwatch without persons wrote them
    assert _by_task(_run(db_url, "tasks", "--format", "json")) == expected
    assert schema_stamp(engine) == SCHEMA_VERSION
    engine.dispose()


def test_an_all_agency_checklist_held_in_a_temporary_file_keeps_its_order(
    with_persons: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Items written to the temporary file two at a time come back in the order one sort of
    them all in memory gives (agencies, then persons without one, then due date, then task order)."""
    from datetime import date

    from sqlmodel import Session

    import store.checklist
    from store.checklist import items_from_tasks, iter_checklist_items
    from store.queries import agency_labels
    from store.task_select import TaskFilter, select_task_rows

    today = date(2026, 1, 1)
    engine = make_engine(with_persons)
    with Session(engine) as session:
        rows = select_task_rows(session, TaskFilter(today=today, quotes=False), None, agency_labels(session))
        expected = [i.to_dict() for i in items_from_tasks(rows)]
        monkeypatch.setattr(store.checklist, "SPILL_PIECE", 2)
        spilled = []
        for held in (2, 7):  # every agency merged from its runs; small ones read whole, large ones merged
            monkeypatch.setattr(store.checklist, "SPILL_ITEMS", held)
            spilled.append([i.to_dict() for i in iter_checklist_items(session, today=today)])
    engine.dispose()
    assert len(expected) > 20 and any(i["agency"] is None for i in expected)
    assert spilled == [expected, expected]


def test_an_all_agency_xlsx_made_from_tasks_equals_the_one_made_from_items(
    with_persons: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The sheet whose rows are made from the task rows (each task's cells once, held by agency,
    two at a time in the temporary file) is, byte for byte, the sheet written item by item."""
    import zipfile
    from datetime import date

    from sqlmodel import Session

    import store.checklist
    from store.checklist import AgencyTally, all_agency_rows, iter_checklist_items, labels
    from store.formats.xlsx import write_checklist_xlsx, write_task_checklist_xlsx

    today, words = date(2026, 1, 1), labels("en")
    items, tasks = tmp_path / "items.xlsx", tmp_path / "tasks.xlsx"
    engine = make_engine(with_persons)
    with Session(engine) as session:
        tally = AgencyTally(today)
        listed = iter_checklist_items(session, today=today, tally=tally)
        write_checklist_xlsx(listed, items, words, today=today, summary=lambda: [r.to_dict() for r in tally.summary()])
        monkeypatch.setattr(store.checklist, "SPILL_ITEMS", 2)
        tally = AgencyTally(today)
        rows = all_agency_rows(session, today=today, tally=tally)
        write_task_checklist_xlsx(rows, tasks, words, today=today, summary=lambda: [r.to_dict() for r in tally.summary()])
    engine.dispose()
    with zipfile.ZipFile(items) as a, zipfile.ZipFile(tasks) as b:
        sheets = [n for n in a.namelist() if n.startswith("xl/worksheets/")]
        assert len(sheets) == 2 and all(a.read(n) == b.read(n) for n in sheets)
        assert a.read("xl/styles.xml") == b.read("xl/styles.xml")
        assert a.read(sheets[0]).count(b"<row ") > 20
