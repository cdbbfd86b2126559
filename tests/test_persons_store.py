"""Persons in the store, on SQLite and PostgreSQL: stored with their tasks (never as agency
rows), linked to their agency row, shown by `task show`, the matrix and the checklist, moved
with a taught alias, forgotten with their document, and taken over from the unresolved agency
rows an older planwatch stored them as."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result
from sqlalchemy import text
from sqlmodel import Session, select

from older_stores import as_before_persons
from store import tables as t
from store.cli import cli

DOCS = Path(__file__).parent.parent / "corpus" / "docs"
KH2242 = "kh2242-laocai-sct-kiemtra-vlncn-2026.docx"
CV6225 = "cv6225-bvhttdl-cds-nguoichiutrachnhiem.md"
OFFICIALS = {"Đỗ Mạnh Cường", "Vũ Việt Linh", "Nguyễn Thị Loan"}


def _run(db_url: str, *args: str) -> Result:
    result = CliRunner().invoke(cli, ["--db", db_url, "--silent", *args])
    assert result.exit_code == 0, result.output
    return result


def _ingest(db_url: str, tmp_path: Path, *names: str) -> None:
    for name in names:
        shutil.copy(DOCS / name, tmp_path / name)
        _run(db_url, "ingest", str(tmp_path / name))


def _people(engine: Any) -> list[tuple[str, str, str | None]]:
    with Session(engine) as session:
        rows = session.exec(select(t.TaskPerson.mention, t.TaskPerson.role, t.Agency.name)
                            .join(t.Agency, t.Agency.id == t.TaskPerson.agency_id, isouter=True)).all()  # type: ignore[arg-type]
        return sorted((m, r, a) for m, r, a in rows)


def test_persons_are_stored_with_their_tasks_never_as_agencies(db_url: str, engine: Any, tmp_path: Path) -> None:
    _ingest(db_url, tmp_path, KH2242, CV6225)
    people = _people(engine)
    assert len(people) == 16 + 18
    assert {m for m, _, a in people if a is None} == OFFICIALS
    assert ("Cục trưởng Cục Du lịch Quốc gia Việt Nam", "lead", "Cục Du lịch Quốc gia Việt Nam") in people
    with Session(engine) as session:
        names = set(session.exec(select(t.Agency.name)).all())
        assert not names & OFFICIALS
    matrix = json.loads(_run(db_url, "matrix", "--format", "json").output)
    officials = [r for r in matrix if r["agency"] is None]
    assert len(officials) == 16 and {p for r in officials for p in r["persons"]} == OFFICIALS
    heads = [r for r in matrix if r["agency"] == "Cục Du lịch Quốc gia Việt Nam" and r["role"] == "lead"]
    assert [r["persons"] for r in heads] == [["Cục trưởng Cục Du lịch Quốc gia Việt Nam"]] * 2
    checklist = json.loads(_run(db_url, "checklist", "--format", "json").output)
    loan = [i for i in checklist if "Nguyễn Thị Loan" in i.get("persons", [])]
    assert len(loan) == 4 and all(i["agency"] is None and i["role"] == "lead" for i in loan)
    assert checklist[-1]["agency"] is None  # persons without an agency come after every agency


def test_task_show_lists_the_persons_with_their_agencies(db_url: str, engine: Any, tmp_path: Path) -> None:
    _ingest(db_url, tmp_path, CV6225)
    with Session(engine) as session:
        uid = session.exec(select(t.Task.uid).where(t.Task.key == "5")).one()
    shown = json.loads(_run(db_url, "task", "show", uid, "--format", "json").output)
    assert [(p["person"], p["title"], p["agency"]) for p in shown["persons"]] == [
        ("Giám đốc Trung tâm Chuyển đổi số VHTTDL", "Giám đốc", "Trung tâm Chuyển đổi số VHTTDL"),
        ("Cục trưởng Cục DLQGVN", "Cục trưởng", "Cục DLQGVN")]
    text_view = _run(db_url, "task", "show", uid, "--format", "text").output
    assert ("persons:\n  lead: Giám đốc Trung tâm Chuyển đổi số VHTTDL (Trung tâm Chuyển đổi số VHTTDL)\n"
            "  lead: Cục trưởng Cục DLQGVN (Cục DLQGVN)\n") in text_view


PLAN = """ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG

Số: 77/KH-UBND

ngày 5 tháng 3 năm 2024

# KẾ HOẠCH

Hợp tác quốc tế năm 2024

| TT | Nhiệm vụ | Người chịu trách nhiệm | Đơn vị chủ trì | Thời gian thực hiện |
|---|---|---|---|---|
| 1 | Hợp tác quốc tế về chuyển đổi số | Giám đốc Sở Ngoại giao | Sở Ngoại giao | Năm 2024 |
"""


def test_a_taught_alias_moves_a_persons_agency_and_forget_removes_them(db_url: str, engine: Any, tmp_path: Path) -> None:
    path = tmp_path / "plan-77.md"
    path.write_text(PLAN, encoding="utf-8")
    _run(db_url, "ingest", str(path))
    assert _people(engine) == [("Giám đốc Sở Ngoại giao", "lead", "Sở Ngoại giao")]  # unresolved, kept as written
    _run(db_url, "agencies", "alias", "Sở Ngoại giao", "Sở Ngoại vụ")
    assert _people(engine) == [("Giám đốc Sở Ngoại giao", "lead", "Sở Ngoại vụ")]
    with Session(engine) as session:
        assert session.exec(select(t.Agency).where(t.Agency.name == "Sở Ngoại giao")).first() is None
    _run(db_url, "documents", "forget", "77/KH-UBND")
    assert _people(engine) == []


def test_an_older_store_gets_its_persons_from_the_unresolved_agencies(db_url: str, tmp_path: Path) -> None:
    from store.db import init_db, make_engine

    _ingest(db_url, tmp_path, KH2242)
    engine = make_engine(db_url)
    as_before_persons(engine, OFFICIALS, "Lào Cai")  # the rows as a planwatch without persons wrote them
    init_db(engine)
    assert {m for m, _, a in _people(engine) if a is None} == OFFICIALS and len(_people(engine)) == 16
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM assignment")).scalar_one() == 0
        assert conn.execute(text("SELECT count(*) FROM agency WHERE resolved = :r"), {"r": False}).scalar_one() == 0
    engine.dispose()
